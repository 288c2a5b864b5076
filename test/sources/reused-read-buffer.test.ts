import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { containerEvents, fileEvents, newInputStats } from '../../src/sources/file/file-source.js';
import { collect } from '../support/chunks.js';

// Regular files are read into one buffer again and again: whatever a reader keeps across chunks it must copy.
// These inputs keep things across the chunks (64 KiB, and 128 KiB for text once the container is known) in every way
// the readers do; the events must be those of the same bytes handed over as fresh buffers.

const dir = mkdtempSync(join(tmpdir(), 'llmmem-reuse-'));
const ID = 'aabf48c0-72ac-053d-b16e-f8a89e09ba2c';
const report = (k: number) => `REPORT RequestId: ${ID.slice(0, -4)}${String(k).padStart(4, '0')}\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: ${60 + (k % 7)} MB\t`;
const block = (k: number) => `2025-10-11T19:07:00.000Z\t${ID}\tINFO\t📊 Memory Statistics:\n  Heap: 1MB (peak: ${k}MB)\n  RSS: 2MB (peak: ${k + 1}MB)\n  Snapshots: 2`;

const tail = (): string => {
  const lines: string[] = [];
  for (let k = 0; k < 3000; k++) {
    const ts = `2025-10-11T19:07:${String(k % 60).padStart(2, '0')}.000000+00:00 stream `;
    lines.push(`${ts}${report(k)}`, `${ts}${block(k)}`);
    if (k % 500 === 0) lines.push(`${ts}${'x'.repeat(600_000)} MB RSS`); // a line longer than two chunks
  }
  return `${lines.join('\n')}\n`;
};

const json = (): string => {
  const events = [];
  for (let k = 0; k < 2000; k++) {
    events.push({ logStreamName: 's', timestamp: 1760209620000 + k, message: report(k), ingestionTime: 1, eventId: String(k) });
    events.push({ logStreamName: 's', timestamp: 1760209620000 + k, message: block(k), ingestionTime: 1, eventId: String(k) });
    if (k % 400 === 0) events.push({ timestamp: 1760209620000 + k, message: `${'y'.repeat(300_000)} MB RSS`, [`key-${'k'.repeat(270_000)}`]: 1 });
  }
  return JSON.stringify({ events }, null, 4);
};

describe('files read into a reused buffer', () => {
  it.each([
    ['tail text with lines longer than a chunk', 'tail.log', tail],
    ['a JSON document with objects and keys longer than a chunk', 'doc.json', json],
    ['NDJSON', 'lines.ndjson', () => JSON.parse(json()).events.map((e: object) => JSON.stringify(e)).join('\n')],
  ])('%s: the same events as fresh buffers give', async (_case, name, make) => {
    const text = make();
    const path = join(dir, name);
    writeFileSync(path, text);
    const got = await collect(fileEvents(path, Readable.from([]), newInputStats(path)));
    const want = await collect(containerEvents(Readable.from([Buffer.from(text)]), name, newInputStats(name)));
    expect(got.length).toBeGreaterThan(4000);
    expect(got).toEqual(want);
  });
});
