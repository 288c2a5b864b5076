import type { HistogramBin } from './document.js';
import type { ExactHistogram } from './exact-histogram.js';

const NICE_WIDTHS = [8, 16, 32, 64, 128, 256, 512, 1024, 2048];
const MAX_BINS = 24;

/** Groups MaxMemoryUsed into at most 24 equal bins from 0 to past `upperMB` (the largest size to show). */
export function histogramBins(h: ExactHistogram, upperMB: number): HistogramBin[] {
  if (h.count === 0) return [];
  const width = NICE_WIDTHS.find((w) => Math.ceil((upperMB + 1) / w) <= MAX_BINS) ?? 4096;
  const binCount = Math.ceil((upperMB + 1) / width);
  const counts = new Array<number>(binCount).fill(0);
  for (const [value, count] of h.entries()) {
    const b = Math.min(binCount - 1, Math.floor(value / width));
    counts[b] = (counts[b] ?? 0) + count;
  }
  return counts.map((invocations, b) => ({ fromMB: b * width, toMB: (b + 1) * width, invocations }));
}
