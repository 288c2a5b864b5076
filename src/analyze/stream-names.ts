import { asciiText } from '../parse/ascii.js';

const EMPTY = -1;
/** Bytes of a name's end that its hash covers: Lambda's stream names share their date and `[$LATEST]` and differ in their last 32 hex digits. */
const HASHED_TAIL = 16;
const utf8 = new TextDecoder();

/** FNV-1a over the last HASHED_TAIL bytes of `b[from, to)`, and its length. */
function hashTail(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  for (let i = Math.max(from, to - HASHED_TAIL); i < to; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h | 0;
}

/** Whether `key` equals `b[from, to)`, compared from the end, where stream names differ. */
function equalBytes(key: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (key.length !== to - from) return false;
  for (let i = key.length - 1, j = to - 1; i >= 0; i--, j--) if (key[i] !== b[j]) return false;
  return true;
}

/**
 * Log stream names and their numbers, in order of first sight. A name is looked up by string (`idOf`) or by its UTF-8
 * bytes (`idOfBytes`), which makes a string only for bytes it has not met: the map of strings is the index, and a hash
 * table of the bytes met so far answers before it.
 */
export class StreamNames {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly keys: Uint8Array[] = [];
  private readonly keyIds: number[] = [];
  private readonly keyHashes: number[] = [];
  private slots = new Int32Array(256).fill(EMPTY);

  /** The number of stream `name`, given on first sight. */
  idOf(name: string): number {
    let k = this.ids.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.ids.set(name, k);
      this.names.push(name);
    }
    return k;
  }

  /** idOf the name whose UTF-8 bytes are `b[from, to)`. */
  idOfBytes(b: Uint8Array, from: number, to: number): number {
    const h = hashTail(b, from, to);
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = h & mask;
    for (let e = slots[s]!; e !== EMPTY; s = (s + 1) & mask, e = slots[s]!) {
      if (this.keyHashes[e] === h && equalBytes(this.keys[e]!, b, from, to)) return this.keyIds[e]!;
    }
    let ascii = true;
    for (let i = from; i < to && ascii; i++) ascii = b[i]! < 0x80;
    const id = this.idOf(ascii ? asciiText(b, from, to) : utf8.decode(b.subarray(from, to)));
    const e = this.keys.length;
    // a copy: the bytes are the source's read buffer, and a Buffer's slice() is a view of it
    this.keys.push(Uint8Array.prototype.slice.call(b, from, to));
    this.keyIds.push(id);
    this.keyHashes.push(h);
    slots[s] = e;
    if (this.keys.length * 2 > slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    this.keyHashes.forEach((h, e) => {
      let s = h & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = e;
    });
    this.slots = slots;
  }
}
