/** The first and last event times seen, epoch ms; undefined until an event with a time is seen. */
export interface EventSpan {
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
}

/** Widens `span` to take in `[firstMs, lastMs]` (either may be undefined: nothing to take in). */
export function widenSpan(span: EventSpan, firstMs: number | undefined, lastMs: number | undefined): void {
  if (firstMs !== undefined && (span.firstEventMs === undefined || firstMs < span.firstEventMs)) span.firstEventMs = firstMs;
  if (lastMs !== undefined && (span.lastEventMs === undefined || lastMs > span.lastEventMs)) span.lastEventMs = lastMs;
}
