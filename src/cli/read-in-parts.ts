import type { Worker } from 'node:worker_threads';
import { Collector } from '../analyze/collector.js';
import { interrupted, LlmmemError } from '../errors.js';
import { widenSpan } from '../parse/event-span.js';
import type { SourceEvent } from '../parse/log-event.js';
import { fileEvents, filePartEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import type { JsonPart } from '../sources/file/json-document-events.js';
import { splitShape } from '../sources/file/split-plan.js';
import type { Io } from './io.js';
import { MIN_PART_BYTES, partReaderFor, sizeWorthSplitting } from './part-reader.js';
import type { PartRead, PartResult } from './read-part-worker.js';

const ONE_THREAD_HINT = 'LLMMEM_SPLIT_MIN_BYTES=1e15 reads the file on one thread';

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

export interface ReadInPartsOptions {
  /**
   * For tests: the reading thread waits for the worker's first proposal before it reads, so that even a small file
   * is read in two parts, cut in the middle.
   */
  readonly waitForWorker?: boolean;
}

/**
 * Reads a large regular file on two cores: a worker reads from cuts agreed while this thread reads (cut-handoff.ts;
 * half of what this thread has left, when the worker is ready and again each time it has read its part), this
 * thread reads up to the nearest, and its collector then folds in the worker's parts in the file's order, which
 * gives what reading the file in one go gives (Collector.merge). The number of parts read: 0, having added nothing
 * to `collector` and `stats`, when the file is not read here (or a JSON document turns out not to be cut where one
 * reader would be); 1 when no cut was agreed before this thread read it all; else 1 and the worker's.
 */
export async function readInParts(path: string, collector: Collector, stats: InputStats, io: Io, options: ReadInPartsOptions = {}): Promise<number> {
  const size = sizeWorthSplitting(path, io);
  if (size === undefined) return 0;
  // the worker is started first (if it was not already): it takes longer to start than this thread takes to look at the file
  const { handoff, worker } = partReaderFor(path, size, options.waitForWorker === true ? 0 : MIN_PART_BYTES);
  const answer = answerOf(worker, io.signal);
  answer.catch(() => undefined);
  try {
    const shape = await splitShape(path, size);
    if (shape === undefined) return 0;
    // room for the whole file where the parts are merged, so that the merges do not rehash either
    collector.reserveFor(size);
    if (options.waitForWorker === true) {
      handoff.endFor(0, size); // the worker proposes once this thread has begun
      await handoff.proposed(answer);
    }
    if (shape.container === 'filter-log-events-json') {
      // Until every part is known to stop just inside the events array (where the next starts), they are kept apart.
      const first = new Collector();
      first.reserveFor(size);
      const firstStats = newInputStats(path);
      const part: JsonPart = { startsInEvents: false, offset: 0, endsEarly: false };
      const end = (position: number): number => {
        const stop = handoff.endFor(position, size);
        part.endsEarly = stop < size;
        return stop;
      };
      await readInto(first, filePartEvents(path, { ...shape, cut: shape.bom }, end, firstStats, part), io);
      const cut = handoff.close();
      if (cut !== undefined && part.atEventsBoundary !== true) return 0;
      const rest = cut === undefined ? { parts: [], cutsAtElements: true } : await workerParts(answer, worker);
      if (!rest.cutsAtElements) return 0;
      collector.merge(first.snapshot());
      stats.container = firstStats.container;
      mergeStats(stats, firstStats);
      return 1 + mergeParts(collector, stats, rest.parts);
    }
    await readInto(collector, fileEvents(path, io.stdin, stats, (position) => handoff.endFor(position, size)), io);
    if (handoff.close() === undefined) return 1;
    // text and NDJSON parts are cut at lines that open events: they always meet
    return 1 + mergeParts(collector, stats, (await workerParts(answer, worker)).parts);
  } finally {
    handoff.close();
    await worker.terminate();
  }
}

/** Folds the worker's parts (in the file's order) into `collector` and `stats`; how many there were. */
function mergeParts(collector: Collector, stats: InputStats, parts: readonly PartRead[]): number {
  for (const part of parts) {
    collector.merge(part.collector);
    mergeStats(stats, part.stats);
  }
  return parts.length;
}

/** Adds every batch of `events` to `collector`, stopping when the run is interrupted. */
export async function readInto(collector: Collector, events: AsyncIterable<readonly SourceEvent[]>, io: Io): Promise<void> {
  for await (const batch of events) {
    if (io.signal?.aborted === true) throw interrupted();
    collector.addAll(batch);
  }
}

/** The worker's parts; the worker is ended first, so that its heap is gone before the merge needs memory. */
async function workerParts(answer: Promise<PartResult>, worker: Worker): Promise<{ parts: readonly PartRead[]; cutsAtElements: boolean }> {
  const result = await answer;
  await worker.terminate();
  if (!result.ok) throw new LlmmemError(result.message, { exitCode: result.exitCode, ...(result.hint === undefined ? {} : { hint: result.hint }) });
  return result;
}
