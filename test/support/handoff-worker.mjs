// A worker for test/cli/cut-handoff.test.ts: proposes the cuts it is given, one after another, and reports each answer.
import { parentPort, workerData } from 'node:worker_threads';
import { CutHandoff } from '../../dist/cli/cut-handoff.js';

const handoff = new CutHandoff(workerData.shared);
for (const cut of workerData.cuts) {
  const answer = handoff.propose(cut);
  parentPort.postMessage({ cut, answer, progress: handoff.progress() });
  if (answer !== 'rejected') break;
}
