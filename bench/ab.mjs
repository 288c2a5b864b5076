#!/usr/bin/env node
// A/B of two builds in one run: node bench/ab.mjs BASE_DIR FILE… (BASE_DIR: a built checkout of the code to compare
// with, e.g. a `git worktree` of the commit before a change). Each pair runs both builds on the file, the order
// swapped every pair so that drift touches both alike; it prints the medians and the median of the pairs' ratios
// (this build / base). LLMMEM_AB_PAIRS (default 16) pairs; LLMMEM_AB_ONE_THREAD=1 keeps both on one thread.
// Not a test; never run in CI.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [baseDir, ...inputs] = process.argv.slice(2);
if (baseDir === undefined || inputs.length === 0) {
  process.stderr.write('usage: node bench/ab.mjs BASE_DIR FILE…\n');
  process.exit(2);
}
const pairs = Number(process.env.LLMMEM_AB_PAIRS ?? 16);
const env = { ...process.env, ...(process.env.LLMMEM_AB_ONE_THREAD === '1' ? { LLMMEM_SPLIT_MIN_BYTES: '1000000000000' } : {}) };
const builds = { base: join(baseDir, 'bin', 'llmmem.js'), this: join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'llmmem.js') };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function seconds(bin, file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('node', [bin, 'analyze', '--input', file, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${bin} on ${file}: exit ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

for (const file of inputs) {
  seconds(builds.base, file);
  seconds(builds.this, file);
  const times = { base: [], this: [] };
  for (let k = 0; k < pairs; k++) {
    for (const name of k % 2 === 0 ? ['base', 'this'] : ['this', 'base']) times[name].push(seconds(builds[name], file));
  }
  const ratios = times.this.map((t, k) => t / times.base[k]);
  process.stdout.write(
    `${file}: base ${median(times.base).toFixed(3)} s, this ${median(times.this).toFixed(3)} s, ` +
      `median of ratios ${median(ratios).toFixed(3)}, faster in ${ratios.filter((r) => r < 1).length} of ${pairs} pairs\n`,
  );
}
