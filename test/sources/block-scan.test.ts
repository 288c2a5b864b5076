import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORD_MARKERS } from '../../src/parse/markers.js';
import { BLOCK_SCAN_WASM } from '../../src/sources/file/block-scan-wasm.js';
import { BlockScanner, NO_STAMP, READ_STAMP, SCAN_CAPACITY } from '../../src/sources/file/block-scan.js';
import { MessageBytes } from '../../src/sources/file/flat-json-event.js';
import { scanBlock, searchMarkers } from '../../src/sources/file/marker-positions.js';
import { TimestampReader } from '../../src/sources/file/timestamp-bytes.js';
import { assemble, WASM_MODULES } from '../../scripts/build-wasm.mjs';

/** Offsets of JSON's structural bytes, `" , : [ ] { }`, one by one. */
function structureOf(block: Buffer): number[] {
  const out: number[] = [];
  for (let at = 0; at < block.length; at++) if ('",:[]{}'.includes(String.fromCharCode(block[at]!))) out.push(at);
  return out;
}

/** Offsets of a byte (a newline, a quote) found one native search at a time, as the readers found them before the scanner. */
function bytesBySearch(block: Buffer, byte: number): number[] {
  const out: number[] = [];
  for (let at = block.indexOf(byte); at !== -1; at = block.indexOf(byte, at + 1)) out.push(at);
  return out;
}

const PIECES = [...RECORD_MARKERS, '\\u', '\n', '\r', '0', '9', '/', ':', '"', '\\"', ',', '[', ']', '{', '}', ';', '[{', 'Z', 'z', '|', '\u2028', '\u205f', '→', ' ', 'RE', 'St', 'SS', 'Ta', 'ki', 'm.', 'REPORT', 'Statistics', 'RSS', 'killed', 'timed', '.report', '\\', 'é', '🔧', 'x'];

/** Blocks built from the markers, their pairs, their pieces and noise, so that near-misses and overlaps are common. */
const blocks = fc
  .tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }), fc.integer({ min: 0, max: 15 }))
  .map(([pieces, lead]) => Buffer.from('y'.repeat(lead) + pieces.join(''), 'utf8'));

describe('block scanner', () => {
  it('is the committed assembly of block-scan.wat', async () => {
    expect(await assemble(WASM_MODULES[0]!.wat)).toBe(BLOCK_SCAN_WASM);
  });

  it('runs here (WebAssembly SIMD), so the tests below compare it and not the fallback with itself', () => {
    const scan = new BlockScanner([{ whole: Buffer.from('ab'), pairOffset: 0 }]).scan(Buffer.from('xab\nab'), 'newlines');
    expect(scan).toBeDefined();
    expect(Array.from(scan!.listed)).toEqual([3]);
    expect(Array.from(scan!.hits)).toEqual([1 * 8, 4 * 8]);
  });

  it('finds the newlines (text), the bytes of the structure (JSON) and the markers the native searches find', () => {
    fc.assert(
      fc.property(blocks, fc.boolean(), (block, json) => {
        const scanned = scanBlock(block, json);
        expect(scanned.listed).toBeDefined();
        // the JSON reader walks its list of the structure: strings' ends, and all it needs inside an object
        expect(Array.from(scanned.listed!)).toEqual(json ? structureOf(block) : bytesBySearch(block, 0x0a));
        expect(Array.from(scanned.markers)).toEqual(searchMarkers(block, json));
        if (!json) {
          const digitLed = bytesBySearch(block, 0x0a).filter((at) => at + 1 < block.length && block[at + 1]! >= 0x30 && block[at + 1]! <= 0x39);
          const again = scanBlock(block, false, true);
          expect(Array.from(again.listed!)).toEqual(digitLed);
          expect(Array.from(again.markers)).toEqual(searchMarkers(block));
        }
        const unclear = block.includes(0x0d) || block.includes(Buffer.from([0xe2, 0x80])) || block.includes(Buffer.from([0xe2, 0x81]));
        // an E2 as the block's last byte may be flagged: the byte after it is not the block's
        if (unclear || block.at(-1) !== 0xe2) expect(scanned.unclearLines !== 0).toBe(unclear);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the timestamps opening the digit-led lines as TimestampReader does, up to the block\'s end', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    // mostly well-formed, with every field, separator, fraction and zone varied, years below 100 among them
    const date = fc
      .tuple(
        fc.oneof(digits(4), fc.constantFrom('0099', '0100', '1970', '2025', '9999', '1600', '2000', '2100')), fc.oneof(digits(2), fc.constantFrom('01', '02', '03', '12')),
        fc.oneof(digits(2), fc.constantFrom('01', '28', '29', '30', '31')),
      )
      .map(([y, mo, d]) => `${y}-${mo}-${d}`);
    // the kernel keeps the last date it read whole: lines sharing a date, their times (good or bad) varied, test that
    const sharedDate = fc.oneof(fc.constantFrom('2025-09-01', '2025-09-02', '2025-09-30', '2024-02-29'), fc.constantFrom('2023-02-29', '2025-09-31', '0099-12-31', '2025-13-01'));
    // two digits: random, or mostly the edges of the field's range, sometimes just past them
    const field = (edges: string[], past: string[]) =>
      fc.oneof({ arbitrary: digits(2), weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 4 }, { arbitrary: fc.constantFrom(...past), weight: 1 });
    const stampOn = (day: fc.Arbitrary<string>) =>
      fc
        .tuple(
          day, fc.constantFrom('T', 'T', ' ', 'x'), field(['00', '09', '23'], ['24', '2a']), field(['00', '30', '59'], ['60', ':0']), field(['00', '59', '60'], ['61', '6 ']),
          fc.constantFrom('', '.', ',', '.1', '.12', '.123456', '.1234567891', ',5'), fc.constantFrom('', 'Z', '+01:30', '-0800', '+1', '-12:', '+05:3', ' '),
        )
        .map(([d, sep, h, mi, sec, f, z]) => `${d}${sep}${h}:${mi}:${sec}${f}${z}`);
    const stamp = fc.oneof(stampOn(date), stampOn(sharedDate));
    const lines = fc.array(fc.tuple(fc.oneof(stamp, stamp, digits(3), fc.string({ maxLength: 25 })), fc.constantFrom(' x', '', '\tx', ' REPORT')), { minLength: 1, maxLength: 40 });
    const reader = new TimestampReader();
    const scanner = new BlockScanner([{ whole: Buffer.from('REPORT'), pairOffset: 0 }]);
    let read = 0;
    fc.assert(
      fc.property(lines, fc.boolean(), (ls, cutLast) => {
        let block = Buffer.from(ls.map(([a, b]) => a + b).join('\n'), 'latin1');
        if (cutLast) block = block.subarray(0, Math.max(1, block.length - 7)); // a timestamp cut short by the block's end
        const scan = scanner.scan(block, 'digit-led newlines')!;
        for (let k = 0; k < scan.listed.length; k++) {
          const at = scan.listed[k]! + 1;
          const want = reader.read(block, at, block.length);
          const length = scan.stamps!.lengths[k]!;
          const yearBelow100 = block.toString('latin1', at, at + 2) === '00';
          if (Number.isNaN(want)) expect(length, block.toString('latin1', at, at + 40)).toBe(NO_STAMP);
          else if (yearBelow100) expect(length).toBe(READ_STAMP);
          else {
            expect([length, scan.stamps!.times[k]], block.toString('latin1', at, at + 40)).toEqual([reader.length, want]);
            read += 1;
          }
        }
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(500);
  });

  it('lists a newline followed by a digit only when the digit is the block\'s, whatever the memory past it holds', () => {
    const longer = Buffer.from('x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n0123456789');
    for (let end = 1; end <= longer.length; end++) {
      scanBlock(longer, false, true); // leaves digits in the memory past every shorter block
      const block = longer.subarray(0, end);
      const want = bytesBySearch(block, 0x0a).filter((at) => at + 1 < end);
      expect(Array.from(scanBlock(block, false, true).listed!), `${end} bytes`).toEqual(want);
    }
  });

  it('finds markers at every offset of a block, up to its last byte, and none past it', () => {
    for (const marker of [...RECORD_MARKERS, '\\u']) {
      for (let at = 0; at < 40; at++) {
        const block = Buffer.from(`${'.'.repeat(at)}${marker}${'\n'.repeat(at % 3)}`);
        expect(Array.from(scanBlock(block, true).markers)).toEqual(searchMarkers(block, true));
        // the same bytes with the marker's last byte cut off: no marker, though the bytes after it in memory are stale
        const cut = block.subarray(0, at + marker.length - 1);
        expect(Array.from(scanBlock(cut, true).markers)).toEqual([]);
      }
    }
  });

  it('unescapes a JSON string as the byte-by-byte copy does, or leaves it to JSON.parse as that does', () => {
    const unit = fc.constantFrom('a', ' ', 'é', '📊', '\\n', '\\t', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\r', '\\u00e9', '\\x', '\t', '\n', 'REPORT ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.nat(20), fc.boolean(), (units, lead, closed) => {
        const literal = `"${units.join('')}${closed ? '"' : ''}`;
        const block = Buffer.from(`${'{'.repeat(lead)}${literal}, "x": 1}`);
        const to = closed ? block.length : lead + Buffer.byteLength(literal);
        const scanned = scanBlock(block, true);
        const kernel = scanned.kernel!;
        const viaKernel = new MessageBytes();
        viaKernel.reset(block.length, kernel);
        const byBytes = new MessageBytes();
        byBytes.reset(block.length);
        const end = byBytes.copyString(block, lead, to);
        expect(viaKernel.copyString(block, lead, to)).toBe(end);
        if (end === -1) return;
        const got = viaKernel.bytes.subarray(viaKernel.start, viaKernel.end);
        expect(got.equals(byBytes.bytes.subarray(byBytes.start, byBytes.end))).toBe(true);
        expect(got.toString('utf8')).toBe(JSON.parse(block.toString('utf8', lead, end)));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves blocks longer than it takes to the native searches', () => {
    const line = `${'x'.repeat(SCAN_CAPACITY)} REPORT RequestId: 1\n`;
    const scanned = scanBlock(Buffer.from(line));
    expect(scanned.listed).toBeUndefined();
    expect(Array.from(scanned.markers)).toEqual(searchMarkers(Buffer.from(line)));
    expect(scanned.markers.length).toBe(1);
  });

  it('scans a real export as the native searches do, block by block', () => {
    const file = readFileSync(new URL('../../fixtures/generated/llmproxy.tail.log', import.meta.url));
    for (let at = 0; at < file.length; at += 60_000) {
      const block = file.subarray(at, Math.min(file.length, at + 60_000));
      const scanned = scanBlock(block);
      expect(Array.from(scanned.listed!)).toEqual(bytesBySearch(block, 0x0a));
      expect(Array.from(scanned.markers)).toEqual(searchMarkers(block));
    }
  });
});
