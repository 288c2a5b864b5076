import type { Collector } from '../analyze/collector.js';
import type { SourceInfo, Warning } from '../analyze/document.js';

/** What a source hands to the document builder: joined events per function, and what it read. */
export interface Gathered {
  /** `named`: false when `name` is only a label for files read without --function. */
  readonly functions: readonly { readonly name: string; readonly collector: Collector; readonly named: boolean }[];
  /** The region the source resolved (CloudWatch), when it knows one. */
  readonly region?: string | undefined;
  readonly source: SourceInfo;
  readonly sourceWarnings: readonly Warning[];
}
