import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { headMayBeCut } from '../sources/file/detect-container.js';
import { CutHandoff } from './cut-handoff.js';
import type { Io } from './io.js';
import type { PartRequest } from './read-part-worker.js';

// Kept apart from read-in-parts.ts, which loads the whole reading pipeline: main starts the worker with this module
// alone, so the worker starts loading while this thread is still loading the rest.

/** Files smaller than this are read by one thread: a worker takes 0.1–0.4 s to start and load its modules. */
const DEFAULT_SPLIT_MIN_BYTES = 32 << 20;

// Under vitest the sources run as TypeScript; the worker then runs the build (npm test builds first).
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/cli/read-part-worker.js', import.meta.url) : new URL('./read-part-worker.js', import.meta.url);

function splitMinBytes(io: Io): number {
  const raw = io.env['LLMMEM_SPLIT_MIN_BYTES'];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SPLIT_MIN_BYTES;
}

/** A part smaller than this is left to the reading thread: the merge would cost more than the worker saves. */
export const MIN_PART_BYTES = 4 << 20;

/** Whether the file's first bytes leave it a candidate for splitShape (neither gzip nor UTF-16): one small read. */
function mayBeCut(path: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return headMayBeCut(head);
}

/** The size of `path` when it is a regular file (a gzip file's compressed size), else undefined; errors are the reader's to word. */
export function regularFileSize(path: string): number | undefined {
  if (path === '-') return undefined;
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** The size of `path` when it is a regular file worth reading on two threads, else undefined. */
export function sizeWorthSplitting(path: string, io: Io): number | undefined {
  if (availableParallelism() < 2) return undefined;
  const size = regularFileSize(path);
  if (size === undefined || size < splitMinBytes(io)) return undefined;
  try {
    return mayBeCut(path) ? size : undefined;
  } catch {
    return undefined; // the one-thread path words the error
  }
}

/** A worker started on a file, and the handoff it agrees its cut through. */
export interface PartReader {
  readonly path: string;
  readonly size: number;
  readonly handoff: CutHandoff;
  readonly worker: Worker;
}

function startPartReader(path: string, size: number, minPartBytes: number): PartReader {
  const handoff = new CutHandoff();
  const request: PartRequest = { path, size, shared: handoff.shared, minPartBytes };
  return { path, size, handoff, worker: new Worker(WORKER_URL, { workerData: request }) };
}

/** The worker started by startReadingInPartsEarly, until readInParts takes it up. */
let startedEarly: PartReader | undefined;

/**
 * Starts the worker for `path` now, while the rest of llmmem loads, when readInParts would read it in parts: a worker
 * takes 0.1–0.4 s to start, and it waits for the reading thread's first read before it proposes a cut. Until
 * readInParts takes it up it does not hold the process open; endUnusedPartReader ends it if nothing did.
 */
export function startReadingInPartsEarly(path: string, io: Io): void {
  const size = sizeWorthSplitting(path, io);
  if (size === undefined || startedEarly !== undefined) return;
  startedEarly = startPartReader(path, size, MIN_PART_BYTES);
  startedEarly.worker.unref();
}

/**
 * Ends a worker started early that readInParts did not take up (the run ended before, or read other files); whether
 * there was one.
 */
export async function endUnusedPartReader(): Promise<boolean> {
  const unused = startedEarly;
  startedEarly = undefined;
  if (unused !== undefined) await unused.worker.terminate();
  return unused !== undefined;
}

/** The worker started early for this very file, else a new one. */
export function partReaderFor(path: string, size: number, minPartBytes: number): PartReader {
  const early = startedEarly;
  if (early !== undefined && early.path === path && early.size === size) {
    startedEarly = undefined;
    early.worker.ref();
    return early;
  }
  return startPartReader(path, size, minPartBytes);
}
