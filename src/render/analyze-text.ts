import Table from 'cli-table3';
import type { FunctionResult, ResultDocument } from '../analyze/document.js';
import { leakLines, sizeHistoryTable, verdictLine } from './decision-text.js';
import { fmtInt, fmtMaybe, fmtMB, fmtUSD, printable } from './format.js';
import { renderHistogram } from './histogram-text.js';
import type { Style } from './style.js';

export function windowLine(doc: ResultDocument): string {
  const w = doc.window;
  const span = w.days === null ? 'unknown length' : `${w.days} days`;
  return `window ${w.start ?? '?'} → ${w.end ?? '?'} (${span}${w.from === 'data' ? ', from the events read' : ''}), UTC`;
}

function headline(f: FunctionResult, style: Style): string {
  return [
    verdictLine(f, style),
    style.bold(printable(f.function)) + ` (${f.arch}, Memory Size ${fmtMB(f.memorySizeMB)} MB)`,
    `invocations ${fmtInt(f.invocations)} · cold starts ${fmtInt(f.coldStarts)} · timeouts ${fmtInt(f.timeouts)} · ` +
      (f.outOfMemory > 0 ? style.bad(`out of memory ${fmtInt(f.outOfMemory)}`) : `out of memory 0`) +
      ` · billed ${f.billedGbSeconds} GB-s · ${fmtUSD(f.current.monthlyCostUSD)}/month now`,
  ].join('\n');
}

function operationsTable(f: FunctionResult): string {
  const table = new Table({
    head: ['operation', 'invocations', 'share', 'p50', 'p90', 'p95', 'p99', 'max', 'mean', 'cold', 'timeouts', 'OOM', 'RSS peak', 'heap peak'],
    style: { head: [], border: [] },
  });
  const m = f.maxMemoryUsedMB;
  for (const op of f.operations) {
    const s = op.maxMemoryUsedMB;
    table.push([printable(op.operation), fmtInt(op.invocations), `${op.sharePercent}%`, s.p50, s.p90, s.p95, s.p99, s.max, s.mean, op.coldStarts, op.timeouts, op.outOfMemory, fmtMaybe(op.trackerPeakRssMB), fmtMaybe(op.trackerPeakHeapMB)]);
  }
  if (m !== null) table.push(['all', fmtInt(f.invocations), '100%', m.p50, m.p90, m.p95, m.p99, m.max, m.mean, f.coldStarts, f.timeouts, f.outOfMemory, '', '']);
  return `Max Memory Used (MB) by operation; RSS/heap peaks (MB) from the proxy's memory tracker\n${table.toString()}`;
}

/** The `analyze` report: per-operation table and histogram for each function. */
export function renderAnalyze(doc: ResultDocument, style: Style): string {
  const parts = [style.dim(windowLine(doc))];
  for (const f of doc.functions) {
    parts.push(headline(f, style));
    if (f.invocations === 0) {
      parts.push('no invocations in the window');
      continue;
    }
    parts.push(operationsTable(f), renderHistogram(f, style));
    const history = sizeHistoryTable(f);
    if (history !== undefined) parts.push(history);
    const leaks = leakLines(f, style);
    if (leaks.length > 0) parts.push(leaks.join('\n'));
  }
  return parts.join('\n\n') + '\n';
}
