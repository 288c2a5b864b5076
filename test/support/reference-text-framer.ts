import { matchTimestamp } from '../../src/parse/iso-time.js';
import type { LogEvent } from '../../src/parse/log-event.js';

const MESSAGE_START = /^(?:(?:START|END|REPORT) RequestId:|RequestId: \S+ Error:|INIT_START|INIT_REPORT|RESTORE_|EXTENSION|TELEMETRY|\d{4}-\d{2}-\d{2}T\S+\t|\d{4}-\d{2}-\d{2}T\S+ \S+ Task timed out|\[[A-Z]+\]\t|\{")/;

/**
 * The framing rules written the plain way, over the whole text at once and yielding every event: the reference the
 * streaming byte-level framer must agree with.
 */
export function referenceFrame(text: string): LogEvent[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  let layout: 'undecided' | 'message' | 'stream' = 'undecided';
  const out: { message: string; timestamp: number | undefined; logStream: string | undefined }[] = [];
  let current: (typeof out)[number] | undefined;
  for (const line of lines) {
    const ts = matchTimestamp(line);
    if (ts !== undefined && line[ts.length] === ' ') {
      const rest = line.slice(ts.length + 1);
      if (layout === 'undecided') {
        if (MESSAGE_START.test(rest)) layout = 'message';
        else if (rest.indexOf(' ') > 0 && MESSAGE_START.test(rest.slice(rest.indexOf(' ') + 1))) layout = 'stream';
      }
      if (layout === 'stream') {
        const space = rest.indexOf(' ');
        current = { message: space === -1 ? '' : rest.slice(space + 1), timestamp: ts.epochMs, logStream: space === -1 ? rest : rest.slice(0, space) };
      } else {
        current = { message: rest, timestamp: ts.epochMs, logStream: undefined };
      }
      out.push(current);
    } else if (layout === 'undecided' && (current === undefined || MESSAGE_START.test(line))) {
      if (line === '' && current === undefined) continue;
      current = { message: line, timestamp: ts !== undefined && line[ts.length] === '\t' ? ts.epochMs : undefined, logStream: undefined };
      out.push(current);
    } else if (current !== undefined) {
      current.message += '\n' + line;
    }
  }
  return out;
}
