import type { FunctionResult } from '../analyze/document.js';
import type { Style } from './style.js';

const BAR_WIDTH = 40;

/** A terminal histogram of MaxMemoryUsed with the current size and each recommendation marked. */
export function renderHistogram(f: FunctionResult, style: Style): string {
  if (f.histogram.length === 0) return '';
  const largest = Math.max(...f.histogram.map((b) => b.invocations));
  const marks = [
    ...(f.current.memoryMB === null ? [] : [{ mb: f.current.memoryMB, label: `current ${f.current.memoryMB} MB` }]),
    ...f.recommendations.map((r) => ({ mb: r.memoryMB, label: `${r.strategy} ${r.memoryMB} MB` })),
  ];
  const labelWidth = `${f.histogram.at(-1)!.toMB}`.length;
  const lines = [style.bold(`Max Memory Used (MB), ${f.invocations} invocations`)];
  for (const bin of f.histogram) {
    const len = bin.invocations === 0 ? 0 : Math.max(1, Math.round((bin.invocations / largest) * BAR_WIDTH));
    const here = marks.filter((m) => m.mb >= bin.fromMB && m.mb < bin.toMB).map((m) => m.label);
    const range = `${String(bin.fromMB).padStart(labelWidth)}–${String(bin.toMB).padEnd(labelWidth)}`;
    const bar = style.accent('█'.repeat(len)) + ' '.repeat(BAR_WIDTH - len);
    const count = bin.invocations === 0 ? '' : String(bin.invocations);
    lines.push(`${range} │${bar} ${count.padStart(7)}${here.length > 0 ? style.warn(`  ◀ ${here.join(', ')}`) : ''}`);
  }
  return lines.join('\n');
}
