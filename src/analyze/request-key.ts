const DASHES = [8, 13, 18, 23];

const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1);

/**
 * The string a request id is kept under. Substrings in V8 may be views into the string they were cut from, so a
 * request id sliced out of a log line would keep the whole line alive for as long as the join keeps the id. A
 * canonical lower-case UUID becomes a 17-character key of its 16 bytes (behind a \u0001, which no request id
 * contains); anything else is copied flat.
 */
export function requestKey(id: string): string {
  if (id.length !== 36 || id.charCodeAt(8) !== 45 || id.charCodeAt(13) !== 45 || id.charCodeAt(18) !== 45 || id.charCodeAt(23) !== 45) return ` ${id}`.slice(1);
  const codes = [1];
  for (let i = 0; i < 36; i += 2) {
    if (DASHES.includes(i)) i += 1;
    const hi = hexValue(id.charCodeAt(i));
    const lo = hexValue(id.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return ` ${id}`.slice(1);
    codes.push(hi * 16 + lo);
  }
  return String.fromCharCode(...codes);
}
