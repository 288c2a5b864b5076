import type { FailureRecord } from './records.js';

// `2025-10-11T19:07:35.012Z <requestId> Task timed out after 30.03 seconds` (the timestamp may be absent
// when a container already stripped it).
const TIMED_OUT = /^(?:\d{4}-\d{2}-\d{2}T\S+\s+)?([\w.:-]+)\s+Task timed out after \d/;
const KILLED = /RequestId: ([\w.:-]+) Error: Runtime exited with error: signal: killed/;

/** Recognises the platform's timeout and kill lines. */
export function parseFailureLine(message: string): FailureRecord | undefined {
  const timeout = TIMED_OUT.exec(message);
  if (timeout?.[1] !== undefined) return { kind: 'timeout', requestId: timeout[1] };
  const killed = KILLED.exec(message);
  if (killed?.[1] !== undefined) return { kind: 'killed', requestId: killed[1] };
  return undefined;
}
