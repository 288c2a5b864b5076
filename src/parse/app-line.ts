import { matchTimestamp } from './iso-time.js';

export interface AppLine {
  readonly requestId: string;
  readonly body: string;
}

const PYTHON_FRAME = /^\[[A-Z]+\]\t[^\t]+\t([^\t]+)\t/;
const NODE_FRAME = /^\t([^\t\s]+)\t[A-Z]+\t/;

/**
 * Splits the runtime's framing off an application log line: Node.js writes
 * `<ISO>\t<requestId>\t<LEVEL>\t<message>`, Python `[LEVEL]\t<ISO>\t<requestId>\t<message>`.
 */
export function splitAppLine(message: string): AppLine | undefined {
  if (message.charCodeAt(0) === 0x5b /* [ */) {
    const m = PYTHON_FRAME.exec(message);
    return m?.[1] === undefined ? undefined : { requestId: m[1], body: message.slice(m[0].length) };
  }
  const ts = matchTimestamp(message);
  if (ts === undefined) return undefined;
  const rest = message.slice(ts.length);
  const m = NODE_FRAME.exec(rest);
  return m?.[1] === undefined ? undefined : { requestId: m[1], body: rest.slice(m[0].length) };
}
