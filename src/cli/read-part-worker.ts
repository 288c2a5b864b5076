import { parentPort, workerData } from 'node:worker_threads';
import { Collector, type CollectorSnapshot } from '../analyze/collector.js';
import { ExitCode, LlmmemError } from '../errors.js';
import { filePartEvents, newInputStats, type InputStats } from '../sources/file/file-source.js';
import type { JsonPart } from '../sources/file/json-document-events.js';
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

/** A part of the file the worker read. */
export interface PartRead {
  readonly collector: CollectorSnapshot;
  readonly stats: InputStats;
}

export type PartResult =
  | {
      readonly ok: true;
      /** The parts in the file's order (the worker reads them from the end backwards). */
      readonly parts: readonly PartRead[];
      /** False when a part of a JSON document did not end just inside the events array: it must be read by one reader. */
      readonly cutsAtElements: boolean;
    }
  | { readonly ok: false; readonly message: string; readonly hint: string | undefined; readonly exitCode: ExitCode };

/** Every buffer of the parts' snapshots, so that postMessage moves them instead of copying. */
function buffersOf(parts: readonly PartRead[]): ArrayBuffer[] {
  return parts.flatMap(({ collector: { store } }) =>
    [...store.pages.flatMap((p) => Object.values(p) as ArrayBufferView[]), ...store.ids.uuidKeys].map((a) => a.buffer as ArrayBuffer),
  );
}

/**
 * The share of what it has left that the reading thread keeps; the worker takes the rest, a little under half (a new
 * thread starts on colder code), so that both parts end at about the same time.
 */
const READER_SHARE = 0.52;

/**
 * Agrees on cuts with the reading thread and reads from each to where the reading thread stood to stop before it
 * (the first to the file's end): once a part is read, what the reading thread still has before it is cut again.
 */
async function readParts({ path, size, shared, minPartBytes }: PartRequest): Promise<{ parts: PartRead[]; cutsAtElements: boolean }> {
  const handoff = new CutHandoff(shared);
  const parts: PartRead[] = [];
  // the reading thread looks at the file the same way, and reads it alone when this says it cannot be cut
  const shape = await splitShape(path, size);
  if (shape === undefined || !handoff.readingBegun()) return { parts, cutsAtElements: true };
  for (let end = size; ; ) {
    const read = handoff.progress();
    const aim = read + Math.floor((end - read) * READER_SHARE);
    if (end - aim < minPartBytes) break;
    const cut = await cutAfter(path, shape, aim, end);
    if (cut === undefined) break;
    const answer = handoff.propose(cut);
    if (answer === 'closed') break;
    if (answer === 'rejected') continue;
    const collector = new Collector();
    collector.reserveFor(end - cut);
    const stats = newInputStats(path);
    const json: JsonPart | undefined = shape.container === 'filter-log-events-json' ? { startsInEvents: true, offset: cut - shape.bom, endsEarly: end < size } : undefined;
    for await (const batch of filePartEvents(path, { ...shape, cut }, end, stats, json)) collector.addAll(batch);
    parts.unshift({ collector: collector.snapshot(), stats });
    if (json?.endsEarly === true && json.atEventsBoundary !== true) return { parts, cutsAtElements: false };
    end = cut;
  }
  return { parts, cutsAtElements: true };
}

readParts(workerData as PartRequest).then(
  (read) => parentPort!.postMessage({ ok: true, ...read } satisfies PartResult, buffersOf(read.parts)),
  (err: unknown) => {
    // anything but an LlmmemError ends the worker with an 'error' event, which the reading thread words
    if (!(err instanceof LlmmemError)) throw err;
    parentPort!.postMessage({ ok: false, message: err.message, hint: err.hint, exitCode: err.exitCode } satisfies PartResult);
  },
);
