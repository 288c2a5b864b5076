import { LlmmemError } from '../../errors.js';
import { bytesAt } from '../../parse/ascii.js';
import { widenSpan } from '../../parse/event-span.js';
import type { LogEvent, SourceEvent } from '../../parse/log-event.js';
import { MarkerSeen } from '../../parse/record-bytes.js';
import { MessageBytes, readFlatJsonEvent, skipJsonSpace } from './flat-json-event.js';
import { firstAtOrAfter, markerAt, markerKind, scanBlock, SEEN_BY_KIND, type MarkerEntries } from './marker-positions.js';

export interface JsonDocumentCounts {
  events: number;
  skippedEvents: number;
  firstSkipped: string | undefined;
  documents: number;
  /** Span of every event's timestamp, noise included (only events that matter are yielded). */
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
}

const TIMESTAMP_KEY = Buffer.from('"timestamp"');
const MESSAGE_KEY = Buffer.from('"message"');

/** Where `key` (quotes included) occurs in `buf[from, to)` if it occurs there exactly once, else -1: native searches. */
function onlyKeyBySearch(buf: Buffer, key: Buffer, from: number, to: number): number {
  const at = buf.indexOf(key, from);
  if (at === -1 || at >= to) return -1;
  const again = buf.indexOf(key, at + key.length);
  return again === -1 || again >= to ? at : -1;
}

/** Where an event object's `"timestamp"` and `"message"` keys are, each -1 unless it occurs exactly once. */
interface KeyPositions {
  timestamp: number;
  message: number;
}

/**
 * onlyKeyBySearch for both keys at once, from the block's structure (`structure[k…]`, the first at or after `from`):
 * each key starts with a quote, so looking at every quote finds every occurrence the searches would.
 */
function onlyKeysInStructure(buf: Buffer, structure: Int32Array, k: number, to: number, out: KeyPositions): void {
  let timestamp = -1;
  let message = -1;
  let timestamps = 0;
  let messages = 0;
  for (; k < structure.length && structure[k]! < to; k++) {
    const q = structure[k]!;
    const c = buf[q + 1];
    if (c === 0x74 && bytesAt(buf, q, to, TIMESTAMP_KEY)) {
      timestamp = q;
      timestamps += 1;
    } else if (c === 0x6d && bytesAt(buf, q, to, MESSAGE_KEY)) {
      message = q;
      messages += 1;
    }
  }
  out.timestamp = timestamps === 1 ? timestamp : -1;
  out.message = messages === 1 ? message : -1;
}

/**
 * The `"timestamp": <digits>` of an event object in `buf[from, to)`, read without parsing the object, when the
 * object also has a `"message": "…"` (a string) and names each once (JSON.parse keeps the last of two; `keys` says
 * where each occurs once, or -1); undefined for anything else, which the full readers decide.
 */
function noiseTimestampIn(buf: Buffer, to: number, keys: KeyPositions): number | undefined {
  const at = keys.timestamp;
  const messageAt = keys.message;
  if (at === -1 || messageAt === -1) return undefined;
  let m = skipJsonSpace(buf, messageAt + MESSAGE_KEY.length, to);
  if (buf[m] !== 0x3a) return undefined;
  m = skipJsonSpace(buf, m + 1, to);
  if (buf[m] !== 0x22) return undefined;
  let i = skipJsonSpace(buf, at + TIMESTAMP_KEY.length, to);
  if (buf[i] !== 0x3a) return undefined;
  i = skipJsonSpace(buf, i + 1, to);
  let value = 0;
  let digits = 0;
  while (i < to && buf[i]! >= 48 && buf[i]! <= 57) {
    value = value * 10 + (buf[i]! - 48);
    digits += 1;
    i += 1;
  }
  // anything but a plain integer (a fraction, an exponent, a string) goes to the full readers
  return digits === 0 || digits > 15 || buf[i] === 0x2e || buf[i] === 0x65 || buf[i] === 0x45 ? undefined : value;
}

/** MarkerSeen bits of the marker entries from `m` on that start at or before `last`. */
function seenIn(markers: MarkerEntries, m: number, last: number): number {
  let seen = 0;
  for (let k = m; k < markers.length && markerAt(markers[k]!) <= last; k++) seen |= SEEN_BY_KIND[markerKind(markers[k]!)]!;
  return seen;
}

const QUOTE = 0x22;
const FOUR_SPACES = 0x20202020;
const BACKSLASH = 0x5c;
const OBJECT = 0;
const ARRAY = 1;

function toEvent(raw: string): LogEvent | undefined {
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null) return undefined;
  const { message, timestamp, logStreamName } = o as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  return {
    message,
    timestamp: typeof timestamp === 'number' && Number.isFinite(timestamp) ? timestamp : undefined,
    logStream: typeof logStreamName === 'string' ? logStreamName : undefined,
  };
}

/**
 * A scan of part of a document (read-in-parts): it starts either at the document's start or just inside an open
 * `"events": [` of a `{…}` document, and may end before the document does, saying whether it ended there.
 */
export interface JsonPart {
  readonly startsInEvents: boolean;
  /** Offset of the part's first byte in the file, for error messages. */
  readonly offset: number;
  /** Whether the part ends before the document does; read once the part's bytes are exhausted. */
  endsEarly: boolean;
  /** Set by a part that endsEarly: whether it ended just inside an open `"events": [`, between two elements. */
  atEventsBoundary?: boolean;
}

/**
 * Streams the events out of `aws logs filter-log-events --output json` (`{"events":[…],…}`), a bare array
 * of events, or several such documents one after another, without ever holding the document as one string:
 * a byte scanner finds each event object and only that object is handed to JSON.parse, which decodes
 * `\uXXXX` escapes and surrogate pairs.
 */
export async function* jsonDocumentEvents(chunks: AsyncIterable<Buffer>, name: string, counts: JsonDocumentCounts, part?: JsonPart): AsyncGenerator<SourceEvent[]> {
  const inEvents = part?.startsInEvents === true;
  const stack: number[] = inEvents ? [OBJECT, ARRAY] : [];
  let inString = false;
  /** Whether the string being scanned is a value (it follows a colon): values are long, keys short. */
  let valueString = false;
  let afterColon = false;
  let pendingEscape = false;
  let eventsDepth = inEvents ? 2 : -1;
  let expectKey = false;
  let key: Buffer[] | undefined;
  let currentKey = inEvents ? 'events' : '';
  let sawEvents = inEvents;
  let capture: Buffer[] | undefined;
  let captureFrom = 0;
  /** Whether the object being captured holds an object or array. */
  let captureNested = false;
  let offset = part?.offset ?? 0;
  const fail = (what: string, at: number): never => {
    throw new LlmmemError(`${name}: ${what} (byte ${at})`, {
      hint: 'expected the output of `aws logs filter-log-events --output json`',
    });
  };

  const room = new MessageBytes();
  const keys: KeyPositions = { timestamp: -1, message: -1 };
  for await (const buf of chunks) {
    const out: SourceEvent[] = [];
    const len = buf.length;
    const words = buf.byteOffset % 4 === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, len >>> 2) : undefined;
    const { markers, listed: structure, kernel } = scanBlock(buf, true);
    room.reset(len, kernel);
    let m = 0;
    /** The first of `structure` not yet passed. */
    let sk = 0;
    /** The first of `structure` not before the last noise object looked at. */
    let sn = 0;
    let i = 0;
    if (capture !== undefined) captureFrom = 0;
    let keyFrom = 0;
    let flat: SourceEvent | undefined;
    // the byte a backslash that ended the last chunk escapes (out of the loop, and without arithmetic: a branch taken
    // only after the loop was optimised deoptimised it, and its ~90 ms compile was done again)
    if (len > 0 && pendingEscape) {
      pendingEscape = false;
      i = 1;
    }
    while (i < len) {
      if (inString) {
        let q: number;
        if (structure !== undefined) {
          while (sk < structure.length && (structure[sk]! < i || buf[structure[sk]!] !== QUOTE)) sk += 1;
          q = sk < structure.length ? structure[sk]! : -1;
        } else {
          // keys are short: a loop finds their end sooner than a native search starts
          q = i;
          const near = valueString ? i : Math.min(len, i + 24);
          while (q < near && buf[q] !== QUOTE) q += 1;
          if (q === near) q = near === len ? -1 : buf.indexOf(QUOTE, near);
        }
        const end = q === -1 ? len : q;
        // k: the last byte before the quote that is not a backslash (i - 1 if none). Decremented once on every
        // string, so that the decrement has type feedback when this loop is optimised: a string ending in a backslash,
        // first met after that, deoptimised the whole reader (and its ~90 ms compile was done again)
        let k = end;
        do {
          k -= 1;
        } while (k >= i && buf[k] === BACKSLASH);
        const escaped = (end - 1 - k) % 2 === 1;
        if (q === -1) {
          pendingEscape = escaped;
          if (key !== undefined) key.push(Buffer.from(buf.subarray(keyFrom, len)));
          i = len;
          break;
        }
        i = q + 1;
        if (escaped) continue;
        inString = false;
        if (key !== undefined) {
          key.push(buf.subarray(keyFrom, q));
          currentKey = Buffer.concat(key).toString('utf8');
          key = undefined;
        }
        continue;
      }
      if (capture !== undefined && structure !== undefined) {
        // inside an event object nothing but its structure matters here (its values are read when it closes)
        while (sk < structure.length && structure[sk]! < i) sk += 1;
        const next = sk < structure.length ? structure[sk]! : len;
        if (next > i) {
          i = next;
          continue;
        }
      }
      const c = buf[i]!;
      if (c === 0x20 || c === 0x0a) {
        // pretty-printed documents are mostly indentation: skip it four bytes a step where the words line up (each
        // loop bounded: a read past the end, where a run of spaces ends a chunk, deoptimised this reader)
        i += 1;
        while ((i & 3) !== 0 && i < len && buf[i] === 0x20) i += 1;
        if (words !== undefined && (i & 3) === 0) {
          let w = i >>> 2;
          while (w < words.length && words[w] === FOUR_SPACES) w += 1;
          i = w << 2;
        }
        while (i < len && buf[i] === 0x20) i += 1;
        continue;
      }
      const depth = stack.length;
      switch (c) {
        case QUOTE:
          inString = true;
          valueString = afterColon;
          afterColon = false;
          if (depth === 1 && stack[0] === OBJECT && expectKey) {
            key = [];
            keyFrom = i + 1;
          }
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (depth === 0) {
            if (c === 0x5b) eventsDepth = 1;
            sawEvents = c === 0x5b;
            expectKey = c === 0x7b;
          } else if (depth === 1 && stack[0] === OBJECT && currentKey === 'events') {
            if (c !== 0x5b) fail('"events" is not an array', offset + i);
            eventsDepth = 2;
            sawEvents = true;
          } else if (depth === eventsDepth && c === 0x7b) {
            capture = [];
            captureFrom = i;
            captureNested = false;
          } else if (depth === eventsDepth) {
            counts.skippedEvents += 1;
            counts.firstSkipped ??= 'an element of "events" that is not an object';
          } else if (capture !== undefined) {
            captureNested = true;
          }
          stack.push(c === 0x7b ? OBJECT : ARRAY);
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (depth === 0 || stack[depth - 1] !== (c === 0x7d ? OBJECT : ARRAY)) fail('unbalanced brackets', offset + i);
          stack.pop();
          if (depth - 1 === eventsDepth && capture !== undefined) {
            // An object wholly in this chunk with no marker and no escape is noise: count it, keep its time.
            m = firstAtOrAfter(markers, captureFrom, m);
            // (a nested value may hold keys of its own: JSON.parse decides such an object)
            const noise = capture.length === 0 && !captureNested && !(m < markers.length && markerAt(markers[m]!) <= i);
            let noiseTime: number | undefined;
            if (noise) {
              if (structure === undefined) {
                keys.timestamp = onlyKeyBySearch(buf, TIMESTAMP_KEY, captureFrom, i);
                keys.message = onlyKeyBySearch(buf, MESSAGE_KEY, captureFrom, i);
              } else {
                while (sn < structure.length && structure[sn]! < captureFrom) sn += 1;
                onlyKeysInStructure(buf, structure, sn, i, keys);
              }
              noiseTime = noiseTimestampIn(buf, i, keys);
            }
            // anything unusual (no plain timestamp, no string message, a key twice) goes to the full readers
            if (noiseTime !== undefined) {
              counts.events += 1;
              widenSpan(counts, noiseTime, noiseTime);
              capture = undefined;
            } else if (capture.length === 0 && (flat = readFlatJsonEvent(buf, captureFrom, i, seenIn(markers, m, i) | MarkerSeen.unclearLines, room)) !== undefined) {
              counts.events += 1;
              widenSpan(counts, flat.timestamp, flat.timestamp);
              out.push(flat);
              capture = undefined;
            } else {
              capture.push(buf.subarray(captureFrom, i + 1));
              const raw = capture.length === 1 ? capture[0]!.toString('utf8') : Buffer.concat(capture).toString('utf8');
              capture = undefined;
              const event = toEvent(raw);
              if (event === undefined) {
                counts.skippedEvents += 1;
                counts.firstSkipped ??= raw.slice(0, 160);
              } else {
                counts.events += 1;
                widenSpan(counts, event.timestamp, event.timestamp);
                out.push(event);
              }
            }
          } else if (depth - 1 === eventsDepth - 1 && c === 0x5d) {
            eventsDepth = -1;
          }
          if (depth === 1) {
            if (!sawEvents) fail('a JSON object with no "events" array', offset + i);
            counts.documents += 1;
            currentKey = '';
            eventsDepth = -1;
          }
          break;
        case 0x2c: // ,
          afterColon = false;
          if (depth === 1 && stack[0] === OBJECT) {
            expectKey = true;
            currentKey = '';
          }
          break;
        case 0x3a: // :
          if (depth === 1) expectKey = false;
          afterColon = true;
          break;
        case 0x0d: // (spaces and newlines are skipped before the switch)
        case 0x09:
          break;
        default:
          if (depth === 0) fail(c === 0xef || c === 0xfe || c === 0xff ? 'unexpected byte-order mark' : 'not a JSON object or array', offset + i);
          if (depth === eventsDepth && capture === undefined && c !== 0x2c) {
            counts.skippedEvents += 1;
            counts.firstSkipped ??= 'an element of "events" that is not an object';
            // skip the rest of this scalar
            while (i + 1 < len && !isDelimiter(buf[i + 1]!)) i += 1;
          }
      }
      i += 1;
    }
    // kept across chunks, so copied: the chunk may be read into again
    if (capture !== undefined) capture.push(Buffer.from(buf.subarray(captureFrom, len)));
    offset += len;
    if (out.length > 0) yield out;
  }
  if (part?.endsEarly === true) {
    part.atEventsBoundary =
      !inString && !pendingEscape && key === undefined && capture === undefined && !expectKey && sawEvents && currentKey === 'events' &&
      eventsDepth === 2 && stack.length === 2 && stack[0] === OBJECT && stack[1] === ARRAY;
    return;
  }
  if (inString || stack.length > 0) fail('the JSON document ends in the middle (truncated?)', offset);
}

const isDelimiter = (c: number): boolean => c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
