/**
 * State of time (tumbling or sliding) windows per key, over TimeSlots (one slot per window
 * start, so slots in order of start are also in order of end: the order they fire and are
 * released in). Per key it remembers the window its last element went to: the next element
 * of the key usually goes to the same window, and then needs no lookup at all.
 */
import type { Aggregate } from '../aggregates/accumulator';
import type { Lateness } from './lateness';
import { TimeSlots, type Slot } from './time-slots';
import { createWindowState, type WindowState } from './window-state';

/** What the store calls back as the watermark passes its windows (the operator). */
export interface TimeWindowHost {
  /** The window reached its on-time point (or input ended). */
  onTime(state: WindowState): void;
  /** The window expires: a last chance to emit (Beam's pending late data). */
  expire(state: WindowState): void;
  /** The window's state goes away. */
  retire(state: WindowState): void;
}

export class TimeWindowStore {
  /** Windows (per key) alive now. */
  live = 0;
  readonly slots: TimeSlots<WindowState>;
  private readonly lastByKey: (WindowState | undefined)[];
  /** Keys in sorted order (the inverse of keyRank): a window fires its keys in this order. */
  private readonly byRank: Int32Array;

  constructor(
    size: number,
    private readonly keyRank: Int32Array,
    private readonly aggregate: Aggregate,
    private readonly lateness: Lateness,
  ) {
    this.slots = new TimeSlots<WindowState>(size);
    this.lastByKey = new Array<WindowState | undefined>(keyRank.length).fill(undefined);
    this.byRank = new Int32Array(keyRank.length);
    for (let k = 0; k < keyRank.length; k++) this.byRank[keyRank[k]] = k;
  }

  /** The state of `key` in the window starting at `start` (ending at `end`), created if needed. */
  stateFor(key: number, start: number, end: number): WindowState {
    let state = this.lastByKey[key];
    if (state !== undefined && state.start === start && state.alive) return state;
    const slot = this.slots.slot(start);
    state = slot.states.get(key);
    if (state === undefined) {
      state = createWindowState(key, start, end, slot.window, this.aggregate.create());
      slot.states.set(key, state);
      this.live++;
    }
    this.lastByKey[key] = state;
    return state;
  }

  /**
   * The watermark moved from `old` to `w`: fires (with `fires`; in order of end, then key)
   * every window whose on-time point it passed, then releases those past their allowed
   * lateness. A window created after the watermark passed its on-time point never fires on
   * time, as `old` excludes it.
   */
  advance(old: number, w: number, fires: boolean, flushAtExpiry: boolean, host: TimeWindowHost): void {
    const slots = this.slots;
    const lateness = this.lateness;
    if (fires) {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots.at(i);
        const onTime = lateness.onTimeAt(slot.end);
        if (onTime > w) break;
        if (onTime > old) this.fireSlot(slot, host);
      }
    }
    // Release after every firing of this advance.
    let n = 0;
    while (n < slots.length && lateness.expiresAt(slots.at(n).end) <= w) {
      const states = slots.at(n).states;
      if (flushAtExpiry) for (const s of states.values()) host.expire(s);
      for (const s of states.values()) host.retire(s);
      n++;
    }
    slots.remove(0, n);
  }

  /** Batch flush: each window not fired on time before `old` fires once, then goes. */
  flush(old: number, host: TimeWindowHost): void {
    const slots = this.slots;
    let from = 0;
    while (from < slots.length && this.lateness.onTimeAt(slots.at(from).end) <= old) from++;
    for (let i = from; i < slots.length; i++) {
      const slot = slots.at(i);
      this.fireSlot(slot, host);
      for (const s of slot.states.values()) host.retire(s);
    }
    slots.remove(from, slots.length - from);
  }

  /** Fires every key of a time window on time, in key order. */
  private fireSlot(slot: Slot<WindowState>, host: TimeWindowHost): void {
    const states = slot.states;
    const byRank = this.byRank;
    // A window holding many of the keys: walking all keys in order beats sorting.
    if (states.size * 16 >= byRank.length) {
      for (let r = 0; r < byRank.length; r++) {
        const s = states.get(byRank[r]);
        if (s !== undefined) host.onTime(s);
      }
      return;
    }
    const rank = this.keyRank;
    const ordered = [...states.values()].sort((a, b) => rank[a.key] - rank[b.key]);
    for (const s of ordered) host.onTime(s);
  }
}
