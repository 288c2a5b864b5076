import Table from 'cli-table3';
import type { FunctionResult, ResultDocument } from '../analyze/document.js';
import type { Strategy } from '../analyze/recommend.js';
import { windowLine } from './analyze-text.js';
import { applyLines, costChange, driverLine, leakLines, sizeHistoryTable, verdictLine } from './decision-text.js';
import { fmtInt, fmtMB, fmtUSD, printable } from './format.js';
import type { Style } from './style.js';

function recommendFunction(f: FunctionResult, chosen: Strategy, style: Style): string {
  const verdict = verdictLine(f, style);
  if (f.invocations === 0 || f.basis.peakMB === null) return verdict;
  const censored = f.basis.censoredInvocations > 0 ? `, ${fmtInt(f.basis.censoredInvocations)} killed for memory counted as their Memory Size + 1 MB` : '';
  const lines = [
    verdict,
    `${style.bold(printable(f.function))}: peak ${f.basis.peakMB} MB (${f.basis.statistic} of ${fmtInt(f.invocations)} invocations${censored}), ` +
      `now ${fmtMB(f.current.memoryMB)} MB at ${fmtUSD(f.current.monthlyCostUSD)}/month (${f.arch})`,
  ];
  const table = new Table({
    head: ['strategy', 'factor', 'memory MB', 'monthly cost', 'against now', 'would exceed', 'unknown', 'risk', 'durations'],
    style: { head: [], border: [] },
  });
  for (const r of f.recommendations) {
    const risk = r.risk === 'high' ? style.bad(r.risk) : r.risk === 'medium' ? style.warn(r.risk) : style.good(r.risk);
    table.push([
      r.strategy === chosen ? style.bold(r.strategy) : r.strategy,
      `${r.factor}×`,
      r.memoryMB,
      fmtUSD(r.monthlyCostUSD),
      costChange(r.monthlySavingsUSD, r.monthlySavingsPercent),
      fmtInt(r.exceedingInvocations),
      fmtInt(r.unknownInvocations),
      risk,
      r.durations,
    ]);
  }
  lines.push(table.toString(), ...applyLines(f));
  const driver = driverLine(f);
  if (driver !== undefined) lines.push(driver);
  lines.push(...leakLines(f, style));
  const history = sizeHistoryTable(f);
  if (history !== undefined) lines.push(history);
  if (f.current.monthlyCostUSD !== f.actual.monthlyCostUSD) {
    lines.push(style.dim(`The window itself cost ${fmtUSD(f.actual.monthlyCostUSD)}/month with each invocation at its own Memory Size; "now" costs ${fmtMB(f.current.memoryMB)} MB for all of them.`));
  }
  return lines.join('\n');
}

/** The `recommend` report: the verdict, the strategy table and the command for the chosen size. */
export function renderRecommend(doc: ResultDocument, chosen: Strategy, style: Style): string {
  const parts = [style.dim(windowLine(doc)), ...doc.functions.map((f) => recommendFunction(f, chosen, style))];
  parts.push(
    style.dim(
      'Costs: "assumed" sizes keep each invocation\'s billed duration (less memory also means less CPU, so durations may grow); ' +
        '"measured" sizes use the durations the window measured at that size. "unknown": killed for memory at a smaller size, so not judged.',
    ),
  );
  return parts.join('\n\n') + '\n';
}
