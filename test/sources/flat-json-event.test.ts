import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageBytes, readFlatJsonEvent } from '../../src/sources/file/flat-json-event.js';
import { messageOf, streamOf } from '../support/chunks.js';

/** What the JSON.parse path makes of an event object: its message, numeric timestamp and stream name, or undefined. */
function viaJsonParse(text: string): { message: string; timestamp: number | undefined; logStream: string | undefined } | undefined {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  const { message, timestamp, logStreamName } = o as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  const logStream = typeof logStreamName === 'string' && logStreamName !== '' ? logStreamName : undefined;
  return { message, timestamp: typeof timestamp === 'number' && Number.isFinite(timestamp) ? timestamp : undefined, logStream };
}

function viaBytes(text: string) {
  const object = Buffer.from(text, 'utf8');
  const bytes = Buffer.concat([Buffer.from('[{"message": "no"},'), object, Buffer.from(',"x"}]')]);
  const from = 19;
  const room = new MessageBytes();
  room.reset(bytes.length);
  const event = readFlatJsonEvent(bytes, from, from + object.length - 1, 0, room);
  return event === undefined ? undefined : { message: messageOf(event), timestamp: event.timestamp, logStream: streamOf(event) };
}

const KEYS = ['message', 'timestamp', 'logStreamName', 'eventId', 'ingestionTime', 'mess\\u0061ge', 'messag\\"e', ''];
const STRINGS = ['', 'REPORT RequestId: r\\tDuration: 1 ms', 'a\\nb', '\\"q\\"', '\\\\', '\\/', '\\b\\f\\r', '📊 é', '\\ud83d\\udcca', '\\x', '\t', 'tab\there', '\u007f'];
const value = fc.oneof(
  fc.constantFrom(...STRINGS).map((s) => `"${s}"`),
  fc.constantFrom('1756684811945', '0', '01', '-5', '1.5', '1e3', '12345678901234567', 'true', 'null', '{}', '[1]', '{"a":"b"}'),
);
const space = fc.constantFrom('', ' ', '\n    ', '\t', '\r\n');
const member = fc.tuple(fc.constantFrom(...KEYS), value, space, space).map(([k, v, s1, s2]) => `${s1}"${k}"${s2}:${s1}${v}${s2}`);
const object = fc.tuple(fc.array(member, { maxLength: 6 }), fc.boolean(), space).map(([members, trailingComma, s]) => `{${members.join(',')}${trailingComma ? ',' : ''}${s}}`);

describe('readFlatJsonEvent', () => {
  it('reads what `aws logs filter-log-events` writes', () => {
    const text = '{\n            "logStreamName": "2025/09/01/[$LATEST]6f",\n            "timestamp": 1756684811945,\n            "message": "REPORT RequestId: r1\\tDuration: 860.09 ms\\n",\n            "ingestionTime": 1756684812195,\n            "eventId": "0001"\n        }';
    expect(viaBytes(text)).toEqual({ message: 'REPORT RequestId: r1\tDuration: 860.09 ms\n', timestamp: 1756684811945, logStream: '2025/09/01/[$LATEST]6f' });
  });

  it('gives what JSON.parse gives for every object it reads, and reads the plain ones', () => {
    let read = 0;
    fc.assert(
      fc.property(object, (text) => {
        const got = viaBytes(text);
        if (got === undefined) return;
        read += 1;
        expect(got, text).toEqual(viaJsonParse(text));
      }),
      { numRuns: 20_000 },
    );
    expect(read).toBeGreaterThan(100);
  });
});
