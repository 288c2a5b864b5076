const ISO_PREFIX =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;

export interface TimestampMatch {
  /** Epoch milliseconds, fractions below a millisecond dropped. */
  readonly epochMs: number;
  /** How many characters of the input the timestamp took. */
  readonly length: number;
}

/**
 * Reads an ISO-8601 timestamp at the start of `text`: `2025-10-11T19:07:00.123Z`, `aws logs tail`'s
 * `2025-10-11T19:07:00.123000+00:00`, and Logs Insights' `2025-10-11 19:07:05.432`. No offset means UTC,
 * which is how CloudWatch writes every one of them.
 */
export function matchTimestamp(text: string): TimestampMatch | undefined {
  const m = ISO_PREFIX.exec(text);
  if (m === null) return undefined;
  const [whole, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = frac === undefined ? 0 : Math.floor(Number(frac.padEnd(3, '0').slice(0, 3)));
  let epochMs = Date.UTC(Number(y), month - 1, day, hour, minute, second, millis);
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    epochMs -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  if (!Number.isFinite(epochMs)) return undefined;
  return { epochMs, length: whole.length };
}

/** Parses a whole string as an ISO timestamp or epoch milliseconds; undefined when it is neither. */
export function parseTimestamp(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const trimmed = value.trim();
  if (/^\d{10,16}$/.test(trimmed)) return Number(trimmed);
  const m = matchTimestamp(trimmed);
  return m !== undefined && m.length === trimmed.length ? m.epochMs : undefined;
}

/** True when `text` starts with something shaped like an ISO date and time. */
export function startsWithTimestamp(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 48 && c <= 57 && text.length >= 16 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && matchTimestamp(text) !== undefined;
}
