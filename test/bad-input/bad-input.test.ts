import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = 'test/bad-input/files';
const tmp = mkdtempSync(join(tmpdir(), 'llmmem-bad-'));

interface Case {
  /** exit code from the README's table */
  readonly exit: 0 | 1 | 2 | 3;
  /** what the one stderr line of a failure says */
  readonly error?: RegExp;
  readonly invocations?: number;
  readonly skippedLines?: number;
  /** warning codes the document must carry */
  readonly warnings?: readonly string[];
  readonly check?: (doc: any) => void;
}

const CASES: Record<string, Case> = {
  'empty.log': { exit: 3, error: /no Lambda REPORT lines found/ },
  'whitespace-only.log': { exit: 3, error: /no Lambda REPORT lines found/ },
  'a-directory': { exit: 1, error: /a-directory: it is a directory/ },
  'truncated.log.gz': { exit: 1, error: /truncated\.log\.gz: corrupt or truncated gzip data/ },
  'gzip-of-junk.gz': { exit: 1, error: /gzip-of-junk\.gz: corrupt or truncated gzip data/ },
  'json-cut-mid-string.json': { exit: 1, error: /json-cut-mid-string\.json: the JSON document ends in the middle/ },
  'events-not-an-array.json': { exit: 1, error: /"events" is not an array/ },
  // `[1` is not the start of an array of events (that needs `[{`), so this is one line of text
  'json-array-of-numbers.json': { exit: 3, error: /no Lambda REPORT lines found in the window \(1 events read\)/ },
  'json-string-document.json': { exit: 3, error: /no Lambda REPORT lines found/ },
  'ndjson-one-broken-line.ndjson': { exit: 0, invocations: 2, skippedLines: 1, warnings: ['skipped-lines'] },
  'ndjson-all-broken.ndjson': { exit: 3, error: /no Lambda REPORT lines found.*3 unreadable skipped/ },
  'nul-bytes.log': { exit: 0, invocations: 2 },
  'invalid-utf8.log': { exit: 0, invocations: 2 },
  'utf16-with-bom.log': { exit: 1, error: /the file is UTF-16; llmmem reads UTF-8 \(convert it first: iconv/ },
  'utf8-with-bom.log': { exit: 0, invocations: 2 },
  'negative-max-memory.log': { exit: 0, invocations: 2, skippedLines: 1, warnings: ['malformed-event'] },
  'non-numeric-max-memory.log': { exit: 0, invocations: 2, skippedLines: 1, warnings: ['malformed-event'] },
  'max-memory-above-size.log': { exit: 0, invocations: 3, warnings: ['max-memory-above-size'], check: (d) => expect(d.functions[0].maxMemoryUsedMB.max).toBe(300) },
  'duplicate-ids-different-numbers.log': {
    exit: 0,
    invocations: 2,
    warnings: ['conflicting-duplicate-report'],
    // the kept report of request 1 is the one with the higher Max Memory Used: 150 MB, 20 ms
    check: (d) => expect([d.functions[0].maxMemoryUsedMB.max, d.functions[0].billedGbSeconds]).toEqual([150, (256 / 1024) * 0.03]),
  },
  'stats-block-cut.log': { exit: 0, invocations: 2, warnings: ['incomplete-tracker-block'], check: (d) => expect(d.functions[0].operations[0].trackerPeakHeapMB).toBe(3) },
  'tracker-lines-without-report.log': { exit: 3, error: /no Lambda REPORT lines found/ },
  'reports-without-tracker-lines.log': { exit: 0, invocations: 2, check: (d) => expect(d.functions[0].operations[0].trackerPeakRssMB).toBeNull() },
  'timestamps-out-of-order.log': { exit: 0, invocations: 3, check: (d) => expect([d.window.start, d.window.end]).toEqual(['2025-10-11T19:01:00.000Z', '2025-10-11T19:09:00.000Z']) },
  'timestamps-in-the-future.log': { exit: 0, invocations: 2, warnings: ['future-timestamps'] },
  'python-runtime.log': { exit: 0, invocations: 1, check: (d) => expect(d.functions[0].operations[0].operation).toBe('web-search') },
  'java-runtime.log': { exit: 0, invocations: 1, check: (d) => expect([d.functions[0].outOfMemory, d.functions[0].maxMemoryUsedMB.max]).toEqual([1, 510]) },
  'crlf-line-ends.log': { exit: 0, invocations: 2, check: (d) => expect(d.functions[0].maxMemoryUsedMB.max).toBe(120) },
  'only-start-and-end.log': { exit: 3, error: /no Lambda REPORT lines found in the window \(2 events read\)/ },
  'huge-max-memory.log': { exit: 0, invocations: 3, warnings: ['max-memory-above-size'], check: (d) => expect(d.functions[0].recommendations.map((r: any) => r.memoryMB)).toEqual([10240, 10240, 10240]) },
  'platform-report-not-json.log': { exit: 0, invocations: 2, skippedLines: 1, warnings: ['malformed-event'] },
  'binary-junk.bin': { exit: 3, error: /no Lambda REPORT lines found/ },
  'filter-events-only-noise.json': { exit: 3, error: /no Lambda REPORT lines found in the window \(1 events read\)/ },
  'tail-format-report-xray-next-line.log': { exit: 0, invocations: 1 },
};

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

const run = (args: string[]): Promise<Result> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['bin/llmmem.js', ...args], { maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : Number((err as { code?: number }).code), stdout, stderr }),
    );
  });

function expectOutcome(r: Result, c: Case): void {
  expect(r.code).toBe(c.exit);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (c.exit !== 0) {
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    if (c.error !== undefined) expect(r.stderr).toMatch(c.error);
    return;
  }
  const doc = JSON.parse(r.stdout);
  if (c.invocations !== undefined) expect(doc.functions[0].invocations).toBe(c.invocations);
  expect(doc.source.skippedLines).toBe(c.skippedLines ?? 0);
  const codes = doc.warnings.map((w: { code: string }) => w.code);
  for (const w of c.warnings ?? []) expect(codes).toContain(w);
  for (const line of r.stderr.trimEnd().split('\n').filter((l) => l !== '')) expect(line).toMatch(/^llmmem: warning: /);
  c.check?.(doc);
}

describe('the bad-input corpus through the real binary', () => {
  it('has a case for every file and at least 30 of them', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(CASES).sort());
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(30);
  });

  it.concurrent.each(Object.entries(CASES))('%s', async (file, c) => {
    expectOutcome(await run(['analyze', '--input', join(DIR, file), '--json']), c);
  });

  it('a missing path exits 1 with one line', async () => {
    expectOutcome(await run(['analyze', '--input', join(tmp, 'missing.log'), '--json']), { exit: 1, error: /missing\.log: no such file/ });
  });

  it('an unreadable file exits 1 with one line (unless run as root, who can read it)', async () => {
    const p = join(tmp, 'unreadable.log');
    writeFileSync(p, 'REPORT RequestId: x\tDuration: 1 ms\n');
    chmodSync(p, 0o000);
    const r = await run(['analyze', '--input', p, '--json']);
    if (process.getuid?.() === 0) expect(r.code).toBe(3);
    else expectOutcome(r, { exit: 1, error: /permission denied/ });
  });

  it('a 10 MB line with no newline is read without trouble, and the report before it counts', async () => {
    const p = join(tmp, 'long-line.log');
    writeFileSync(p, `2025-10-11T19:07:00.000Z REPORT RequestId: 1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\n${'x'.repeat(10 << 20)}`);
    expectOutcome(await run(['analyze', '--input', p, '--json']), { exit: 0, invocations: 1 });
  });
});
