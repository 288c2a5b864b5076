export type Container = 'filter-log-events-json' | 'ndjson' | 'text';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Decides the container from the first bytes of the (decompressed) content, never from the file name. */
export function detectContainer(head: Buffer): Container {
  let i = head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2] ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i += 1;
  const first = head[i];
  if (first === 0x5b /* [ */) {
    // `[{…}]` from `--query events`, not a Python runtime line such as `[INFO]\t…`
    return /^\[\s*[{\]]/.test(head.toString('utf8', i, Math.min(head.length, i + 64))) ? 'filter-log-events-json' : 'text';
  }
  if (first !== 0x7b /* { */) return 'text';
  const start = head.toString('utf8', i, Math.min(head.length, i + 256));
  if (/^\{\s*"(?:events|searchedLogStreams|nextToken)"\s*:/.test(start)) return 'filter-log-events-json';
  return 'ndjson';
}

/** gzip's magic bytes. */
export const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

export const isUtf16 = (head: Buffer): boolean => (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);

export const hasUtf8Bom = (head: Buffer): boolean => head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;

/** Whether a file starting with `head` may be cut in parts: it is neither gzip nor UTF-16. */
export const headMayBeCut = (head: Buffer): boolean => !isGzip(head) && !isUtf16(head);
