/**
 * How the reading thread and the worker agree, while the file is being read, on where the worker's parts start:
 * the worker, once it has started (0.1–0.4 s after the reading thread) and the reading thread has begun, proposes a
 * cut half-way through what that thread has left; the reading thread accepts it before its next read if it has not
 * read past it, and stops there. Each time the worker has read its part it proposes another cut in what the reading
 * thread still has before its end, and so on while what is left is worth a part. So both threads end at about the
 * same time, whatever the worker's start-up cost and however the two threads' speeds change along the way.
 *
 * One SharedArrayBuffer of four 64-bit words: the state of the current proposal, the proposed cut, how far the
 * reading thread has read (-1 until its first read), and whether the reading thread has closed the handoff.
 */
const STATE = 0;
const CUT = 1;
const PROGRESS = 2;
const CLOSED = 3;

const OPEN = 0n;
const PROPOSED = 1n;
const ACCEPTED = 2n;
const REJECTED = 3n;

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
  /** The nearest cut accepted so far: where the reading thread stops. */
  private accepted: number | undefined;

  /** A new handoff (on the reading thread), or the worker's view of `shared`. */
  constructor(shared?: SharedArrayBuffer) {
    this.shared = shared ?? new SharedArrayBuffer(4 * 8);
    this.words = new BigInt64Array(this.shared);
    if (shared === undefined) Atomics.store(this.words, PROGRESS, NOT_READING);
  }

  // --- the reading thread

  /**
   * Where the reading thread must stop, asked before each read at `position`: `end`, or the nearest cut accepted.
   * A pending proposal is accepted when its cut lies between `position` and that stop, and rejected otherwise.
   */
  endFor(position: number, end: number): number {
    const w = this.words;
    Atomics.store(w, PROGRESS, BigInt(position));
    if (Atomics.load(w, STATE) === PROPOSED) {
      const cut = Number(Atomics.load(w, CUT));
      const take = cut >= position && cut < (this.accepted ?? end);
      if (take) this.accepted = cut;
      Atomics.store(w, STATE, take ? ACCEPTED : REJECTED);
      Atomics.notify(w, STATE);
    }
    return this.accepted ?? end;
  }

  /**
   * Ends the handoff from the reading thread's side, which accepts no cut after this; the nearest cut it accepted
   * (the worker read from there on), or undefined when it read to the end itself.
   */
  close(): number | undefined {
    Atomics.store(this.words, CLOSED, 1n);
    Atomics.notify(this.words, STATE);
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
      if (this.closed()) return false;
      Atomics.wait(w, PROGRESS, NOT_READING, BEGIN_WAIT_MS);
    }
    return true;
  }

  /** How far the reading thread has read. */
  progress(): number {
    return Number(Atomics.load(this.words, PROGRESS));
  }

  /** Proposes `cut` and waits for the reading thread's answer; the handoff is then open for the next proposal. */
  propose(cut: number): Proposal {
    const w = this.words;
    if (this.closed()) return 'closed';
    Atomics.store(w, CUT, BigInt(cut));
    Atomics.store(w, STATE, PROPOSED);
    for (;;) {
      Atomics.wait(w, STATE, PROPOSED, WAIT_MS);
      // looked at before the answer: an answer the reading thread gave before it closed is then seen below
      const closed = this.closed();
      const answer = Atomics.compareExchange(w, STATE, ACCEPTED, OPEN);
      if (answer === ACCEPTED) return 'accepted';
      if (answer === REJECTED) {
        Atomics.store(w, STATE, OPEN);
        return 'rejected';
      }
      // closed, the reading thread answers no more: the proposal stays unanswered
      if (closed) return 'closed';
    }
  }

  private closed(): boolean {
    return Atomics.load(this.words, CLOSED) !== 0n;
  }
}
