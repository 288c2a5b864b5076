import { parseTimestamp } from '../../parse/iso-time.js';
import type { LogEvent } from '../../parse/log-event.js';
import type { LineBatch } from './split-lines.js';

export interface NdjsonCounts {
  events: number;
  skippedLines: number;
  firstSkipped: string | undefined;
}

type Json = Record<string, unknown>;

/** A line of Lambda's own JSON log format is itself the message, not a container around one. */
function isLambdaJsonRecord(o: Json): boolean {
  const type = o['type'];
  return (typeof type === 'string' && type.startsWith('platform.')) || (typeof o['requestId'] === 'string' && typeof o['level'] === 'string');
}

function toEvent(line: string, o: Json): LogEvent | undefined {
  if (isLambdaJsonRecord(o)) {
    const t = o['time'] ?? o['timestamp'];
    return { message: line, timestamp: typeof t === 'string' || typeof t === 'number' ? parseTimestamp(t) : undefined };
  }
  const m = o['message'];
  const message = typeof m === 'string' ? m : typeof m === 'object' && m !== null ? JSON.stringify(m) : undefined;
  if (message === undefined) return undefined;
  const t = o['timestamp'];
  const stream = o['logStreamName'];
  return {
    message,
    timestamp: typeof t === 'string' || typeof t === 'number' ? parseTimestamp(t) : undefined,
    logStream: typeof stream === 'string' ? stream : undefined,
  };
}

/** One JSON object a line, with `message` and `timestamp` (epoch ms or ISO), or Lambda JSON-format lines. */
export async function* ndjsonEvents(batches: AsyncIterable<LineBatch>, counts: NdjsonCounts): AsyncGenerator<LogEvent[]> {
  for await (const batch of batches) {
    const out: LogEvent[] = [];
    counts.skippedLines += batch.oversized;
    for (const line of batch.lines) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      const event = typeof value === 'object' && value !== null && !Array.isArray(value) ? toEvent(line, value as Json) : undefined;
      if (event === undefined) {
        counts.skippedLines += 1;
        counts.firstSkipped ??= line.slice(0, 160);
        continue;
      }
      out.push(event);
    }
    counts.events += out.length;
    if (out.length > 0) yield out;
  }
}
