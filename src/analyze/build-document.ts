import { widenSpan, type EventSpan } from '../parse/event-span.js';
import type { Collector } from './collector.js';
import { SCHEMA_VERSION, type PeakBasis, type ResultDocument, type SourceInfo, type Warning } from './document.js';
import { roundTo } from './percentile.js';
import type { Architecture, LambdaPrices } from './prices.js';
import type { Strategy } from './recommend.js';
import { summarizeFunction } from './summarize.js';
import { effectiveWindow, isoTime, windowDays, type RequestedWindow } from './window.js';

export interface AnalysisInput {
  /** `named`: false when `name` is only a label (files read without --function), so no command can name it. */
  readonly functions: readonly { readonly name: string; readonly collector: Collector; readonly named: boolean }[];
  readonly window: RequestedWindow | undefined;
  readonly arch: Architecture;
  readonly basis: PeakBasis;
  readonly stepMB: number;
  readonly minInvocations: number;
  readonly strategy: Strategy;
  /** Where the functions run, for the command that applies a size. */
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly prices: LambdaPrices;
  readonly generatedBy: string;
  /** What the source read, as plain data; `skippedLines` here counts lines the container could not frame. */
  readonly source: SourceInfo;
  readonly sourceWarnings: readonly Warning[];
  /** The caller's clock, for the future-timestamp check; the core never reads one itself. */
  readonly nowMs?: number;
}

const MIN_COVERAGE = 0.9;

/** Builds the versioned result document from the joined events of each function. Pure. */
export function buildDocument(input: AnalysisInput): ResultDocument {
  const span: EventSpan = { firstEventMs: undefined, lastEventMs: undefined };
  let malformed = 0;
  const warnings: Warning[] = [...input.sourceWarnings];
  for (const { collector } of input.functions) {
    const c = collector.counts;
    widenSpan(span, c.firstEventMs, c.lastEventMs);
    malformed += c.malformedEvents;
  }
  const { firstEventMs: first, lastEventMs: last } = span;
  const window = effectiveWindow(input.window, first, last);

  const functions = input.functions.map(({ name, collector, named }) => {
    const { result, warnings: fw } = summarizeFunction(collector, {
      functionName: name,
      arch: input.arch,
      basis: input.basis,
      stepMB: input.stepMB,
      prices: input.prices,
      window,
      minInvocations: input.minInvocations,
      strategy: input.strategy,
      deployment: { functionName: named ? name : undefined, region: input.region, profile: input.profile },
    });
    const c = collector.counts;
    if (c.firstMalformed !== undefined) {
      warnings.push({
        code: 'malformed-event',
        count: c.malformedEvents,
        message: `${name}: skipped ${c.malformedEvents} unreadable event(s); first: ${c.firstMalformed.reason}: ${JSON.stringify(c.firstMalformed.excerpt)}`,
      });
    }
    const conflicting = collector.store.conflictingReports;
    if (conflicting > 0) {
      warnings.push({
        code: 'conflicting-duplicate-report',
        count: conflicting,
        message: `${name}: ${conflicting} REPORT(s) repeat a request id with different figures (an async retry or a conflicting export); the one with the highest Max Memory Used is kept`,
      });
    }
    if (c.incompleteTrackerBlocks > 0) {
      warnings.push({
        code: 'incomplete-tracker-block',
        count: c.incompleteTrackerBlocks,
        message: `${name}: ${c.incompleteTrackerBlocks} Memory Statistics block(s) were cut short; their missing peaks are not counted`,
      });
    }
    warnings.push(...fw);
    return result;
  });

  const FUTURE_SLACK_MS = 86_400_000;
  if (input.nowMs !== undefined && last !== undefined && last > input.nowMs + FUTURE_SLACK_MS) {
    warnings.push({ code: 'future-timestamps', message: `events are dated up to ${new Date(last).toISOString()}, more than a day after now; check the clock of whatever wrote them` });
  }
  if (window.from === 'data') {
    warnings.push({
      code: 'window-from-data',
      message:
        window.lengthMs === undefined
          ? 'no window was given and the events carry no usable time span: monthly figures cannot be projected (give --start/--end or --days)'
          : `no window was given: monthly projections rest on the span of the events read (${roundTo(windowDays(window.lengthMs), 3)} days)`,
    });
  } else if (first !== undefined && last !== undefined && window.lengthMs !== undefined) {
    const covered = Math.min(last, window.endMs!) - Math.max(first, window.startMs!);
    if (covered < MIN_COVERAGE * window.lengthMs) {
      warnings.push({
        code: 'partial-coverage',
        message: `the events read span ${roundTo(Math.max(0, covered) / 86_400_000, 3)} of the window's ${roundTo(windowDays(window.lengthMs), 3)} days; monthly figures assume no traffic in the rest`,
      });
    }
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    generatedBy: input.generatedBy,
    window: {
      start: isoTime(window.startMs),
      end: isoTime(window.endMs),
      days: window.lengthMs === undefined ? null : roundTo(windowDays(window.lengthMs), 6),
      from: window.from,
    },
    source: { ...input.source, skippedLines: input.source.skippedLines + malformed },
    pricing: { region: input.prices.region, asOf: input.prices.asOf, source: input.prices.source, gbIsMB: 1024 },
    assumptions: [
      'MaxMemoryUsed and Memory Size are in MB as Lambda reports them; GB = 1024 MB.',
      'Billed seconds = (Billed Duration + Billed Restore Duration) / 1000, as reported.',
      'Monthly = window totals × 30 / window length in days; AWS volume tiers are applied as if this function were the account\'s only usage, before the free tier.',
      'current.monthlyCostUSD uses each invocation\'s own Memory Size; a candidate size is costed with the same billed durations for every invocation (less memory also means less CPU, so real durations may grow).',
      'Percentiles are nearest-rank: the value at position ceil(p/100 × n) of the sorted values.',
    ],
    functions,
    warnings,
  };
}
