import type { Strategy } from './recommend.js';

/** Compute Optimizer's findings, in llmmem's spelling. */
export type Finding = 'optimized' | 'over-provisioned' | 'under-provisioned' | 'insufficient-data';

/** What the finding is decided from, all at the current (latest) Memory Size unless said otherwise. */
export interface FindingFacts {
  readonly currentMB: number | undefined;
  readonly invocationsAtCurrent: number;
  readonly killedAtCurrent: number;
  readonly timeoutsAtCurrent: number;
  readonly minInvocations: number;
  /** The conservative (×1.5) and optimized (×1.15) sizes; undefined with no invocations. */
  readonly conservativeMB: number | undefined;
  readonly optimizedMB: number | undefined;
  readonly leakSuspects: number;
  /** Operations of the window with fewer than minInvocations invocations. */
  readonly fewInvocationOperations: number;
}

/**
 * The finding, first rule that holds: any kill for memory at the current size → under-provisioned; fewer than
 * minInvocations invocations at it → insufficient-data; below the optimized size → under-provisioned; above the
 * conservative size → over-provisioned; else optimized. Reasons that do not change the class follow the deciding one.
 */
export function findingOf(f: FindingFacts): { finding: Finding; reasons: string[] } {
  let finding: Finding;
  const reasons: string[] = [];
  if (f.currentMB === undefined || f.conservativeMB === undefined || f.optimizedMB === undefined) {
    finding = 'insufficient-data';
    reasons.push('no-invocations');
  } else if (f.killedAtCurrent > 0) {
    finding = 'under-provisioned';
    reasons.push('out-of-memory-at-current-size');
  } else if (f.invocationsAtCurrent < f.minInvocations) {
    finding = 'insufficient-data';
    reasons.push('few-invocations-at-current-size');
  } else if (f.currentMB < f.optimizedMB) {
    finding = 'under-provisioned';
    reasons.push('memory-under-provisioned');
  } else if (f.currentMB > f.conservativeMB) {
    finding = 'over-provisioned';
    reasons.push('memory-over-provisioned');
  } else {
    finding = 'optimized';
  }
  if (f.timeoutsAtCurrent > 0) reasons.push('timeouts-at-current-size');
  if (f.leakSuspects > 0) reasons.push('leak-suspect');
  if (f.fewInvocationOperations > 0) reasons.push('few-invocations-for-operation');
  return { finding, reasons };
}

/** Where the function runs, for the command that changes it; `functionName` undefined when the logs did not say. */
export interface Deployment {
  readonly functionName: string | undefined;
  readonly region: string | undefined;
  readonly profile: string | undefined;
}

export interface Apply {
  readonly strategy: Strategy;
  readonly memoryMB: number;
  /** The argv of the AWS CLI call that applies it; null when the function's name is not known. */
  readonly command: readonly string[] | null;
}

/** What to do: the chosen strategy's size, unless the finding says there is nothing to change or too little to go on. */
export function applyOf(finding: Finding, strategy: Strategy, memoryMB: number | undefined, d: Deployment): Apply | null {
  if (finding === 'insufficient-data' || finding === 'optimized' || memoryMB === undefined) return null;
  const command =
    d.functionName === undefined
      ? null
      : [
          'aws', 'lambda', 'update-function-configuration',
          '--function-name', d.functionName,
          '--memory-size', String(memoryMB),
          ...(d.region === undefined ? [] : ['--region', d.region]),
          ...(d.profile === undefined ? [] : ['--profile', d.profile]),
        ];
  return { strategy, memoryMB, command };
}
