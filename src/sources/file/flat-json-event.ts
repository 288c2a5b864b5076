import type { ByteEvent } from '../../parse/log-event.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MESSAGE = Buffer.from('message');
const TIMESTAMP = Buffer.from('timestamp');

const isJsonSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const SIMPLE_ESCAPES: Readonly<Record<number, number>> = { 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

/** End of the JSON string whose opening quote is at `at` (index after its closing quote), or -1 for one it leaves to JSON.parse. */
function stringEnd(b: Buffer, at: number, to: number): number {
  for (let i = at + 1; i < to; i++) {
    const c = b[i]!;
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      if (SIMPLE_ESCAPES[b[i + 1]!] === undefined) return -1;
      i += 1;
    }
  }
  return -1;
}

/** The bytes of the string `b[at, end)` (quotes included) with its escapes undone. */
function unescaped(b: Buffer, at: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - at - 2);
  let n = 0;
  for (let i = at + 1; i < end - 1; i++) {
    const c = b[i]!;
    if (c === BACKSLASH) {
      i += 1;
      out[n++] = SIMPLE_ESCAPES[b[i]!]!;
    } else {
      out[n++] = c;
    }
  }
  return out.subarray(0, n);
}

/**
 * The event object `b[from, to]` (from `{` to its `}`) read without JSON.parse, when it is a flat object of
 * strings with simple escapes and plain integers: what JSON.parse and toEvent would make of it, as a ByteEvent.
 * Undefined for anything else (`\u` escapes, nested values, fractions, a message that is not a string…), which
 * goes to JSON.parse.
 */
export function readFlatJsonEvent(b: Buffer, from: number, to: number, seen: number): ByteEvent | undefined {
  let i = from + 1;
  let message: Buffer | undefined;
  let timestamp: number | undefined;
  for (;;) {
    while (isJsonSpace(b[i])) i += 1;
    if (b[i] !== QUOTE) return undefined;
    const keyEnd = stringEnd(b, i, to);
    if (keyEnd === -1) return undefined;
    const keyFrom = i + 1;
    const keyLength = keyEnd - 1 - keyFrom;
    i = keyEnd;
    while (isJsonSpace(b[i])) i += 1;
    if (b[i] !== 0x3a) return undefined;
    i += 1;
    while (isJsonSpace(b[i])) i += 1;
    const isMessage = keyLength === MESSAGE.length && b.compare(MESSAGE, 0, MESSAGE.length, keyFrom, keyEnd - 1) === 0;
    const isTimestamp = keyLength === TIMESTAMP.length && b.compare(TIMESTAMP, 0, TIMESTAMP.length, keyFrom, keyEnd - 1) === 0;
    if (b[i] === QUOTE) {
      const valueEnd = stringEnd(b, i, to);
      if (valueEnd === -1) return undefined;
      if (isMessage) message = unescaped(b, i, valueEnd);
      // a string timestamp is no time: toEvent keeps numbers only
      else if (isTimestamp) timestamp = undefined;
      i = valueEnd;
    } else if (b[i]! >= 0x31 && b[i]! <= 0x39) {
      let value = 0;
      let digits = 0;
      while (b[i]! >= 0x30 && b[i]! <= 0x39) {
        value = value * 10 + (b[i]! - 0x30);
        digits += 1;
        i += 1;
      }
      if (digits > 15 || b[i] === 0x2e || b[i] === 0x65 || b[i] === 0x45) return undefined;
      if (isMessage) return undefined;
      if (isTimestamp) timestamp = value;
    } else {
      return undefined;
    }
    while (isJsonSpace(b[i])) i += 1;
    if (b[i] === 0x2c && i < to) {
      i += 1;
      continue;
    }
    if (b[i] !== 0x7d || i !== to) return undefined;
    break;
  }
  if (message === undefined) return undefined;
  return { bytes: message, start: 0, end: message.length, timestamp, seen };
}
