const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hexValue = (c: number): number => (c <= 57 ? c - 48 : c - 87);

/**
 * The string a request id is kept under. Substrings in V8 may be views into the string they were cut from, so a
 * request id sliced out of a log line would keep the whole line alive for as long as the join keeps the id. A
 * canonical lower-case UUID becomes a 17-character key of its 16 bytes (behind a \u0001, which no request id
 * contains); anything else is copied flat.
 */
export function requestKey(id: string): string {
  if (id.length !== 36 || !UUID.test(id)) return ` ${id}`.slice(1);
  const codes = [1];
  for (let i = 0; i < 36; i += 2) {
    if (id.charCodeAt(i) === 45) i += 1;
    codes.push(hexValue(id.charCodeAt(i)) * 16 + hexValue(id.charCodeAt(i + 1)));
  }
  return String.fromCharCode(...codes);
}
