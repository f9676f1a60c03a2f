/**
 * State of time (tumbling or sliding) windows, grouped by window start: one slot per start
 * holds every key's state for that window. All time windows of an operator have the same
 * size, so slots kept in order of start are also in order of end, which is the order they
 * fire and are released in. This replaces a timer heap entry per (key, window) with one
 * sorted list of slots, and a two-level Map lookup per element with a cached slot and one
 * lookup by key.
 *
 * Per-key state stays in a Map (not an array indexed by key) so memory follows the keys a
 * window actually holds: sliding windows with a small slide can have many slots open.
 */
import type { Window } from './window';

export interface Slot<S> {
  readonly start: number;
  readonly end: number;
  /** [start, end), one object for every result of this window. */
  readonly window: Window;
  /** State per key, for the keys this window holds. */
  readonly states: Map<number, S>;
}

export class TimeSlots<S> {
  /** Open slots by start (equivalently, by end). */
  private readonly open: Slot<S>[] = [];
  private readonly byStart = new Map<number, Slot<S>>();
  // Most elements land in the same window as the previous one: skip the Map then.
  private cached: Slot<S> | null = null;

  constructor(private readonly size: number) {}

  get length(): number {
    return this.open.length;
  }

  /** The slot at index i in order of start (0: the oldest). */
  at(i: number): Slot<S> {
    return this.open[i];
  }

  /** The slot for the window starting at `start`, created (empty) if needed. */
  slot(start: number): Slot<S> {
    const c = this.cached;
    if (c !== null && c.start === start) return c;
    let s = this.byStart.get(start);
    if (s === undefined) {
      s = { start, end: start + this.size, window: { start, end: start + this.size }, states: new Map() };
      this.byStart.set(start, s);
      // New windows are almost always the latest: search for the place from the end.
      const open = this.open;
      let j = open.length;
      while (j > 0 && open[j - 1].start > start) j--;
      open.splice(j, 0, s);
    }
    this.cached = s;
    return s;
  }

  /** Removes `count` slots from index `from` on (in order of start). */
  remove(from: number, count: number): void {
    if (count <= 0) return;
    for (let i = from; i < from + count; i++) {
      const s = this.open[i];
      this.byStart.delete(s.start);
      if (this.cached === s) this.cached = null;
    }
    this.open.splice(from, count);
  }

  *states(): IterableIterator<S> {
    for (const s of this.open) yield* s.states.values();
  }
}
