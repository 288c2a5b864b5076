/** The first `minBytes` (or all, if fewer) of a byte stream, and the stream again from its start. */
export async function peek(chunks: AsyncIterable<Buffer>, minBytes: number): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < minBytes) {
    const r = await iterator.next();
    if (r.done) break;
    head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
  }
  const replay = async function* (): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  };
  return { head, chunks: replay() };
}
