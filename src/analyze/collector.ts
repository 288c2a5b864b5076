import type { LogEvent } from '../parse/log-event.js';
import { parseMessage } from '../parse/parse-event.js';
import type { MalformedRecord } from '../parse/records.js';
import { Flag, InvocationStore } from './invocation-store.js';

/** Counts of what the join saw besides invocations, for the document's source and warnings. */
export interface CollectorCounts {
  events: number;
  malformedEvents: number;
  firstMalformed: MalformedRecord | undefined;
  duplicateReports: number;
  conflictingReports: number;
  incompleteTrackerBlocks: number;
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
}

/** Parses events as they stream in and joins them by request id. Pure: no I/O, no clock. */
export class Collector {
  readonly store = new InvocationStore();
  readonly counts: CollectorCounts = {
    events: 0,
    malformedEvents: 0,
    firstMalformed: undefined,
    duplicateReports: 0,
    conflictingReports: 0,
    incompleteTrackerBlocks: 0,
    firstEventMs: undefined,
    lastEventMs: undefined,
  };

  /** Widens the span of events seen by events a source read but did not hand over (noise). */
  noteSpan(firstMs: number | undefined, lastMs: number | undefined): void {
    const c = this.counts;
    if (firstMs !== undefined && (c.firstEventMs === undefined || firstMs < c.firstEventMs)) c.firstEventMs = firstMs;
    if (lastMs !== undefined && (c.lastEventMs === undefined || lastMs > c.lastEventMs)) c.lastEventMs = lastMs;
  }

  add(event: LogEvent): void {
    const c = this.counts;
    c.events += 1;
    const ts = event.timestamp;
    this.noteSpan(ts, ts);
    const record = parseMessage(event.message);
    if (record === undefined) return;
    switch (record.kind) {
      case 'report': {
        const outcome = this.store.addReport(record, ts ?? record.messageTimestamp);
        if (outcome === 'identical') c.duplicateReports += 1;
        else if (outcome === 'conflict') c.conflictingReports += 1;
        return;
      }
      case 'tool':
        this.store.addTool(record.requestId, record.tool);
        return;
      case 'tracker':
        if (!record.complete) c.incompleteTrackerBlocks += 1;
        this.store.addTrackerPeaks(record.requestId, record.peakHeapMB, record.peakRssMB);
        return;
      case 'timeout':
        this.store.addFlag(record.requestId, Flag.timeoutLine);
        return;
      case 'killed':
        this.store.addFlag(record.requestId, Flag.killedLine);
        return;
      case 'malformed':
        c.malformedEvents += 1;
        c.firstMalformed ??= record;
        return;
    }
  }

  addAll(events: Iterable<LogEvent>): void {
    for (const e of events) this.add(e);
  }
}
