import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LlmmemError } from '../../src/errors.js';
import { RECORD_MARKER_PATTERN } from '../../src/parse/markers.js';
import { SCAN_CAPACITY } from '../../src/sources/file/block-scan.js';
import { jsonDocumentEvents } from '../../src/sources/file/json-document-events.js';
import { collect, cutAt, messageOf, plain, type PlainEvent } from '../support/chunks.js';

const counts = () => ({ events: 0, skippedEvents: 0, firstSkipped: undefined as string | undefined, documents: 0, firstEventMs: undefined as number | undefined, lastEventMs: undefined as number | undefined });
/** Noise that straddles a chunk boundary is parsed and handed on (the parser ignores it): compare what matters. */
const read = async (bytes: Buffer, cuts: number[] = []) =>
  (await collect(jsonDocumentEvents(cutAt(bytes, cuts), 'doc.json', counts()))).filter((e) => RECORD_MARKER_PATTERN.test(messageOf(e)));

/** The whole-document reader the streaming one must agree with: it yields the events holding a record marker. */
const wholeRead = (text: string) =>
  (JSON.parse(text).events as { message: string; timestamp: number; logStreamName: string }[])
    .map((e) => ({ message: e.message, timestamp: e.timestamp, logStream: e.logStreamName === '' ? undefined : e.logStreamName }))
    .filter((e) => RECORD_MARKER_PATTERN.test(messageOf(e)));

const DOC = JSON.stringify(
  {
    events: [
      { logStreamName: 's/[$LATEST]1', timestamp: 1760209625432, message: 'REPORT RequestId: a\tDuration: 1.00 ms\n', ingestionTime: 1, eventId: '1' },
      { logStreamName: 's/[$LATEST]2', timestamp: 1760209625433, message: 'quote \\" and backslash \\\\ and \u00e9 and 📊 and \ud83d\udd27 Tool x memory: 1MB heap, 2MB RSS', ingestionTime: 2, eventId: '2' },
      { logStreamName: 's', timestamp: 3, message: '"}],{[ noise', ingestionTime: 3, eventId: '3' },
      { logStreamName: 's', timestamp: 1760209699999, message: 'START RequestId: x Version: $LATEST', ingestionTime: 4, eventId: '4' },
    ],
    searchedLogStreams: [{ logStreamName: 's', searchedCompletely: true }],
  },
  null,
  4,
);
const ESCAPED = DOC.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('jsonDocumentEvents', () => {
  it.each([
    ['raw UTF-8', DOC],
    ['\\u escapes with surrogate pairs', ESCAPED],
  ])('gives the events of a whole-document parse, cut at every byte offset (%s)', async (_case, text) => {
    const bytes = Buffer.from(text);
    const want = wholeRead(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(plain(await read(bytes, [cut])), `cut at ${cut}`).toEqual(want);
    }
  });

  it('counts noise events and keeps their times without yielding them', async () => {
    const c = counts();
    await collect(jsonDocumentEvents(cutAt(Buffer.from(DOC), []), 'doc.json', c));
    expect([c.events, c.firstEventMs, c.lastEventMs]).toEqual([4, 3, 1760209699999]);
  });

  it('gives the same events for any random chunking', async () => {
    const bytes = Buffer.from(ESCAPED);
    const want = wholeRead(ESCAPED);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), async (cuts) => {
        expect(plain(await read(bytes, cuts))).toEqual(want);
      }),
    );
  });

  it('reads a chunk too long for the block scanner by native searches, with the same events, counts and span', async () => {
    const events = JSON.parse(DOC).events as object[];
    const many = JSON.stringify({ events: Array.from({ length: 1500 }, (_, k) => ({ ...events[k % events.length]!, eventId: String(k) })) }, null, 4);
    const bytes = Buffer.from(many);
    expect(bytes.length).toBeGreaterThan(SCAN_CAPACITY);
    // noise cut by a chunk's end is handed on too (the parser ignores it): compare the events that hold a marker
    const marked = (events: PlainEvent[]) => events.filter((e) => RECORD_MARKER_PATTERN.test(messageOf(e)));
    const whole = counts();
    const inOne = marked(await collect(jsonDocumentEvents(cutAt(bytes, []), 'd', whole)));
    const chunked = counts();
    const inChunks = marked(await collect(jsonDocumentEvents(cutAt(bytes, Array.from({ length: 20 }, (_, k) => k * 20_000)), 'd', chunked)));
    expect(inOne).toEqual(inChunks);
    expect(whole).toEqual(chunked);
    expect(inOne.length).toBe(750); // two of every four events hold a record marker
    // and both are what a whole-document parse gives
    expect(plain(inOne)).toEqual(wholeRead(many));
    const times = (JSON.parse(many).events as { timestamp: number }[]).map((e) => e.timestamp);
    expect([whole.events, whole.skippedEvents, whole.firstEventMs, whole.lastEventMs]).toEqual([1500, 0, Math.min(...times), Math.max(...times)]);
  });

  it('reads a bare array of events (--query events) and documents one after another', async () => {
    const arr = JSON.stringify([{ timestamp: 1, message: 'a MB RSS' }, { timestamp: 2, message: 'b MB RSS' }]);
    expect((await read(Buffer.from(arr))).map(messageOf)).toEqual(['a MB RSS', 'b MB RSS']);
    const two = `${JSON.stringify({ events: [{ timestamp: 1, message: 'a MB RSS' }] })}\n${JSON.stringify({ events: [{ timestamp: 2, message: 'b MB RSS' }], nextToken: 'x' })}`;
    expect((await read(Buffer.from(two))).map(messageOf)).toEqual(['a MB RSS', 'b MB RSS']);
  });

  it('skips and counts events without a message', async () => {
    const c = counts();
    const events = await collect(jsonDocumentEvents(cutAt(Buffer.from(JSON.stringify({ events: [{ timestamp: 1 }, 5, { message: 'ok MB RSS' }] })), []), 'd', c));
    expect(events.map(messageOf)).toEqual(['ok MB RSS']);
    expect(c.skippedEvents).toBe(2);
  });

  it('counts and times events without a marker as JSON.parse reads them: the last of two keys, a message that is a string', async () => {
    const c = counts();
    const doc = '{"events": [{"timestamp": 5, "message": "noise", "timestamp": 7}, {"timestamp": 9, "message": 42}, {"timestamp": 11, "logStreamName": "message", "message": "x"}]}';
    await collect(jsonDocumentEvents(cutAt(Buffer.from(doc), []), 'd', c));
    expect([c.events, c.skippedEvents, c.firstEventMs, c.lastEventMs]).toEqual([2, 1, 7, 11]);
  });

  it('counts and times noise objects with repeated, look-alike or quoted keys as JSON.parse reads them, under any chunking', async () => {
    const key = fc.constantFrom('timestamp', 'message', 'logStreamName', 'timestamps', 'Message', 'a"timestamp"', 'message\\', 'x');
    const value = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 45 }),
      fc.constantFrom('noise', '"timestamp": 1', '\\', 'message', '{"message": "x"}', 1.5, -3, null, true, [1], { timestamp: 2 }),
    );
    const object = fc.array(fc.tuple(key, value), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(object, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), async (objects, cuts, pretty) => {
        // written by hand, so that a key may repeat (JSON.parse keeps the last)
        const text = `{"events": [${objects.map((o) => `{${o.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(pretty ? ',\n    ' : ',')}}`).join(',\n')}]}`;
        const bytes = Buffer.from(text);
        const c = counts();
        await collect(jsonDocumentEvents(cutAt(bytes, cuts.map((n) => n % (bytes.length + 1))), 'd', c));
        const parsed = (JSON.parse(text) as { events: Record<string, unknown>[] }).events;
        const kept = parsed.filter((e) => typeof e['message'] === 'string');
        const times = kept.map((e) => e['timestamp']).filter((t): t is number => typeof t === 'number');
        expect([c.events, c.skippedEvents]).toEqual([kept.length, parsed.length - kept.length]);
        expect([c.firstEventMs, c.lastEventMs]).toEqual(times.length === 0 ? [undefined, undefined] : [Math.min(...times), Math.max(...times)]);
        // the same objects after a filler event too long for the block scanner, in one chunk: the native searches
        const filler = `{"message": "${'x'.repeat(SCAN_CAPACITY)}"}${objects.length > 0 ? ',' : ''}`;
        const long = counts();
        await collect(jsonDocumentEvents(cutAt(Buffer.from(text.replace('[', `[${filler}`)), []), 'd', long));
        expect([long.events, long.skippedEvents, long.firstEventMs, long.lastEventMs]).toEqual([c.events + 1, c.skippedEvents, c.firstEventMs, c.lastEventMs]);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['a document cut mid-string', DOC.slice(0, 200), /ends in the middle/],
    ['"events" that is not an array', '{"events": {"a": 1}}', /"events" is not an array/],
    ['an object with no events', '{"foo": [1, 2]}', /no "events" array/],
    ['unbalanced brackets', '{"events": [}', /unbalanced/],
  ])('rejects %s with a one-line error naming the file', async (_case, text, message) => {
    await expect(read(Buffer.from(text))).rejects.toThrow(LlmmemError);
    await expect(read(Buffer.from(text))).rejects.toThrow(message);
    await expect(read(Buffer.from(text))).rejects.toThrow(/^doc\.json: /);
  });
});
