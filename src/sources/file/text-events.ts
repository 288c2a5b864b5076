import { matchTimestamp } from '../../parse/iso-time.js';
import type { LogEvent } from '../../parse/log-event.js';
import type { LineBatch } from './split-lines.js';

// Messages that can only be the start of an event: platform lines and the runtimes' framed lines.
const MESSAGE_START = /^(?:(?:START|END|REPORT) RequestId:|INIT_START|INIT_REPORT|RESTORE_|EXTENSION|TELEMETRY|\d{4}-\d{2}-\d{2}T\S+\t|\[[A-Z]+\]\t|\{")/;

type Layout = 'undecided' | 'timestamp-message' | 'timestamp-stream-message';

export interface TextEventCounts {
  events: number;
  oversizedLines: number;
}

/**
 * Frames line-based exports into events: `aws logs tail` (`<ISO> <stream> <message>`), S3 exports and
 * `tail --format short` (`<ISO> <message>`), or bare messages. A line that does not start a new event
 * continues the one before it, which is how multi-line messages (the 📊 block) come back whole.
 */
export async function* textEvents(batches: AsyncIterable<LineBatch>, counts: TextEventCounts): AsyncGenerator<LogEvent[]> {
  let layout: Layout = 'undecided';
  let timestamped = false;
  let message: string | undefined;
  let timestamp: number | undefined;
  let stream: string | undefined;
  let out: LogEvent[] = [];
  const flush = (): void => {
    if (message !== undefined) out.push({ message, timestamp, logStream: stream });
    message = undefined;
  };

  // The last event of a batch stays open: its message may go on in the next batch.
  for await (const batch of batches) {
    counts.oversizedLines += batch.oversized;
    for (const line of batch.lines) {
      const c0 = line.charCodeAt(0);
      const ts = c0 >= 48 && c0 <= 57 ? matchTimestamp(line) : undefined;
      if (ts !== undefined && line.charCodeAt(ts.length) === 32 /* space */) {
        flush();
        const rest = line.slice(ts.length + 1);
        if (layout === 'undecided') layout = decideLayout(rest) ?? layout;
        // Only a recognised message after the timestamp proves the container writes one on every event: a
        // bare `<ISO> <id> Task timed out` line has the same shape.
        timestamped = layout !== 'undecided';
        timestamp = ts.epochMs;
        if (layout === 'timestamp-stream-message') {
          const space = rest.indexOf(' ');
          stream = space === -1 ? rest : rest.slice(0, space);
          message = space === -1 ? '' : rest.slice(space + 1);
        } else {
          stream = undefined;
          message = rest;
        }
      } else if (!timestamped && (message === undefined || MESSAGE_START.test(line))) {
        if (line.length === 0 && message === undefined) continue;
        flush();
        timestamp = ts?.epochMs;
        stream = undefined;
        message = line;
      } else if (message !== undefined) {
        message += '\n' + line;
      }
    }
    if (out.length > 0) {
      counts.events += out.length;
      yield out;
      out = [];
    }
  }
  flush();
  counts.events += out.length;
  if (out.length > 0) yield out;
}

/** Tells `<ISO> <message>` from `<ISO> <stream> <message>` by where a recognisable message begins. */
function decideLayout(rest: string): Layout | undefined {
  if (MESSAGE_START.test(rest)) return 'timestamp-message';
  const space = rest.indexOf(' ');
  if (space > 0 && MESSAGE_START.test(rest.slice(space + 1))) return 'timestamp-stream-message';
  return undefined;
}
