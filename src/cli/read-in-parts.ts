import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Collector, type CollectorSnapshot } from '../analyze/collector.js';
import { interrupted, LlmmemError } from '../errors.js';
import { widenSpan } from '../parse/event-span.js';
import type { SourceEvent } from '../parse/log-event.js';
import { fileEvents, filePartEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import type { JsonPart } from '../sources/file/json-document-events.js';
import { mayBeCut, splitShape } from '../sources/file/split-plan.js';
import { CutHandoff } from './cut-handoff.js';
import type { Io } from './io.js';
import type { PartRequest, PartResult } from './read-part-worker.js';

/** Files smaller than this are read by one thread: a worker takes 0.1–0.4 s to start and load its modules. */
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
  widenSpan(a, b.firstEventMs, b.lastEventMs);
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

/** A part smaller than this is left to the reading thread: the merge would cost more than the worker saves. */
const MIN_PART_BYTES = 4 << 20;

export interface ReadInPartsOptions {
  /**
   * For tests: the reading thread waits for the worker's first proposal before it reads, so that even a small file
   * is read in two parts, cut in the middle.
   */
  readonly waitForWorker?: boolean;
}

/**
 * Reads a large regular file on two cores: a worker reads from a cut agreed while this thread reads (cut-handoff.ts;
 * half of what this thread has left when the worker is ready), this thread reads up to it, and its collector then
 * folds in the worker's, which gives what reading the file in one go gives (Collector.merge). False, having added
 * nothing to `collector` and `stats`, when the file is not read here (or a JSON document turns out not to be cut
 * where one reader would be); true when it was read, in two parts or, if no cut was agreed in time, in one.
 */
export async function readInParts(path: string, collector: Collector, stats: InputStats, io: Io, options: ReadInPartsOptions = {}): Promise<boolean> {
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
  try {
    if (!mayBeCut(path)) return false;
  } catch {
    return false; // the one-thread path words the error
  }
  // the worker is started first: it takes longer to start than this thread takes to look at the file
  const handoff = new CutHandoff();
  const request: PartRequest = { path, size, shared: handoff.shared, minPartBytes: options.waitForWorker === true ? 0 : MIN_PART_BYTES };
  const worker = new Worker(WORKER_URL, { workerData: request });
  const answer = answerOf(worker, io.signal);
  answer.catch(() => undefined);
  try {
    const shape = await splitShape(path, size);
    if (shape === undefined) return false;
    if (options.waitForWorker === true) await handoff.proposed(answer);
    if (shape.container === 'filter-log-events-json') {
      // Until the first part is known to stop just inside the events array (where the worker starts), it is kept apart.
      const first = new Collector();
      const firstStats = newInputStats(path);
      const part: JsonPart = { startsInEvents: false, offset: 0, endsEarly: false };
      const end = (position: number): number => {
        const stop = handoff.endFor(position, size);
        part.endsEarly = stop < size;
        return stop;
      };
      await readInto(first, filePartEvents(path, { ...shape, cut: shape.bom }, end, firstStats, part), io);
      const cut = handoff.close();
      if (cut !== undefined && part.atEventsBoundary !== true) return false;
      collector.merge(first.snapshot());
      stats.container = firstStats.container;
      mergeStats(stats, firstStats);
    } else {
      await readInto(collector, fileEvents(path, io.stdin, stats, (position) => handoff.endFor(position, size)), io);
    }
    if (handoff.close() === undefined) return true;
    const second = await secondPart(answer, worker);
    collector.merge(second.collector);
    mergeStats(stats, second.stats);
    return true;
  } finally {
    handoff.close();
    await worker.terminate();
  }
}

/** Adds every batch of `events` to `collector`, stopping when the run is interrupted. */
export async function readInto(collector: Collector, events: AsyncIterable<readonly SourceEvent[]>, io: Io): Promise<void> {
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
