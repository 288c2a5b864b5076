/**
 * How the reading thread and the worker agree, while the file is being read, on where the worker's part starts:
 * the worker, once it has started (0.1–0.4 s after the reading thread), proposes a cut half-way through what is
 * left; the reading thread accepts it before its next read if it has not read past it, and stops there. So both
 * parts end at about the same time whatever the worker's start-up cost and the two threads' speeds.
 *
 * One SharedArrayBuffer of three 64-bit words: the state, the proposed cut, and how far the reading thread has read
 * (-1 until its first read).
 */
const STATE = 0;
const CUT = 1;
const PROGRESS = 2;

const OPEN = 0n;
const PROPOSED = 1n;
const ACCEPTED = 2n;
const REJECTED = 3n;
/** The reading thread is done (or stopping): no cut can be accepted any more. */
const CLOSED = 4n;

/** How long the worker sleeps at a time while its proposal waits, so that it never blocks for long. */
const WAIT_MS = 50;
/** PROGRESS before the reading thread's first read. */
const NOT_READING = -1n;
/** How long the worker sleeps at a time while the reading thread has not begun. */
const BEGIN_WAIT_MS = 2;

export type Proposal = 'accepted' | 'rejected' | 'closed';

export class CutHandoff {
  readonly shared: SharedArrayBuffer;
  private readonly words: BigInt64Array;
  private accepted: number | undefined;

  /** A new handoff (on the reading thread), or the worker's view of `shared`. */
  constructor(shared?: SharedArrayBuffer) {
    this.shared = shared ?? new SharedArrayBuffer(3 * 8);
    this.words = new BigInt64Array(this.shared);
    if (shared === undefined) Atomics.store(this.words, PROGRESS, NOT_READING);
  }

  // --- the reading thread

  /**
   * Where the reading thread must stop, asked before each read at `position`: `end`, or the worker's cut once
   * accepted. A pending proposal is accepted when the cut is not behind `position`, and rejected otherwise.
   */
  endFor(position: number, end: number): number {
    const w = this.words;
    Atomics.store(w, PROGRESS, BigInt(position));
    if (this.accepted === undefined && Atomics.load(w, STATE) === PROPOSED) {
      const cut = Number(Atomics.load(w, CUT));
      if (cut >= position && cut < end) this.accepted = cut;
      Atomics.store(w, STATE, this.accepted === undefined ? REJECTED : ACCEPTED);
      Atomics.notify(w, STATE);
    }
    return this.accepted ?? end;
  }

  /** Ends the handoff from the reading thread's side; the accepted cut, if the worker reads from there. */
  close(): number | undefined {
    if (this.accepted === undefined) {
      Atomics.store(this.words, STATE, CLOSED);
      Atomics.notify(this.words, STATE);
    }
    return this.accepted;
  }

  /** Resolves once the worker has proposed a cut, or once `ended` (the worker's answer) settles. */
  async proposed(ended: Promise<unknown>): Promise<void> {
    let settled = false;
    ended.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled && Atomics.load(this.words, STATE) === OPEN) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  // --- the worker

  /**
   * Waits until the reading thread has begun to read (a worker started early may be ready before it, and a cut
   * proposed then would give it the smaller share); false when it finished or gave up first.
   */
  readingBegun(): boolean {
    const w = this.words;
    while (Atomics.load(w, PROGRESS) === NOT_READING) {
      if (Atomics.load(w, STATE) === CLOSED) return false;
      Atomics.wait(w, PROGRESS, NOT_READING, BEGIN_WAIT_MS);
    }
    return true;
  }

  /** How far the reading thread has read. */
  progress(): number {
    return Number(Atomics.load(this.words, PROGRESS));
  }

  /** Proposes `cut` and waits for the reading thread's answer. */
  propose(cut: number): Proposal {
    const w = this.words;
    Atomics.store(w, CUT, BigInt(cut));
    if (Atomics.compareExchange(w, STATE, OPEN, PROPOSED) !== OPEN) return 'closed';
    for (;;) {
      Atomics.wait(w, STATE, PROPOSED, WAIT_MS);
      const state = Atomics.load(w, STATE);
      if (state === ACCEPTED) return 'accepted';
      if (state === CLOSED) return 'closed';
      if (state === REJECTED) return Atomics.compareExchange(w, STATE, REJECTED, OPEN) === REJECTED ? 'rejected' : 'closed';
    }
  }
}
