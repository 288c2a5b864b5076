const MS_PER_DAY = 86_400_000;

/** A half-open window [startMs, endMs) asked for with --start/--end/--days/--since. */
export interface RequestedWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** The window the numbers rest on: the one asked for, or the span of the events read. */
export interface EffectiveWindow {
  readonly startMs: number | undefined;
  readonly endMs: number | undefined;
  readonly from: 'flags' | 'data';
  /** Length used for monthly projections; undefined when it is zero or unknown. */
  readonly lengthMs: number | undefined;
}

/** Resolves the window: the requested one, else first to last event (inclusive, so nothing is cut). */
export function effectiveWindow(
  requested: RequestedWindow | undefined,
  firstEventMs: number | undefined,
  lastEventMs: number | undefined,
): EffectiveWindow {
  if (requested !== undefined) {
    return { ...requested, from: 'flags', lengthMs: requested.endMs - requested.startMs };
  }
  const length = firstEventMs !== undefined && lastEventMs !== undefined ? lastEventMs - firstEventMs : undefined;
  return { startMs: firstEventMs, endMs: lastEventMs, from: 'data', lengthMs: length !== undefined && length > 0 ? length : undefined };
}

export const windowDays = (lengthMs: number): number => lengthMs / MS_PER_DAY;

/** An epoch-millisecond time as ISO-8601 UTC; null when there is none. */
export const isoTime = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString());
