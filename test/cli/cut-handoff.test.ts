import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CutHandoff } from '../../src/cli/cut-handoff.js';

// The reading thread and a real worker thread agreeing on a cut through shared memory (npm test builds dist first).

const WORKER = new URL('../support/handoff-worker.mjs', import.meta.url);

interface Answer {
  cut: number;
  answer: string;
  progress: number;
}

interface Begun {
  begun: boolean;
  progress: number;
}

/** Starts a worker proposing `cuts` (once the reading thread has begun, with `waitForReading`), and collects its answers. */
function proposer(handoff: CutHandoff, cuts: number[], waitForReading = false, every = false) {
  const worker = new Worker(WORKER, { workerData: { shared: handoff.shared, cuts, waitForReading, every } });
  const answers: Answer[] = [];
  const begun: Begun[] = [];
  let ended = false;
  const ready = waitForReading ? once(worker, 'message') : Promise.resolve();
  worker.on('message', (m: Answer | Begun | { ready: true }) => {
    if ('answer' in m) answers.push(m);
    else if ('begun' in m) begun.push(m);
  });
  const exited = once(worker, 'exit').then(() => (ended = true));
  return { worker, answers, begun, ready, exited, ended: () => ended };
}

/**
 * Calls endFor at `position` every few ms, as the reading thread does before each read, until the worker has had
 * `answers` answers (or has ended); returns where the reading thread must then stop.
 */
async function readUntilAnswered(handoff: CutHandoff, position: number, end: number, worker: ReturnType<typeof proposer>, answers: number): Promise<number> {
  let stop = handoff.endFor(position, end);
  while (worker.answers.length < answers && !worker.ended()) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    stop = handoff.endFor(position, end);
  }
  return stop;
}

/**
 * A reading thread standing at `position` (to stop at `end`) while a worker proposes `cuts` (all of them with
 * `every`, else until one is accepted): where it must then stop, and the worker's answers.
 */
async function standAt(position: number, end: number, cuts: number[], every = false) {
  const handoff = new CutHandoff();
  handoff.endFor(position, end);
  const worker = proposer(handoff, cuts, false, every);
  const stop = await readUntilAnswered(handoff, position, end, worker, cuts.length);
  await worker.exited;
  return { handoff, stop, answers: worker.answers };
}

describe('CutHandoff', () => {
  it('rejects a cut the reading thread has read past, then accepts the next one and stops there', async () => {
    // reading at 3000: the cut at 2000 is behind, the one at 6000 ahead
    const { handoff, stop, answers } = await standAt(3000, 10_000, [2000, 6000]);
    expect(stop).toBe(6000);
    expect(answers).toEqual([
      { cut: 2000, answer: 'rejected', progress: 3000 },
      { cut: 6000, answer: 'accepted', progress: 3000 },
    ]);
    expect(handoff.endFor(5000, 10_000)).toBe(6000); // an accepted cut stays the end
    expect(handoff.close()).toBe(6000);
  });

  it('accepts a cut exactly where the reading thread stands, but none at or past the end', async () => {
    const { stop, answers } = await standAt(4096, 8192, [8192, 4096]);
    expect(stop).toBe(4096);
    expect(answers.map((a) => a.answer)).toEqual(['rejected', 'accepted']);
  });

  it('accepts further cuts nearer than the last one accepted, and rejects one beyond it', async () => {
    const { handoff, stop, answers } = await standAt(1000, 10_000, [6000, 3000, 5000, 2000], true);
    expect(stop).toBe(2000);
    expect(answers.map((a) => [a.cut, a.answer])).toEqual([[6000, 'accepted'], [3000, 'accepted'], [5000, 'rejected'], [2000, 'accepted']]);
    expect(handoff.close()).toBe(2000);
  });

  it('gives a cut accepted just before the reading thread closes to the worker as accepted', async () => {
    for (let round = 0; round < 20; round++) {
      const handoff = new CutHandoff();
      const worker = proposer(handoff, [5000, 4000], false, true);
      await handoff.proposed(worker.exited);
      expect(handoff.endFor(0, 10_000)).toBe(5000);
      expect(handoff.close()).toBe(5000);
      await worker.exited;
      // the second proposal came after the close, or was left unanswered by it
      expect(worker.answers.map((a) => a.answer)).toEqual(['accepted', 'closed']);
    }
  });

  it('answers a proposal made after the reading thread has finished with "closed"', async () => {
    const handoff = new CutHandoff();
    handoff.endFor(10_000, 10_000);
    expect(handoff.close()).toBeUndefined();
    const { answers, exited } = proposer(handoff, [5000]);
    await exited;
    expect(answers).toEqual([{ cut: 5000, answer: 'closed', progress: 10_000 }]);
  });

  it('holds a worker back until the reading thread has begun to read', async () => {
    const handoff = new CutHandoff();
    const worker = proposer(handoff, [5000], true);
    await worker.ready;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(worker.begun).toEqual([]); // still waiting: the reading thread has not read
    expect(await readUntilAnswered(handoff, 1234, 10_000, worker, 1)).toBe(5000);
    await worker.exited;
    expect(worker.begun).toEqual([{ begun: true, progress: 1234 }]);
    expect(worker.answers).toEqual([{ cut: 5000, answer: 'accepted', progress: 1234 }]);
  });

  it('lets a waiting worker go when the reading thread finishes without reading', async () => {
    const handoff = new CutHandoff();
    const worker = proposer(handoff, [5000], true);
    await worker.ready;
    expect(handoff.close()).toBeUndefined();
    await worker.exited;
    expect(worker.begun).toEqual([{ begun: false, progress: -1 }]);
    expect(worker.answers).toEqual([]);
  });

  it('wakes a worker whose proposal is pending when the reading thread finishes', async () => {
    const handoff = new CutHandoff();
    const { answers, exited } = proposer(handoff, [5000]);
    await handoff.proposed(exited); // no endFor: the proposal waits until close()
    expect(handoff.close()).toBeUndefined();
    await exited;
    expect(answers.map((a) => a.answer)).toEqual(['closed']);
  });
});
