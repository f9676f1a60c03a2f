/**
 * Growable typed-array columns: the trace stores one array per field instead of one object
 * per event, so a million events cost tens of megabytes and can move to the page as
 * transferable buffers.
 */
type TypedArray = Float64Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Uint8Array | Int8Array;
type TypedArrayCtor<A extends TypedArray> = { new (length: number): A };

/**
 * Only Float64Array and Int32Array back a growing column: one store site that sees more
 * than four array kinds turns megamorphic and several times slower. Narrow arrays are made
 * when a table is finished (see `permute`).
 */
export class Column<A extends Float64Array | Int32Array> {
  data: A;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<A>,
    capacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, capacity));
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** The filled part, trimmed to length (a copy, safe to keep). */
  toArray(): A {
    return this.data.slice(0, this.length) as A;
  }

  private grow(capacity: number): void {
    const next = new this.ctor(capacity);
    next.set(this.data);
    this.data = next;
  }
}

/** Reorders a column by a permutation into a (possibly narrower) array: out[i] = source[order[i]]. */
export function permute<A extends TypedArray>(source: TypedArray, order: Int32Array, ctor: TypedArrayCtor<A>): A {
  const out = new ctor(order.length);
  for (let i = 0; i < order.length; i++) out[i] = source[order[i]];
  return out;
}
