import { parentPort, workerData } from 'node:worker_threads';
import { Collector, type CollectorSnapshot } from '../analyze/collector.js';
import { ExitCode, LlmmemError } from '../errors.js';
import { filePartEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import type { JsonPart } from '../sources/file/json-document-events.js';
import type { SplitPlan } from '../sources/file/split-plan.js';

/** What the reading thread asks of this worker: the bytes `[plan.cut, end)` of `path`. */
export interface PartRequest {
  readonly path: string;
  readonly plan: SplitPlan;
  readonly end: number;
  /** For a filter-log-events document: how the part starts and ends. */
  readonly json?: JsonPart | undefined;
}

export type PartResult =
  | { readonly ok: true; readonly collector: CollectorSnapshot; readonly stats: InputStats }
  | { readonly ok: false; readonly message: string; readonly hint: string | undefined; readonly exitCode: ExitCode };

/** Every buffer of a snapshot, so that postMessage moves them instead of copying. */
function buffersOf(snapshot: CollectorSnapshot): ArrayBuffer[] {
  const { pages, ids } = snapshot.store;
  return [...pages.flatMap((p) => Object.values(p) as ArrayBufferView[]), ...ids.uuidKeys].map((a) => a.buffer as ArrayBuffer);
}

async function readPart({ path, plan, end, json }: PartRequest): Promise<{ collector: CollectorSnapshot; stats: InputStats }> {
  const collector = new Collector();
  const stats = newInputStats(path);
  for await (const batch of filePartEvents(path, plan, end, stats, json)) collector.addAll(batch);
  return { collector: collector.snapshot(), stats };
}

readPart(workerData as PartRequest).then(
  ({ collector, stats }) => parentPort!.postMessage({ ok: true, collector, stats } satisfies PartResult, buffersOf(collector)),
  (err: unknown) => {
    // anything but an LlmmemError ends the worker with an 'error' event, which the reading thread words
    if (!(err instanceof LlmmemError)) throw err;
    parentPort!.postMessage({ ok: false, message: err.message, hint: err.hint, exitCode: err.exitCode } satisfies PartResult);
  },
);
