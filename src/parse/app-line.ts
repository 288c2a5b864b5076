export interface AppLine {
  readonly requestId: string;
  readonly body: string;
}

const PYTHON_FRAME = /^\[[A-Z]+\]\t[^\t]+\t([^\t]+)\t/;
const NODE_FRAME = /^\d{4}-\d{2}-\d{2}T[^\t]{8,30}\t([^\t\s]+)\t[A-Z]+\t/;

/**
 * Splits the runtime's framing off an application log line: Node.js writes
 * `<ISO>\t<requestId>\t<LEVEL>\t<message>`, Python `[LEVEL]\t<ISO>\t<requestId>\t<message>`.
 */
export function splitAppLine(message: string): AppLine | undefined {
  const m = (message.charCodeAt(0) === 0x5b /* [ */ ? PYTHON_FRAME : NODE_FRAME).exec(message);
  return m?.[1] === undefined ? undefined : { requestId: m[1], body: message.slice(m[0].length) };
}
