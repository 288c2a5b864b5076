/**
 * Reading ASCII fields straight from a log's bytes. The byte readers built on these hand back the same values as
 * the string parsers or step aside (test/parse/byte-parsers.test.ts holds them equal), so every helper here is
 * strict: anything it is not sure of is "no value", never a guess.
 */

export const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

/** Whether `b[at, at + word.length)` is `word`. */
export function bytesAt(b: Uint8Array, at: number, end: number, word: Uint8Array): boolean {
  if (at < 0 || at + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/** First index of `word` in `b[from, to)`, or -1. */
export function wordIn(b: Uint8Array, word: Uint8Array, from: number, to: number): number {
  const first = word[0];
  for (let i = from; i + word.length <= to; i++) if (b[i] === first && bytesAt(b, i, to, word)) return i;
  return -1;
}

/** ASCII whitespace as JavaScript's `trim` and `\s` see it (the non-ASCII ones never reach these readers). */
export const isAsciiSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** End of `\d+(\.\d+)?` at `i` (a dot not followed by a digit ends the number before it), or -1. */
export function numberEnd(b: Uint8Array, i: number, end: number): number {
  const from = i;
  while (i < end && isDigit(b[i]!)) i += 1;
  if (i === from) return -1;
  if (i + 1 < end && b[i] === 0x2e && isDigit(b[i + 1]!)) {
    i += 1;
    while (i < end && isDigit(b[i]!)) i += 1;
  }
  return i;
}

/** ASCII bytes as a string (the caller has checked they are ASCII). */
export function asciiText(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of `b[from, to)` when it is exactly `\d+(\.\d+)?`, as `Number()` would give it; NaN otherwise. With at
 * most 15 significant digits and 22 decimals, digits / 10^decimals is one correctly rounded division of two exact
 * doubles, which is what `Number()` returns; longer numbers are read through `Number()` itself.
 */
export function decimalAt(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let digits = 0;
  let mantissa = 0;
  while (i < to && isDigit(b[i]!)) {
    mantissa = mantissa * 10 + (b[i]! - 48);
    digits += 1;
    i += 1;
  }
  if (digits === 0) return Number.NaN;
  let decimals = 0;
  if (i < to) {
    if (b[i] !== 0x2e) return Number.NaN;
    i += 1;
    while (i < to && isDigit(b[i]!)) {
      mantissa = mantissa * 10 + (b[i]! - 48);
      decimals += 1;
      i += 1;
    }
    if (decimals === 0 || i < to) return Number.NaN;
  }
  if (digits + decimals > 15 || decimals > 22) return Number(asciiText(b, from, to));
  return decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
}
