import { bytesAt } from '../../parse/ascii.js';
import type { ByteEvent } from '../../parse/log-event.js';
import type { RecordKernel } from '../../parse/record-kernel.js';
import type { BlockScanner } from './block-scan.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MESSAGE = Buffer.from('message');
const TIMESTAMP = Buffer.from('timestamp');
const LOG_STREAM_NAME = Buffer.from('logStreamName');

/** Past the JSON white space at `i` in `b[…, to)`. */
export function skipJsonSpace(b: Buffer, i: number, to: number): number {
  while (i < to && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i += 1;
  return i;
}

/** The byte a simple escape `\<c>` stands for; -1 for `\u` and anything that is no escape. */
function unescapedByte(c: number): number {
  switch (c) {
    case 0x22: return 0x22;
    case 0x5c: return 0x5c;
    case 0x2f: return 0x2f;
    case 0x62: return 0x08;
    case 0x66: return 0x0c;
    case 0x6e: return 0x0a;
    case 0x72: return 0x0d;
    case 0x74: return 0x09;
    default: return -1;
  }
}

/**
 * Room for the unescaped messages of one chunk. Byte events point into it, and like every byte event they are
 * valid only until the next chunk is read: the room is then reused.
 */
export class MessageBytes {
  private own: Buffer = Buffer.alloc(0);
  private buffer: Buffer = this.own;
  private kernel: BlockScanner | undefined;
  private used = 0;
  /** Where the last string copied lies in `bytes`. */
  start = 0;
  end = 0;

  /**
   * Starts over for a new chunk of `length` bytes (its messages, unescaped, cannot be longer); `kernel`: the block
   * scanner that scanned this very chunk last, which then unescapes its strings into its own memory.
   */
  reset(length: number, kernel?: BlockScanner): void {
    this.kernel = kernel?.unescaped === undefined ? undefined : kernel;
    if (this.kernel !== undefined) {
      this.buffer = this.kernel.unescaped!;
    } else {
      if (this.own.length < length) this.own = Buffer.allocUnsafe(length);
      this.buffer = this.own;
    }
    this.used = 0;
  }

  get bytes(): Buffer {
    return this.buffer;
  }

  /** Reads the records of the messages in `bytes` where the kernel holds them; else undefined. */
  get records(): RecordKernel | undefined {
    return this.kernel?.unescapedRecords;
  }

  /**
   * Copies the JSON string at `b[at]` (its opening quote) with its escapes undone; returns the end of the
   * string (after its closing quote), or -1 for one JSON.parse must read (a `\u` escape, a control character).
   */
  copyString(b: Buffer, at: number, to: number): number {
    const kernel = this.kernel;
    if (kernel !== undefined) {
      const end = kernel.unescapeString(at, to, this.used);
      if (end !== -1) {
        this.start = this.used;
        this.end = this.used + kernel.unescapedLength;
        this.used = this.end;
      }
      return end;
    }
    const out = this.buffer;
    let n = this.used;
    for (let i = at + 1; i < to; i++) {
      let c = b[i]!;
      if (c === QUOTE) {
        this.start = this.used;
        this.end = n;
        this.used = n;
        return i + 1;
      }
      if (c < 0x20) return -1;
      if (c === BACKSLASH) {
        c = unescapedByte(b[++i]!);
        if (c === -1) return -1;
      }
      out[n++] = c;
    }
    return -1;
  }
}

/**
 * End of the JSON string whose opening quote is at `at` (index after its closing quote), or -1 for one it leaves to
 * JSON.parse; with `escapes` false, any escape is left to it too.
 */
function stringEnd(b: Buffer, at: number, to: number, escapes = true): number {
  for (let i = at + 1; i < to; i++) {
    const c = b[i]!;
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c === BACKSLASH && (!escapes || unescapedByte(b[++i]!) === -1)) return -1;
  }
  return -1;
}

const isKey = (b: Buffer, from: number, to: number, key: Buffer): boolean => to - from === key.length && bytesAt(b, from, to, key);

/**
 * The event object `b[from, to]` (from `{` to its `}`) read without JSON.parse, when it is a flat object of
 * strings with simple escapes and plain integers: what JSON.parse and toEvent would make of it, as a ByteEvent
 * whose message is copied, unescaped, into `room`. Undefined for anything else (`\u` escapes, nested values,
 * fractions, a message that is not a string…), which goes to JSON.parse.
 */
export function readFlatJsonEvent(b: Buffer, from: number, to: number, seen: number, room: MessageBytes): ByteEvent | undefined {
  let i = from + 1;
  let messageStart = -1;
  let messageEnd = -1;
  let timestamp: number | undefined;
  let streamStart = 0;
  let streamEnd = 0;
  for (;;) {
    i = skipJsonSpace(b, i, to);
    if (b[i] !== QUOTE) return undefined;
    const keyEnd = stringEnd(b, i, to);
    if (keyEnd === -1) return undefined;
    const isMessage = isKey(b, i + 1, keyEnd - 1, MESSAGE);
    const isTimestamp = isKey(b, i + 1, keyEnd - 1, TIMESTAMP);
    const isStream = isKey(b, i + 1, keyEnd - 1, LOG_STREAM_NAME);
    i = keyEnd;
    i = skipJsonSpace(b, i, to);
    if (b[i] !== 0x3a) return undefined;
    i += 1;
    i = skipJsonSpace(b, i, to);
    if (b[i] === QUOTE) {
      // (a stream name with an escape is left to JSON.parse, which undoes it)
      const valueEnd = isMessage ? room.copyString(b, i, to) : stringEnd(b, i, to, !isStream);
      if (valueEnd === -1) return undefined;
      if (isMessage) {
        messageStart = room.start;
        messageEnd = room.end;
      } else if (isTimestamp) {
        // a string timestamp is no time: toEvent keeps numbers only
        timestamp = undefined;
      } else if (isStream) {
        streamStart = i + 1;
        streamEnd = valueEnd - 1;
      }
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
      if (isStream) streamStart = streamEnd = 0;
    } else {
      return undefined;
    }
    i = skipJsonSpace(b, i, to);
    if (b[i] === 0x2c && i < to) {
      i += 1;
      continue;
    }
    if (b[i] !== 0x7d || i !== to) return undefined;
    break;
  }
  if (messageStart === -1) return undefined;
  const streamBytes = streamEnd > streamStart ? b : undefined;
  return { bytes: room.bytes, start: messageStart, end: messageEnd, timestamp, seen, kernel: room.records, streamBytes, streamStart, streamEnd };
}
