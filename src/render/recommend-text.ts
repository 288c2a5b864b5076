import Table from 'cli-table3';
import type { FunctionResult, ResultDocument } from '../analyze/document.js';
import type { Strategy } from '../analyze/recommend.js';
import { windowLine } from './analyze-text.js';
import { fmtInt, fmtMB, fmtPercent, fmtUSD } from './format.js';
import type { Style } from './style.js';

/** The shell command that applies `memoryMB`; the function name is quoted when the shell needs it. */
export function updateCommand(functionName: string, memoryMB: number): string {
  const name = /^[\w.:-]+$/.test(functionName) ? functionName : `'${functionName.replaceAll("'", "'\\''")}'`;
  return `aws lambda update-function-configuration --function-name ${name} --memory-size ${memoryMB}`;
}

function recommendFunction(f: FunctionResult, chosen: Strategy, style: Style): string {
  if (f.invocations === 0 || f.basis.peakMB === null) return `${style.bold(f.function)}: no invocations in the window`;
  const lines = [
    `${style.bold(f.function)}: peak ${f.basis.peakMB} MB (${f.basis.statistic} of ${fmtInt(f.invocations)} invocations), ` +
      `now ${fmtMB(f.current.memoryMB)} MB at ${fmtUSD(f.current.monthlyCostUSD)}/month (${f.arch})`,
  ];
  const table = new Table({
    head: ['strategy', 'factor', 'memory MB', 'monthly cost', 'savings', 'saved', 'would exceed', 'risk'],
    style: { head: [], border: [] },
  });
  for (const r of f.recommendations) {
    const risk = r.risk === 'high' ? style.bad(r.risk) : r.risk === 'medium' ? style.warn(r.risk) : style.good(r.risk);
    table.push([r.strategy === chosen ? style.bold(r.strategy) : r.strategy, `${r.factor}×`, r.memoryMB, fmtUSD(r.monthlyCostUSD), fmtUSD(r.monthlySavingsUSD), fmtPercent(r.monthlySavingsPercent), fmtInt(r.exceedingInvocations), risk]);
  }
  lines.push(table.toString());
  const pick = f.recommendations.find((r) => r.strategy === chosen);
  if (pick !== undefined) {
    lines.push(
      pick.memoryMB === f.current.memoryMB
        ? `The ${chosen} size is the current size: nothing to change.`
        : `Apply the ${chosen} size:\n  ${updateCommand(f.function, pick.memoryMB)}`,
    );
  }
  return lines.join('\n');
}

/** The `recommend` report: the strategy table and the command for the chosen size. */
export function renderRecommend(doc: ResultDocument, chosen: Strategy, style: Style): string {
  const parts = [style.dim(windowLine(doc)), ...doc.functions.map((f) => recommendFunction(f, chosen, style))];
  parts.push(style.dim('Costs assume the same billed durations at every size; less memory also means less CPU.'));
  return parts.join('\n\n') + '\n';
}
