/** The first `minBytes` (or all, if fewer) of a byte stream, and the stream again from its start (the head is
 * handed on before the next chunk is read). */
export async function peek(chunks: AsyncIterable<Buffer>, minBytes: number): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < minBytes) {
    const r = await iterator.next();
    if (r.done) break;
    // a chunk held while the next is read is copied: sources may read into one buffer again and again
    head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
    if (head === r.value && head.length < minBytes) head = Buffer.from(head);
  }
  const replay = async function* (): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  };
  return { head, chunks: replay() };
}
