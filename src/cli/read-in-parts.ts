import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Collector, type CollectorSnapshot } from '../analyze/collector.js';
import { interrupted, LlmmemError } from '../errors.js';
import type { SourceEvent } from '../parse/log-event.js';
import { fileEvents, filePartEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import type { JsonPart } from '../sources/file/json-document-events.js';
import { planSplit } from '../sources/file/split-plan.js';
import type { Io } from './io.js';
import type { PartRequest, PartResult } from './read-part-worker.js';

/** Files smaller than this are read by one thread: a worker takes 0.1–0.25 s to start and load its modules. */
const DEFAULT_SPLIT_MIN_BYTES = 32 << 20;

// Under vitest the sources run as TypeScript; the worker then runs the build (npm test builds first).
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/cli/read-part-worker.js', import.meta.url) : new URL('./read-part-worker.js', import.meta.url);

const ONE_THREAD_HINT = 'LLMMEM_SPLIT_MIN_BYTES=1e15 reads the file on one thread';

function splitMinBytes(io: Io): number {
  const raw = io.env['LLMMEM_SPLIT_MIN_BYTES'];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SPLIT_MIN_BYTES;
}

function mergeStats(a: InputStats, b: InputStats): void {
  a.events += b.events;
  a.skippedLines += b.skippedLines;
  a.firstSkipped ??= b.firstSkipped;
  if (b.firstEventMs !== undefined && (a.firstEventMs === undefined || b.firstEventMs < a.firstEventMs)) a.firstEventMs = b.firstEventMs;
  if (b.lastEventMs !== undefined && (a.lastEventMs === undefined || b.lastEventMs > a.lastEventMs)) a.lastEventMs = b.lastEventMs;
}

/** Resolves with the worker's answer, or rejects when it dies or the run is interrupted. */
function answerOf(worker: Worker, signal: AbortSignal | undefined): Promise<PartResult> {
  return new Promise<PartResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', (err) => reject(new LlmmemError(`reading the second part of the file failed: ${err.message}`, { hint: ONE_THREAD_HINT })));
    worker.once('exit', (code) => reject(new LlmmemError(`the thread reading the second part of the file stopped (exit code ${code})`, { hint: ONE_THREAD_HINT })));
    signal?.addEventListener('abort', () => reject(interrupted()), { once: true });
  });
}

/**
 * Reads a large regular file on two cores: a worker reads from a cut past the middle (sources/file/split-plan.ts)
 * while this thread reads up to it, and this thread's collector then folds in the worker's, which gives what
 * reading the file in one go gives (Collector.merge). False, having added nothing to `collector` and `stats`, when
 * the file is not cut (or a JSON document turns out not to be cut where one reader would be).
 */
export async function readInParts(path: string, collector: Collector, stats: InputStats, io: Io): Promise<boolean> {
  if (path === '-' || availableParallelism() < 2) return false;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    size = info.size;
  } catch {
    return false; // the one-thread path words the error
  }
  if (size < splitMinBytes(io)) return false;
  const plan = await planSplit(path, size);
  if (plan === undefined) return false;
  const request: PartRequest = { path, plan, end: size, json: plan.container === 'filter-log-events-json' ? { startsInEvents: true, offset: plan.cut - plan.bom, endsEarly: false } : undefined };
  const worker = new Worker(WORKER_URL, { workerData: request });
  const answer = answerOf(worker, io.signal);
  answer.catch(() => undefined);
  try {
    if (plan.container === 'filter-log-events-json') {
      // The cut was a guess: only if the first part stops just inside the events array did the worker start
      // where one reader would be. The first part is kept apart until that is known.
      const first = new Collector();
      const firstStats = newInputStats(path);
      const part: JsonPart = { startsInEvents: false, offset: 0, endsEarly: true };
      await readInto(first, filePartEvents(path, plan, plan.cut, firstStats, part), io);
      if (part.atEventsBoundary !== true) return false;
      const second = await secondPart(answer, worker);
      collector.merge(first.snapshot());
      collector.merge(second.collector);
      stats.container = firstStats.container;
      mergeStats(stats, firstStats);
      mergeStats(stats, second.stats);
      return true;
    }
    await readInto(collector, fileEvents(path, io.stdin, stats, plan.cut), io);
    const second = await secondPart(answer, worker);
    collector.merge(second.collector);
    mergeStats(stats, second.stats);
    return true;
  } finally {
    await worker.terminate();
  }
}

async function readInto(collector: Collector, events: AsyncIterable<readonly SourceEvent[]>, io: Io): Promise<void> {
  for await (const batch of events) {
    if (io.signal?.aborted === true) throw interrupted();
    collector.addAll(batch);
  }
}

/** The worker's answer; the worker is ended first, so that its heap is gone before the merge needs memory. */
async function secondPart(answer: Promise<PartResult>, worker: Worker): Promise<{ collector: CollectorSnapshot; stats: InputStats }> {
  const result = await answer;
  await worker.terminate();
  if (!result.ok) throw new LlmmemError(result.message, { exitCode: result.exitCode, ...(result.hint === undefined ? {} : { hint: result.hint }) });
  return result;
}
