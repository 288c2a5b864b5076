import type { ResultDocument } from '../analyze/document.js';
import type { RunOptions } from './options.js';

/** Picks the renderer for the command and flags, loading only that one: `--json` needs neither chalk nor cli-table3. */
export async function render(doc: ResultDocument, options: RunOptions, color: boolean): Promise<string> {
  if (options.json) return (await import('../render/json.js')).renderJson(doc);
  const style = (await import('../render/style.js')).makeStyle(color);
  if (options.command === 'recommend') return (await import('../render/recommend-text.js')).renderRecommend(doc, options.strategy, style);
  return (await import('../render/analyze-text.js')).renderAnalyze(doc, style);
}
