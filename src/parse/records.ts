/** What one log event says about an invocation; everything else in a log is noise to llmmem. */
export type ParsedRecord = ReportRecord | ToolRecord | TrackerRecord | FailureRecord | MalformedRecord;

export interface ReportRecord {
  readonly kind: 'report';
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMB: number;
  readonly maxMemoryUsedMB: number;
  readonly initDurationMs?: number | undefined;
  readonly restoreDurationMs?: number | undefined;
  readonly billedRestoreDurationMs?: number | undefined;
  /** `timeout`, `error`, … as the platform reported it; undefined on success in the text format. */
  readonly status?: string | undefined;
  readonly errorType?: string | undefined;
  /** The message's own time (JSON format `time`), used when the container gives none. */
  readonly messageTimestamp?: number | undefined;
}

/** `🔧 Tool <name> memory: <heap>MB heap, <rss>MB RSS` */
export interface ToolRecord {
  readonly kind: 'tool';
  readonly requestId: string;
  readonly tool: string;
  readonly heapMB: number;
  readonly rssMB: number;
}

/** The `📊 Memory Statistics:` block; a field is undefined when the block was cut before it. */
export interface TrackerRecord {
  readonly kind: 'tracker';
  readonly requestId: string;
  readonly peakHeapMB?: number | undefined;
  readonly peakRssMB?: number | undefined;
  readonly complete: boolean;
}

/** `Task timed out after …` or `Runtime exited with error: signal: killed` for a request. */
export interface FailureRecord {
  readonly kind: 'timeout' | 'killed';
  readonly requestId: string;
}

/** An event that announces itself as one of the above but cannot be read. */
export interface MalformedRecord {
  readonly kind: 'malformed';
  readonly reason: string;
  readonly excerpt: string;
}
