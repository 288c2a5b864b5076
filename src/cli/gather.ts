import type { Collector } from '../analyze/collector.js';
import type { SourceInfo, Warning } from '../analyze/document.js';

/** What a source hands to the document builder: joined events per function, and what it read. */
export interface Gathered {
  readonly functions: readonly { readonly name: string; readonly collector: Collector }[];
  readonly source: SourceInfo;
  readonly sourceWarnings: readonly Warning[];
}
