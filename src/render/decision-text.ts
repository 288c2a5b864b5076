import Table from 'cli-table3';
import type { FunctionResult } from '../analyze/document.js';
import { fmtInt, fmtPercent, fmtUSD, printable } from './format.js';
import type { Style } from './style.js';

const SAFE_WORD = /^[\w.:/=@%+,-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/**
 * One argument as a POSIX shell reads it back: as is when it is a plain word, in single quotes otherwise, and in
 * ANSI-C quotes (`$'…'`, bash and zsh) with its control characters as `\xNN` when it holds any, so that the line shown
 * is the command that runs and no byte of it reaches the terminal as a control.
 */
export function shellWord(arg: string): string {
  if (arg !== '' && SAFE_WORD.test(arg)) return arg;
  if (!CONTROL.test(arg)) return `'${arg.replaceAll("'", "'\\''")}'`;
  let out = '';
  for (const ch of arg) {
    const c = ch.codePointAt(0)!;
    out += ch === "'" || ch === '\\' ? `\\${ch}` : c < 0x20 || (c >= 0x7f && c <= 0x9f) ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return `$'${out}'`;
}

export const shellLine = (argv: readonly string[]): string => argv.map(shellWord).join(' ');

const FINDING_LABEL = {
  'under-provisioned': 'UNDER-PROVISIONED',
  'over-provisioned': 'OVER-PROVISIONED',
  optimized: 'OPTIMIZED',
  'insufficient-data': 'INSUFFICIENT DATA',
} as const;

/** Why, in words, from the deciding reason. */
function because(f: FunctionResult): string {
  const at = f.current.memoryMB;
  const killed = f.memorySizes.find((s) => s.memoryMB === at)?.outOfMemory ?? 0;
  const optimized = f.recommendations.find((r) => r.strategy === 'optimized')?.memoryMB;
  const conservative = f.recommendations.find((r) => r.strategy === 'conservative')?.memoryMB;
  const peak = `a ${f.basis.statistic} peak of ${f.basis.peakMB} MB`;
  switch (f.findingReasons[0]) {
    case 'no-invocations':
      return 'no invocations in the window';
    case 'out-of-memory-at-current-size':
      return `${fmtInt(killed)} invocation(s) were killed for memory at ${at} MB`;
    case 'few-invocations-at-current-size':
      return `only ${fmtInt(f.current.invocations)} invocation(s) ran at ${at} MB; a size is judged from ${fmtInt(f.basis.minInvocations)} (--min-invocations)`;
    case 'memory-under-provisioned':
      return `${at} MB is below the optimized size (${optimized} MB) for ${peak}`;
    case 'memory-over-provisioned':
      return `${at} MB is above the conservative size (${conservative} MB) for ${peak}`;
    default:
      return `${at} MB lies between the optimized (${optimized} MB) and conservative (${conservative} MB) sizes for ${peak}`;
  }
}

/** The one line that opens a function's report: the finding and what it means to do. */
export function verdictLine(f: FunctionResult, style: Style): string {
  const label = FINDING_LABEL[f.finding];
  const shown = f.finding === 'under-provisioned' ? style.bad(label) : f.finding === 'optimized' ? style.good(label) : style.warn(label);
  const a = f.apply;
  const pick = a === null ? undefined : f.recommendations.find((r) => r.strategy === a.strategy);
  const action =
    a === null || pick === undefined
      ? f.finding === 'optimized'
        ? 'nothing to change'
        : 'no change advised'
      : `${a.memoryMB > (f.current.memoryMB ?? 0) ? 'raise' : 'lower'} it to ${a.memoryMB} MB (${a.strategy}, risk ${pick.risk}, ${costChange(pick.monthlySavingsUSD)})`;
  return `${style.bold(printable(f.function))}: ${shown}: ${because(f)}; ${action}`;
}

/** A monthly difference against the current cost, said as a saving or as extra cost (with its share, when given). */
export function costChange(savingsUSD: number | null, percent?: number | null): string {
  if (savingsUSD === null) return 'cost unknown';
  if (savingsUSD === 0) return 'same cost';
  const share = percent === undefined || percent === null ? '' : ` (${fmtPercent(Math.abs(percent))})`;
  return savingsUSD > 0 ? `saves ${fmtUSD(savingsUSD)}/month${share}` : `costs ${fmtUSD(-savingsUSD)}/month more${share}`;
}

/** The command to run, or why there is none. */
export function applyLines(f: FunctionResult): string[] {
  const a = f.apply;
  if (a === null) return [];
  if (a.command === null) return [`To apply the ${a.strategy} size (${a.memoryMB} MB), name the function: rerun with --function NAME for the command.`];
  return [`Apply the ${a.strategy} size:`, `  ${shellLine(a.command)}`];
}

/** Which operation sets the peak, and what splitting it off would leave. */
export function driverLine(f: FunctionResult): string | undefined {
  const d = f.peakDriver;
  if (d === null || f.operations.length < 2) return undefined;
  const without = d.conservativeWithoutMB === null ? '' : `; without it the conservative size would be ${d.conservativeWithoutMB} MB`;
  return `The peak is set by ${printable(d.operation)} (${d.basisPeakMB} MB, ${f.basis.statistic})${without}.`;
}

/** Leak suspects, with the warning that more memory only delays a leak. */
export function leakLines(f: FunctionResult, style: Style): string[] {
  if (f.leakSuspects.length === 0) return [];
  return [
    style.warn(`Leak suspects: Max Memory Used rises steadily in ${f.leakSuspects.length} execution environment(s). More memory only delays a leak; fix the leak before sizing for it.`),
    ...f.leakSuspects.map(
      (l) => `  ${printable(l.logStream)}: ${fmtInt(l.invocations)} warm invocations, r = ${l.correlation.toFixed(3)}, +${l.riseMB} MB${l.endedInOutOfMemory ? ', ended in an OOM kill' : ''}`,
    ),
  ];
}

const minute = (iso: string | null): string => (iso === null ? '–' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`);

/** One row per Memory Size, when the window holds more than one: the after-the-change check. */
export function sizeHistoryTable(f: FunctionResult): string | undefined {
  if (f.memorySizes.length < 2) return undefined;
  const table = new Table({
    head: ['Memory Size', 'invocations', 'OOM', 'timeouts', 'p99 MB', 'max MB', 'p95 billed ms', 'first seen', 'last seen'],
    style: { head: [], border: [] },
  });
  for (const s of f.memorySizes) {
    table.push([`${s.memoryMB} MB`, fmtInt(s.invocations), fmtInt(s.outOfMemory), fmtInt(s.timeouts), s.p99MaxMemoryUsedMB, s.maxMemoryUsedMB, fmtInt(s.p95BilledDurationMs), minute(s.firstSeen), minute(s.lastSeen)]);
  }
  return `Memory Size history (UTC)\n${table.toString()}`;
}
