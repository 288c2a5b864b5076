/** A range of CloudWatch time in epoch seconds, both ends inclusive as StartQuery takes them. */
export interface SecondsRange {
  readonly startSec: number;
  readonly endSec: number;
}

export interface Slice extends SecondsRange {
  /** Failed attempts so far (Failed / Timeout / Cancelled answers). */
  readonly attempt: number;
}

const DAY_SEC = 86_400;

/**
 * Cuts [startMs, endMs] into day-long slices (at least `minSlices`), in whole seconds. Neighbours share their
 * boundary second: StartQuery's end is inclusive, so sharing it leaves no gap, and the join de-duplicates.
 */
export function initialSlices(startMs: number, endMs: number, minSlices: number): Slice[] {
  const startSec = Math.floor(startMs / 1000);
  const endSec = Math.ceil(endMs / 1000);
  const span = Math.max(1, endSec - startSec);
  const count = Math.max(1, Math.min(span, Math.max(minSlices, Math.ceil(span / DAY_SEC))));
  const slices: Slice[] = [];
  for (let k = 0; k < count; k++) {
    const a = startSec + Math.floor((span * k) / count);
    const b = k === count - 1 ? endSec : startSec + Math.floor((span * (k + 1)) / count);
    slices.push({ startSec: a, endSec: b, attempt: 0 });
  }
  return slices;
}

/** A slice can be halved while it spans more than one second. */
export const canSplit = (s: SecondsRange): boolean => s.endSec - s.startSec >= 2;

/** Two halves that share their middle second. */
export function splitSlice(s: Slice, attempt: number): [Slice, Slice] {
  const mid = Math.floor((s.startSec + s.endSec) / 2);
  return [
    { startSec: s.startSec, endSec: mid, attempt },
    { startSec: mid, endSec: s.endSec, attempt },
  ];
}

export const isoOfSeconds = (sec: number): string => new Date(sec * 1000).toISOString();

/** Merges ranges that overlap or touch, keeping the first reason of each merged run. */
export function mergeRanges<R extends SecondsRange & { readonly reason: string }>(ranges: readonly R[]): (SecondsRange & { reason: string })[] {
  const sorted = [...ranges].sort((a, b) => a.startSec - b.startSec);
  const out: (SecondsRange & { reason: string })[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last !== undefined && r.startSec <= last.endSec) out[out.length - 1] = { ...last, endSec: Math.max(last.endSec, r.endSec) };
    else out.push({ startSec: r.startSec, endSec: r.endSec, reason: r.reason });
  }
  return out;
}
