export interface TimestampMatch {
  /** Epoch milliseconds, fractions below a millisecond dropped. */
  readonly epochMs: number;
  /** How many characters of the input the timestamp took. */
  readonly length: number;
}

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * Reads an ISO-8601 timestamp at the start of `text`: `2025-10-11T19:07:00.123Z`, `aws logs tail`'s
 * `2025-10-11T19:07:00.123000+00:00`, and Logs Insights' `2025-10-11 19:07:05.432`. No offset means UTC,
 * which is how CloudWatch writes every one of them. Hand-written rather than a regex: it runs once per event.
 */
export function matchTimestamp(text: string): TimestampMatch | undefined {
  if (text.length < 19) return undefined;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) if (digit(text, i) < 0) return undefined;
  const sep = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const two = (i: number): number => digit(text, i) * 10 + digit(text, i + 1);
  const month = two(5);
  const day = two(8);
  const hour = two(11);
  const minute = two(14);
  const second = two(17);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let i = 19;
  let millis = 0;
  const c19 = text.charCodeAt(19);
  if ((c19 === 46 || c19 === 44) && digit(text, 20) >= 0) {
    i = 20;
    let digits = 0;
    while (digits < 9 && digit(text, i) >= 0) {
      if (digits < 3) millis = millis * 10 + digit(text, i);
      digits += 1;
      i += 1;
    }
    for (let k = digits; k < 3; k++) millis *= 10;
  }
  let offsetMinutes = 0;
  const z = text.charCodeAt(i);
  if (z === 90 /* Z */) {
    i += 1;
  } else if ((z === 43 || z === 45) && digit(text, i + 1) >= 0 && digit(text, i + 2) >= 0) {
    let j = i + 3;
    if (text.charCodeAt(j) === 58) j += 1;
    if (digit(text, j) >= 0 && digit(text, j + 1) >= 0) {
      offsetMinutes = (z === 45 ? -1 : 1) * (two(i + 1) * 60 + two(j));
      i = j + 2;
    }
  }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + two(2);
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return Number.isFinite(epochMs) ? { epochMs, length: i } : undefined;
}

/** Parses a whole string as an ISO timestamp or epoch milliseconds; undefined when it is neither. */
export function parseTimestamp(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const trimmed = value.trim();
  if (/^\d{10,16}$/.test(trimmed)) return Number(trimmed);
  const m = matchTimestamp(trimmed);
  return m !== undefined && m.length === trimmed.length ? m.epochMs : undefined;
}
