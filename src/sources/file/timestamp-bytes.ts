import { isDigit } from '../../parse/ascii.js';

/**
 * Reads an ISO-8601 timestamp at `p` in `b` without decoding the line: the byte-level twin of
 * parse/iso-time.ts `matchTimestamp` (a test holds them equal). The epoch of the last minute seen is cached,
 * since a log's consecutive lines share it.
 */
export class TimestampReader {
  /** Characters the last successful read took. */
  length = 0;
  private minuteKey = -1;
  private minuteMs = 0;

  /** Epoch milliseconds, or NaN when no timestamp starts at `p`. */
  read(b: Uint8Array, p: number, end: number): number {
    if (end - p < 19) return Number.NaN;
    if (b[p + 4] !== 45 || b[p + 7] !== 45 || (b[p + 10] !== 84 && b[p + 10] !== 32) || b[p + 13] !== 58 || b[p + 16] !== 58) return Number.NaN;
    const year = digitAt(b, p) * 1000 + digitAt(b, p + 1) * 100 + digitAt(b, p + 2) * 10 + digitAt(b, p + 3);
    const month = digitAt(b, p + 5) * 10 + digitAt(b, p + 6);
    const day = digitAt(b, p + 8) * 10 + digitAt(b, p + 9);
    const hour = digitAt(b, p + 11) * 10 + digitAt(b, p + 12);
    const minute = digitAt(b, p + 14) * 10 + digitAt(b, p + 15);
    const second = digitAt(b, p + 17) * 10 + digitAt(b, p + 18);
    if ((year | month | day | hour | minute | second) < 0) return Number.NaN;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return Number.NaN;
    const key = ((((year * 13 + month) * 32 + day) * 24 + hour) * 60) + minute;
    if (key !== this.minuteKey) {
      this.minuteKey = key;
      this.minuteMs = Date.UTC(year, month - 1, day, hour, minute, 0, 0);
    }
    let i = p + 19;
    let millis = 0;
    if (i < end && (b[i] === 46 || b[i] === 44) && i + 1 < end && isDigit(b[i + 1]!)) {
      i += 1;
      let digits = 0;
      while (i < end && digits < 9 && isDigit(b[i]!)) {
        if (digits < 3) millis = millis * 10 + (b[i]! - 48);
        digits += 1;
        i += 1;
      }
      for (let k = digits; k < 3; k++) millis *= 10;
    }
    let offsetMinutes = 0;
    if (i < end && b[i] === 90 /* Z */) {
      i += 1;
    } else if (i + 2 < end && (b[i] === 43 || b[i] === 45) && isDigit(b[i + 1]!) && isDigit(b[i + 2]!)) {
      const sign = b[i] === 45 ? -1 : 1;
      const hh = (b[i + 1]! - 48) * 10 + (b[i + 2]! - 48);
      let j = i + 3;
      if (j < end && b[j] === 58) j += 1;
      if (j + 1 < end && isDigit(b[j]!) && isDigit(b[j + 1]!)) {
        offsetMinutes = sign * (hh * 60 + (b[j]! - 48) * 10 + (b[j + 1]! - 48));
        i = j + 2;
      }
    }
    this.length = i - p;
    return this.minuteMs + second * 1000 + millis - offsetMinutes * 60_000;
  }
}

/** The digit at `b[i]`, or a value so negative that any field it is part of comes out negative. */
const digitAt = (b: Uint8Array, i: number): number => {
  const c = b[i]! - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
};
