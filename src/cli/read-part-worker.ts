import { parentPort, workerData } from 'node:worker_threads';
import { Collector, type CollectorSnapshot } from '../analyze/collector.js';
import { ExitCode, LlmmemError } from '../errors.js';
import { filePartEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import { cutAfter, splitShape } from '../sources/file/split-plan.js';
import { CutHandoff } from './cut-handoff.js';

/** What the reading thread asks of this worker: to read the rest of `path` from a cut agreed through `shared`. */
export interface PartRequest {
  readonly path: string;
  readonly size: number;
  /** CutHandoff's memory. */
  readonly shared: SharedArrayBuffer;
  /** A part smaller than this is not worth a worker: it then reads nothing. */
  readonly minPartBytes: number;
}

export type PartResult =
  | { readonly ok: true; readonly collector: CollectorSnapshot; readonly stats: InputStats }
  | { readonly ok: false; readonly message: string; readonly hint: string | undefined; readonly exitCode: ExitCode };

/** Every buffer of a snapshot, so that postMessage moves them instead of copying. */
function buffersOf(snapshot: CollectorSnapshot): ArrayBuffer[] {
  const { pages, ids } = snapshot.store;
  return [...pages.flatMap((p) => Object.values(p) as ArrayBufferView[]), ...ids.uuidKeys].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The share of what it has left that the reading thread keeps; the worker takes the rest, a little under half (a new
 * thread starts on colder code), so that both parts end at about the same time.
 */
const READER_SHARE = 0.52;

/** Agrees on a cut with the reading thread and reads from it to the end; undefined when no cut was agreed. */
async function readPart({ path, size, shared, minPartBytes }: PartRequest): Promise<{ collector: CollectorSnapshot; stats: InputStats } | undefined> {
  const handoff = new CutHandoff(shared);
  // the reading thread looks at the file the same way, and reads it alone when this says it cannot be cut
  const shape = await splitShape(path, size);
  if (shape === undefined || !handoff.readingBegun()) return undefined;
  for (;;) {
    const read = handoff.progress();
    const aim = read + Math.floor((size - read) * READER_SHARE);
    if (size - aim < minPartBytes) return undefined;
    const cut = await cutAfter(path, shape, aim, size);
    if (cut === undefined) return undefined;
    const answer = handoff.propose(cut);
    if (answer === 'closed') return undefined;
    if (answer === 'accepted') {
      const collector = new Collector();
      const stats = newInputStats(path);
      const json = shape.container === 'filter-log-events-json' ? { startsInEvents: true, offset: cut - shape.bom, endsEarly: false } : undefined;
      for await (const batch of filePartEvents(path, { ...shape, cut }, size, stats, json)) collector.addAll(batch);
      return { collector: collector.snapshot(), stats };
    }
  }
}

readPart(workerData as PartRequest).then(
  (part) => {
    if (part !== undefined) parentPort!.postMessage({ ok: true, ...part } satisfies PartResult, buffersOf(part.collector));
  },
  (err: unknown) => {
    // anything but an LlmmemError ends the worker with an 'error' event, which the reading thread words
    if (!(err instanceof LlmmemError)) throw err;
    parentPort!.postMessage({ ok: false, message: err.message, hint: err.hint, exitCode: err.exitCode } satisfies PartResult);
  },
);
