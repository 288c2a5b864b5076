/** Value of each byte as a lower-case hex digit; NOT_HEX, past the 16 bits of four digits, for any other byte. */
const NOT_HEX = 0x10000;
const HEX = new Int32Array(256).fill(NOT_HEX);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[97 + c] = 10 + c;

const idBytes = new Uint8Array(36);

/** The 16 bytes of a canonical lower-case UUID as four 32-bit words; false when `id` is not one. */
export function uuidWords(id: string, out: Int32Array): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) idBytes[i] = Math.min(id.charCodeAt(i), 255);
  return uuidWordsOfBytes(idBytes, 0, 36, out);
}

/** The four hex digits at `at` as 16 bits; NOT_HEX or more when one is not a hex digit. */
const hex4 = (b: Uint8Array, at: number): number => (HEX[b[at]!]! << 12) + (HEX[b[at + 1]!]! << 8) + (HEX[b[at + 2]!]! << 4) + HEX[b[at + 3]!]!;

/** uuidWords for an id held as bytes `b[from, to)`: `8-4-4-4-12` lower-case hex digits. */
export function uuidWordsOfBytes(b: Uint8Array, from: number, to: number, out: Int32Array): boolean {
  if (to - from !== 36 || b[from + 8] !== 45 || b[from + 13] !== 45 || b[from + 18] !== 45 || b[from + 23] !== 45) return false;
  // the words' digits: [0, 8), [9, 13) + [14, 18), [19, 23) + [24, 28), [28, 36)
  const d0 = hex4(b, from);
  const d1 = hex4(b, from + 4);
  const d2 = hex4(b, from + 9);
  const d3 = hex4(b, from + 14);
  const d4 = hex4(b, from + 19);
  const d5 = hex4(b, from + 24);
  const d6 = hex4(b, from + 28);
  const d7 = hex4(b, from + 32);
  if ((d0 | d1 | d2 | d3 | d4 | d5 | d6 | d7) >= NOT_HEX) return false;
  out[0] = (d0 << 16) | d1;
  out[1] = (d2 << 16) | d3;
  out[2] = (d4 << 16) | d5;
  out[3] = (d6 << 16) | d7;
  return true;
}

const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;

/** The index as plain data: UUID keys by row (four words a row), and the other ids with their rows. */
export interface IndexSnapshot {
  readonly uuidKeys: readonly Int32Array[];
  readonly others: readonly (readonly [string, number])[];
}

/**
 * Request id → row number. Lambda's request ids are UUIDs: those live as 16 bytes in typed arrays behind an
 * open-addressing table (about 28 bytes an id, against some 86 for a Map entry with its string key); any other id
 * is kept in a Map, copied flat so that it never pins the log line it was cut from.
 */
export class RequestIndex {
  private readonly others = new Map<string, number>();
  private readonly keyPages: Int32Array[] = [];
  private slots = new Int32Array(1 << 12);
  private used = 0;
  private readonly words = new Int32Array(4);

  /** The row of `id`, or `newRow` when the id is new (the caller then makes that row). */
  rowOf(id: string, newRow: number): number {
    const w = this.words;
    if (uuidWords(id, w)) return this.rowOfUuid(w, newRow);
    const existing = this.others.get(id);
    if (existing !== undefined) return existing;
    this.others.set(` ${id}`.slice(1), newRow);
    return newRow;
  }

  /** The row of the UUID whose words are `keys[at, at + 4)` (another index's keys), `newRow` if it is new. */
  rowOfUuidAt(keys: Int32Array, at: number, newRow: number): number {
    const w = this.words;
    w[0] = keys[at]!;
    w[1] = keys[at + 1]!;
    w[2] = keys[at + 2]!;
    w[3] = keys[at + 3]!;
    return this.rowOfUuid(w, newRow);
  }

  /** The row of the UUID whose words are `w` (from uuidWords or uuidWordsOfBytes), `newRow` if it is new. */
  rowOfUuid(w: Int32Array, newRow: number): number {
    const mask = this.slots.length - 1;
    // the step to the next slot is taken before every probe, the first too, so that it has type feedback when this is
    // optimised: a first collision after that deoptimised the join's whole path, on each thread
    for (let s = (hash(w[0]!, w[1]!, w[2]!, w[3]!) - 1) & mask; ; ) {
      s = (s + 1) & mask;
      const entry = this.slots[s]!;
      if (entry === 0) {
        const row = newRow;
        this.store(row, w);
        this.slots[s] = row + 1;
        if (++this.used * 2 > this.slots.length) this.grow();
        return row;
      }
      if (this.matches(entry - 1, w)) return entry - 1;
    }
  }

  snapshot(): IndexSnapshot {
    return { uuidKeys: this.keyPages, others: [...this.others] };
  }

  private store(row: number, w: Int32Array): void {
    const page = row >>> PAGE_BITS;
    while (this.keyPages.length <= page) this.keyPages.push(new Int32Array(PAGE_SIZE * 4));
    const keys = this.keyPages[page]!;
    const at = (row & (PAGE_SIZE - 1)) * 4;
    keys[at] = w[0]!;
    keys[at + 1] = w[1]!;
    keys[at + 2] = w[2]!;
    keys[at + 3] = w[3]!;
  }

  private matches(row: number, w: Int32Array): boolean {
    const keys = this.keyPages[row >>> PAGE_BITS];
    if (keys === undefined) return false;
    const at = (row & (PAGE_SIZE - 1)) * 4;
    return keys[at] === w[0] && keys[at + 1] === w[1] && keys[at + 2] === w[2] && keys[at + 3] === w[3];
  }

  /** Makes room for `ids` UUIDs in all, so that adding that many rehashes the table at most once, now. */
  reserve(ids: number): void {
    let length = this.slots.length;
    while (ids * 2 > length) length *= 2;
    if (length > this.slots.length) this.grow(length);
  }

  private grow(length = this.slots.length * 2): void {
    const old = this.slots;
    this.slots = new Int32Array(length);
    const mask = this.slots.length - 1;
    for (let k = 0; k < old.length; k++) {
      const entry = old[k]!;
      if (entry === 0) continue;
      const row = entry - 1;
      const keys = this.keyPages[row >>> PAGE_BITS]!;
      const at = (row & (PAGE_SIZE - 1)) * 4;
      let s = hash(keys[at]!, keys[at + 1]!, keys[at + 2]!, keys[at + 3]!) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = entry;
    }
  }
}

/** Mixes the four words (murmur3's finaliser on their xor-sum), so that non-random UUIDs spread too. */
function hash(w0: number, w1: number, w2: number, w3: number): number {
  let h = (w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
