import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { FIXTURE_CORPUS } from '../../src/fixtures/corpus-options.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

const TAIL = 'fixtures/generated/llmproxy.tail.log';
const tmp = mkdtempSync(join(tmpdir(), 'llmmem-main-'));
const schema = JSON.parse(readFileSync('schema/llmmem-result.v2.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('main(argv)', () => {
  it('prints a document that validates against the published JSON Schema, and nothing else on stdout', async () => {
    for (const cmd of ['analyze', 'recommend']) {
      const r = await runMain([cmd, '-i', TAIL, '-f', 'llmproxy', '--json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      expect(doc.schemaVersion).toBe(2);
    }
  });

  it('reads standard input with --input -', async () => {
    const r = await runMain(['analyze', '-i', '-', '--json'], { stdin: readFileSync('fixtures/cases/report-fields.s3.log') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).functions[0].invocations).toBe(4);
  });

  it('gunzips by content, whatever the file is called', async () => {
    const p = join(tmp, 'export.txt');
    writeFileSync(p, gzipSync(readFileSync('fixtures/cases/report-fields.s3.log')));
    const r = await runMain(['analyze', '-i', p, '--json']);
    expect(JSON.parse(r.stdout).source.inputs[0]).toMatchObject({ gzip: true, container: 'text', events: 4 });
  });

  it('analyze prints the operation table and a histogram marking the current size and the recommendations', async () => {
    const r = await runMain(['analyze', '-i', TAIL, '-f', 'llmproxy']);
    expect(r.code).toBe(0);
    for (const text of ['simple-chat', 'web-search', 'web-scraping', 'multi-tool', 'execute_js', 'current 192 MB', 'conservative 448 MB']) expect(r.stdout).toContain(text);
    // the verdict opens the function's report: the corpus's kills for memory at the current 192 MB, from its truth
    const killedAt192 = [...generateCorpus(FIXTURE_CORPUS)].filter((g) => g.truth.outOfMemory && g.truth.memorySizeMB === 192).length;
    expect(killedAt192).toBeGreaterThan(0);
    expect(r.stdout).toContain(`llmproxy: UNDER-PROVISIONED: ${killedAt192} invocation(s) were killed for memory at 192 MB; raise it to 448 MB (conservative`);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('recommend prints the strategy table and the aws lambda command for the chosen size', async () => {
    const r = await runMain(['recommend', '-i', TAIL, '-f', 'llmproxy', '--strategy', 'aggressive']);
    expect(r.stdout).toContain('aws lambda update-function-configuration --function-name llmproxy --memory-size 320');
    expect(r.stdout).toMatch(/conservative.*448/);
  });

  it('recommend names --region and --profile in the command, and prints none without a function name', async () => {
    const named = await runMain(['recommend', '-i', TAIL, '-f', 'llmproxy', '--region', 'eu-west-1', '--profile', 'prod']);
    expect(named.stdout).toContain('aws lambda update-function-configuration --function-name llmproxy --memory-size 448 --region eu-west-1 --profile prod\n');
    const unnamed = await runMain(['recommend', '-i', TAIL], { env: {} });
    expect(unnamed.stdout).not.toContain('aws lambda');
    expect(unnamed.stdout).toContain('rerun with --function NAME');
    const doc = JSON.parse((await runMain(['recommend', '-i', TAIL, '--json'], { env: {} })).stdout);
    expect(doc.functions[0].apply).toEqual({ strategy: 'conservative', memoryMB: 448, command: null });
  });

  it.each([
    [{ tty: true, env: {} }, true],
    [{ tty: false, env: {} }, false],
    [{ tty: true, env: { NO_COLOR: '1' } }, false],
  ])('colours only on a TTY without NO_COLOR (%j)', async (ctx, coloured) => {
    const r = await runMain(['recommend', '-i', TAIL], ctx);
    expect(/\u001b\[/.test(r.stdout)).toBe(coloured);
  });

  it('--no-color turns colour off on a TTY', async () => {
    expect((await runMain(['recommend', '-i', TAIL, '--no-color'], { tty: true })).stdout).not.toMatch(/\u001b\[/);
  });

  const unreadable = join(tmp, 'unreadable.log');
  writeFileSync(unreadable, 'x');
  chmodSync(unreadable, 0o000);
  const dir = join(tmp, 'a-directory');
  mkdirSync(dir);
  const corrupt = join(tmp, 'corrupt.gz');
  const gz = readFileSync('fixtures/generated/llmproxy.s3-export.log.gz');
  writeFileSync(corrupt, gz.subarray(0, gz.length >> 1));
  const empty = join(tmp, 'empty.log');
  writeFileSync(empty, '');
  const noise = join(tmp, 'noise.log');
  writeFileSync(noise, 'hello\nworld\n');

  it.each([
    ['a missing file', ['analyze', '-i', join(tmp, 'nope.log')], 1, /cannot read .*nope\.log: no such file/],
    ['a directory', ['analyze', '-i', dir], 1, /it is a directory/],
    ['a truncated gzip', ['analyze', '-i', corrupt], 1, /corrupt or truncated gzip/],
    ['an empty file', ['analyze', '-i', empty], 3, /no Lambda REPORT lines found/],
    ['a file of noise', ['analyze', '-i', noise], 3, /no Lambda REPORT lines found/],
    ['an unknown option', ['analyze', '--frobnicate'], 2, /unknown option/],
    ['a bad --arch', ['analyze', '-i', TAIL, '--arch', 'sparc'], 2, /--arch must be one of x86_64, arm64/],
    ['a bad --days', ['analyze', '-i', TAIL, '--days', '-3'], 2, /--days "-3" is not a positive number/],
    ['a bad --start', ['analyze', '-i', TAIL, '--start', 'last tuesday'], 2, /--start "last tuesday" is not an ISO-8601 time/],
    ['an epoch --start past what a Date holds', ['analyze', '-i', TAIL, '--start', '8640000000000001'], 2, /--start "8640000000000001" is not an ISO-8601 time/],
    ['no command', [], 2, /Usage: llmmem/],
  ])('%s exits %i with one clear line and no stack trace', async (_case, argv, code, message) => {
    const r = await runMain(argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });

  it('an unreadable file exits 1 with permission denied, or, run as root (who can read it), 3 for no data', async () => {
    const r = await runMain(['analyze', '-i', unreadable]);
    if (process.getuid?.() === 0) expect(r.code).toBe(3);
    else expect(r.stderr).toMatch(/permission denied/);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runMain(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('recommend');
    const version = await runMain(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    // the fast answer to `--version` alone is what commander answers with other flags around it
    expect((await runMain(['-V'])).stdout).toBe(version.stdout);
    expect((await runMain(['--version', '--debug'])).stdout).toBe(version.stdout);
  });

  it('--since takes a relative time against the injected clock', async () => {
    const r = await runMain(['analyze', '-i', TAIL, '--since', '2d', '--json'], { now: new Date('2025-10-15T00:00:00Z') });
    expect(JSON.parse(r.stdout).window).toEqual({ start: '2025-10-13T00:00:00.000Z', end: '2025-10-15T00:00:00.000Z', days: 2, from: 'flags' });
  });
});

describe('the real bin/llmmem.js', () => {
  it('runs as a child process with the exit code and streams of main()', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['bin/llmmem.js', 'recommend', '-i', TAIL, '--json']);
    expect(JSON.parse(stdout).functions[0].invocations).toBe(2000);
    const failed = await run(process.execPath, ['bin/llmmem.js', 'analyze', '-i', '/no/such/file']).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });
});
