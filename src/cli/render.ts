import type { ResultDocument } from '../analyze/document.js';
import { renderAnalyze } from '../render/analyze-text.js';
import { renderJson } from '../render/json.js';
import { renderRecommend } from '../render/recommend-text.js';
import { makeStyle } from '../render/style.js';
import type { RunOptions } from './options.js';

/** Picks the renderer for the command and flags. */
export function render(doc: ResultDocument, options: RunOptions, color: boolean): string {
  if (options.json) return renderJson(doc);
  const style = makeStyle(color);
  return options.command === 'recommend' ? renderRecommend(doc, options.strategy, style) : renderAnalyze(doc, style);
}
