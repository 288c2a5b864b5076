import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { eventsOf, renderContainer } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import type { LogEvent } from '../../src/parse/log-event.js';
import { insightsEvents, newInsightsOutcome } from '../../src/sources/cloudwatch/insights-source.js';
import { MOTO_ENV, motoClient, putEvents, useMotoEnv } from '../support/moto-logs.js';
import { runMain } from '../support/run-main.js';

const url = inject('motoUrl');
const DAY = 86_400_000;
// Real time: moto keeps only events of the last 14 days, measured by its own clock.
const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const corpusStart = now.getTime() - 13 * DAY;
const corpus = [...generateCorpus({ seed: 4242, invocations: 1500, startMs: corpusStart, days: 12.5 })];
const events: LogEvent[] = [...eventsOf(corpus)];
// a leaking execution environment whose last invocation is killed for memory, in a group of its own
const leaking: LogEvent[] = [...eventsOf(generateCorpus({ seed: 4343, invocations: 600, startMs: corpusStart, days: 12.5, leakingStream: true }))];

const tmp = mkdtempSync(join(tmpdir(), 'llmmem-moto-'));
const tailFile = join(tmp, 'llmproxy.tail.log');
const leakingFile = join(tmp, 'leaking.tail.log');
const START = new Date(corpusStart + 2 * DAY).toISOString();
const END = new Date(corpusStart + 11 * DAY).toISOString();
const env = { ...MOTO_ENV };

const functionsOf = (stdout: string) => JSON.parse(stdout).functions;
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync('schema/llmmem-result.v2.schema.json', 'utf8')));

describe('against a real CloudWatch Logs API (moto server)', () => {
  beforeAll(async () => {
    useMotoEnv();
    writeFileSync(tailFile, [...renderContainer('tail', events)].join(''));
    writeFileSync(leakingFile, [...renderContainer('tail', leaking)].join(''));
    const client = motoClient(url);
    await putEvents(client, '/aws/lambda/llmproxy', events);
    await putEvents(client, '/aws/lambda/other-fn', events.slice(0, 700));
    await putEvents(client, '/aws/lambda/leaky', leaking);
    client.destroy();
  });

  it.each(['insights', 'filter'])('`analyze --function llmproxy --engine %s` gives the document the file path gives for the same events', async (engine) => {
    const window = ['--start', START, '--end', END];
    const fromFile = await runMain(['analyze', '--input', tailFile, '--function', 'llmproxy', ...window, '--json'], { env, now });
    const fromCloud = await runMain(['analyze', '--function', 'llmproxy', '--endpoint-url', url, '--engine', engine, ...window, '--json'], { env, now });
    expect(fromCloud.stderr).not.toMatch(/error/i);
    expect(fromCloud.code).toBe(0);
    expect(functionsOf(fromCloud.stdout)).toEqual(functionsOf(fromFile.stdout));
    const doc = JSON.parse(fromCloud.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.source).toMatchObject({ kind: 'cloudwatch', engine, complete: true, logGroups: ['/aws/lambda/llmproxy'], missingRanges: [] });
    expect(doc.functions[0].invocations).toBeGreaterThan(900);
  });

  it.each(['insights', 'filter'])('finds the leaking execution environment through --engine %s by its log stream, as the file path does', async (engine) => {
    const fromFile = await runMain(['recommend', '--input', leakingFile, '--function', 'leaky', '--days', '14', '--json'], { env, now });
    const fromCloud = await runMain(['recommend', '--function', 'leaky', '--endpoint-url', url, '--engine', engine, '--days', '14', '--json'], { env, now });
    expect(fromCloud.code, fromCloud.stderr).toBe(0);
    const [f] = functionsOf(fromCloud.stdout);
    expect(f.leakSuspects).toHaveLength(1);
    expect(f.leakSuspects[0]).toMatchObject({ logStream: `${new Date(corpusStart).toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${(4343).toString(16).padStart(32, '0')}`, endedInOutOfMemory: true });
    expect(f.findingReasons).toContain('leak-suspect');
    // the command names the region the run resolved (moto's, from the environment)
    expect(f.apply.command.slice(-2)).toEqual(['--region', 'us-east-1']);
    expect(functionsOf(fromCloud.stdout)).toEqual(functionsOf(fromFile.stdout));
  });

  it('`recommend --days 14` takes the function from llmmem.config.json in the working directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'llmmem-config-'));
    writeFileSync(join(cwd, 'llmmem.config.json'), JSON.stringify({ function: 'llmproxy', region: 'us-east-1' }));
    const fromCloud = await runMain(['recommend', '--days', '14', '--endpoint-url', url, '--json'], { env, now, cwd });
    expect(fromCloud.code).toBe(0);
    const fromFile = await runMain(['recommend', '--days', '14', '--input', tailFile, '--json'], { env, now, cwd });
    expect(functionsOf(fromCloud.stdout)).toEqual(functionsOf(fromFile.stdout));
    expect(JSON.parse(fromCloud.stdout).window.days).toBe(14);
    const text = await runMain(['recommend', '--days', '14', '--endpoint-url', url], { env, now, cwd });
    expect(text.stdout).toMatch(/aws lambda update-function-configuration --function-name llmproxy --memory-size \d+/);
  });

  it('shows a progress line on a TTY stderr, and none with --quiet', async () => {
    const shown = await runMain(['analyze', '--function', 'other-fn', '--endpoint-url', url, '--days', '14', '--json'], { env, now, stderrTty: true });
    expect(shown.stderr).toMatch(/\/aws\/lambda\/other-fn · slices \d+\/\d+ · events \d+/);
    const quiet = await runMain(['analyze', '--function', 'other-fn', '--endpoint-url', url, '--days', '14', '--json', '--quiet'], { env, now, stderrTty: true });
    expect(quiet.stderr).not.toMatch(/slices/);
    expect(JSON.parse(quiet.stdout).functions).toEqual(JSON.parse(shown.stdout).functions);
  });

  it('LLMMEM_FUNCTION names the function when no flag does', async () => {
    const r = await runMain(['analyze', '--endpoint-url', url, '--json', '--days', '14'], { env: { ...env, LLMMEM_FUNCTION: 'other-fn' }, now });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).functions[0].function).toBe('other-fn');
  });

  it('--all analyses every /aws/lambda/ group, one entry per function', async () => {
    const r = await runMain(['analyze', '--all', '--endpoint-url', url, '--json', '--days', '14', '--engine', 'filter'], { env, now });
    expect(r.code).toBe(0);
    // moto is shared by the test files, so other files' groups may be there too
    expect(JSON.parse(r.stdout).functions.map((f: { function: string }) => f.function)).toEqual(expect.arrayContaining(['llmproxy', 'other-fn']));
  });

  it('a slice at the row limit is split until every slice is complete (real splitting against moto)', async () => {
    const client = motoClient(url);
    const outcome = newInsightsOutcome();
    let got = 0;
    for await (const batch of insightsEvents(client, { logGroup: '/aws/lambda/other-fn', startMs: corpusStart, endMs: now.getTime(), concurrency: 4, rowLimit: 150, pollMs: { initial: 1, max: 5 } }, outcome)) got += batch.length;
    client.destroy();
    // Boundary seconds are shared by neighbouring slices, so an event can come back twice; never fewer.
    expect(got).toBeGreaterThanOrEqual(700);
    expect(outcome.missing).toEqual([]);
    expect(outcome.queries).toBeGreaterThan(14);
  });

  it('an unknown log group exits 3 and lists the groups that exist', async () => {
    const r = await runMain(['analyze', '--function', 'nope', '--endpoint-url', url, '--days', '1'], { env, now });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/log group \/aws\/lambda\/nope does not exist.*\/aws\/lambda\/llmproxy/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no function named anywhere is a usage error listing the groups', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'llmmem-empty-'));
    const r = await runMain(['analyze', '--endpoint-url', url], { env, now, cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name the function.*\/aws\/lambda\/other-fn/);
  });

  it('an unreachable endpoint exits 1 naming it', async () => {
    const r = await runMain(['analyze', '--function', 'llmproxy', '--endpoint-url', 'http://127.0.0.1:9', '--days', '1'], { env, now });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach CloudWatch Logs at http:\/\/127\.0\.0\.1:9/);
  });

  it('the aws CLI against moto piped into `llmmem analyze --input -` gives the same numbers', async () => {
    const { stdout } = await promisify(execFile)(
      'aws',
      ['logs', 'filter-log-events', '--log-group-name', '/aws/lambda/llmproxy', '--endpoint-url', url, '--start-time', String(Date.parse(START) - 15 * 60_000), '--end-time', String(Date.parse(END)), '--output', 'json'],
      { env: { ...process.env, ...env, AWS_DEFAULT_REGION: 'us-east-1' }, maxBuffer: 1 << 28 },
    );
    const window = ['--start', START, '--end', END];
    const piped = await runMain(['analyze', '--input', '-', '--function', 'llmproxy', ...window, '--json'], { stdin: stdout, env, now });
    const fromFile = await runMain(['analyze', '--input', tailFile, '--function', 'llmproxy', ...window, '--json'], { env, now });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).source.inputs[0].container).toBe('filter-log-events-json');
    expect(functionsOf(piped.stdout)).toEqual(functionsOf(fromFile.stdout));
  });
});
