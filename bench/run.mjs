#!/usr/bin/env node
// npm run bench: llmmem against grep on the same files in the same run. Not a test; never run in CI.
// Corpora come from the project's own seeded generator and are cached outside the repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { eventsOf, renderContainer } from '../dist/fixtures/containers.js';
import { generateCorpus } from '../dist/fixtures/generator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.LLMMEM_BENCH_CACHE ?? join(tmpdir(), 'llmmem-bench-cache');
const runs = Number(process.env.LLMMEM_BENCH_RUNS ?? 5);
const scale = Number(process.env.LLMMEM_BENCH_SCALE ?? 1);
const bin = join(root, 'bin', 'llmmem.js');
mkdirSync(cache, { recursive: true });

// Invocations per MB of each container, measured on the generator's output (tail ≈ 1.4 KB, JSON ≈ 2.7 KB each).
const corpusOptions = (invocations) => ({ seed: 20251126, invocations, startMs: Date.UTC(2025, 8, 1), days: 28 });

async function writeCorpus(file, container, invocations, gzip = false) {
  if (existsSync(file)) return;
  const partial = `${file}.partial`;
  const text = Readable.from(
    (function* () {
      let buffer = [];
      let size = 0;
      for (const chunk of renderContainer(container, eventsOf(generateCorpus(corpusOptions(invocations))))) {
        buffer.push(chunk);
        size += chunk.length;
        if (size >= 1 << 20) {
          yield buffer.join('');
          buffer = [];
          size = 0;
        }
      }
      yield buffer.join('');
    })(),
  );
  process.stderr.write(`generating ${file} …\n`);
  await (gzip ? pipeline(text, createGzip({ level: 1 }), createWriteStream(partial)) : pipeline(text, createWriteStream(partial)));
  renameSync(partial, file);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall seconds (monotonic clock) and peak RSS (KB, the kernel's accounting through GNU time) of one command. */
function measure(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const last = r.stderr.trim().split('\n').at(-1);
  if (r.status !== 0 && !(cmd === 'grep' && r.status === 1)) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds, rssKB: Number(last), stdout: r.stdout };
}

/** Medians of `n` runs of each command after a warm-up, the commands taking turns so that drift touches all alike. */
function timeInTurns(commands, n) {
  for (const c of commands) measure(...c); // warm-up (page cache, V8 code cache)
  const samples = Array.from({ length: n }, () => commands.map((c) => measure(...c)));
  return commands.map((_, k) => ({ seconds: median(samples.map((s) => s[k].seconds)), rssKB: Math.max(...samples.map((s) => s[k].rssKB)), stdout: samples[0][k].stdout }));
}

const mb = (file) => statSync(file).size / 1e6;
const files = [
  { name: 'tail-250MB', file: join(cache, `tail-${scale}.log`), container: 'tail', invocations: Math.round(180_000 * scale), timed: true, target: 10, oneThreadToo: true },
  { name: 'filter-json (same events)', file: join(cache, `filter-${scale}.json`), container: 'filter-log-events', invocations: Math.round(180_000 * scale), timed: true, target: 15, oneThreadToo: true },
  { name: 'filter-json-1GB', file: join(cache, `filter-1g-${scale}.json`), container: 'filter-log-events', invocations: Math.round(380_000 * scale), timed: true, target: 15 },
  { name: 'tail-1GB', file: join(cache, `tail-1g-${scale}.log`), container: 'tail', invocations: Math.round(730_000 * scale), timed: false },
  { name: 'ndjson-1GB', file: join(cache, `ndjson-1g-${scale}.ndjson`), container: 'ndjson', invocations: Math.round(630_000 * scale), timed: false },
  { name: 's3-gzip-1GB', file: join(cache, `s3-1g-${scale}.log.gz`), container: 's3', invocations: Math.round(830_000 * scale), timed: false, gzip: true },
];

for (const f of files) await writeCorpus(f.file, f.container, f.invocations, f.gzip);

const rows = [];
for (const f of files) {
  const n = f.timed ? runs : 1;
  process.stderr.write(`timing ${f.name} (${n} runs after a warm-up) …\n`);
  const analyze = ['node', [bin, 'analyze', '--input', f.file, '--json']];
  // LLMMEM_SPLIT_MIN_BYTES above the file's size keeps llmmem on one thread (src/cli/read-in-parts.ts)
  const oneThread = ['env', ['LLMMEM_SPLIT_MIN_BYTES=1000000000000', 'node', bin, 'analyze', '--input', f.file, '--json']];
  const grep = f.gzip ? ['zgrep', ['-c', 'REPORT RequestId', f.file]] : ['grep', ['-c', 'REPORT RequestId', f.file]];
  const timed = timeInTurns(f.oneThreadToo ? [analyze, grep, oneThread] : [analyze, grep], n);
  const theirs = timed[1];
  for (const [name, ours] of [[f.name, timed[0]], ...(f.oneThreadToo ? [[`${f.name}, one thread`, timed[2]]] : [])]) {
    const doc = JSON.parse(ours.stdout);
    rows.push({
      input: name,
      sizeMB: mb(f.file),
      invocations: doc.functions[0].invocations,
      llmmemS: ours.seconds,
      grepS: theirs.seconds,
      mbPerS: mb(f.file) / ours.seconds,
      ratio: ours.seconds / theirs.seconds,
      rssMB: ours.rssKB / 1024,
      target: name === f.name ? f.target : undefined,
      runs: n,
    });
  }
}

// Interleaved, so that drift in the machine's speed touches the three commands alike.
const startupCommands = [['node -e 0', 'node', ['-e', '0']], ['llmmem --version', 'node', [bin, '--version']], ['llmmem --help', 'node', [bin, '--help']]];
const startupSamples = startupCommands.map(() => []);
for (const [, cmd, args] of startupCommands) measure(cmd, args);
for (let k = 0; k < 21; k++) startupCommands.forEach(([, cmd, args], i) => startupSamples[i].push(measure(cmd, args).seconds));
const startup = startupCommands.map(([name], i) => ({ name, seconds: median(startupSamples[i]) }));
const nodeBase = startup[0].seconds;

const table = [
  '| input | size MB | invocations | llmmem s | grep s | llmmem MB/s | llmmem / grep | target | peak RSS MB | runs |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.input} | ${r.sizeMB.toFixed(0)} | ${r.invocations} | ${r.llmmemS.toFixed(3)} | ${r.grepS.toFixed(3)} | ${r.mbPerS.toFixed(1)} | ${r.ratio.toFixed(1)}× | ${r.target ? `≤ ${r.target}×` : '–'} | ${r.rssMB.toFixed(0)} | ${r.runs} |`),
  '',
  '| start-up | median s (21 interleaved runs) | vs node -e 0 |',
  '|---|---:|---:|',
  ...startup.map((s) => `| ${s.name} | ${s.seconds.toFixed(3)} | ${(s.seconds / nodeBase).toFixed(2)}× |`),
].join('\n');

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('grep', ['--version']).toString().split('\n')[0]}`;
const stamp = new Date().toISOString();
process.stdout.write(`${table}\n\n${machine}\n${stamp}\n`);

const out = join(root, 'developer_log', 'BENCHMARK_RESULTS.md');
const previous = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench` (bench/run.mjs); newest first. Wall times are medians of the runs after a warm-up (llmmem, grep and, for the one-thread rows, llmmem on one thread taking turns), files in the page cache; peak RSS is GNU time\'s maximum resident set size.\n';
const [head, ...rest] = previous.split('\n## ');
writeFileSync(out, `${head.trimEnd()}\n\n## ${stamp}${scale === 1 ? '' : ` (scale ${scale})`}\n\n${machine}\n\n${table}\n${rest.length > 0 ? `\n## ${rest.join('\n## ')}` : ''}`);
process.stderr.write(`wrote ${out}\n`);
