// A worker for test/cli/cut-handoff.test.ts: proposes the cuts it is given, one after another, and reports each answer,
// until one is not rejected (with `every`, until one is closed); with `waitForReading`, it first says it is ready,
// waits for the reading thread to begin, and reports that.
import { parentPort, workerData } from 'node:worker_threads';
import { CutHandoff } from '../../dist/cli/cut-handoff.js';

const handoff = new CutHandoff(workerData.shared);
let begun = true;
if (workerData.waitForReading) {
  parentPort.postMessage({ ready: true });
  begun = handoff.readingBegun();
  parentPort.postMessage({ begun, progress: handoff.progress() });
}
for (const cut of begun ? workerData.cuts : []) {
  const answer = handoff.propose(cut);
  parentPort.postMessage({ cut, answer, progress: handoff.progress() });
  if (answer === 'closed' || (answer === 'accepted' && !workerData.every)) break;
}
