/**
 * State of session windows: each key's live sessions sorted by start, and two timer queues in
 * event time, one for on-time firings and one for cleanups (expiry). A queued entry carries
 * the session's version: a merge or release makes older entries stale, and they are skipped.
 */
import type { Aggregate } from '../aggregates/accumulator';
import { MinHeap } from '../util/min-heap';
import type { Lateness } from './lateness';
import { mergeCandidates } from './session';
import { absorbInto } from './session-merge';
import { createWindowState, type WindowState } from './window-state';

interface TimerEntry {
  state: WindowState;
  version: number;
  time: number;
}

export class SessionStore {
  /** Sessions alive now. */
  live = 0;
  private readonly byKey = new Map<number, WindowState[]>();
  private readonly fireQueue: MinHeap<TimerEntry>;
  private readonly cleanupQueue = new MinHeap<TimerEntry>((a, b) => a.time < b.time);

  constructor(
    private readonly aggregate: Aggregate,
    private readonly lateness: Lateness,
    /** Firings of one watermark come out by time, then key rank, then start. */
    keyRank: Int32Array,
    private readonly mergeOnTouch: boolean,
  ) {
    this.fireQueue = new MinHeap<TimerEntry>((a, b) => {
      if (a.time !== b.time) return a.time < b.time;
      const ra = keyRank[a.state.key];
      const rb = keyRank[b.state.key];
      return ra !== rb ? ra < rb : a.state.start < b.state.start;
    });
  }

  /** A key's sessions, sorted by start (created empty). */
  sessions(key: number): WindowState[] {
    let list = this.byKey.get(key);
    if (!list) {
      list = [];
      this.byKey.set(key, list);
    }
    return list;
  }

  /** Forgets a key whose list is empty. */
  forgetIfEmpty(key: number, list: WindowState[]): void {
    if (list.length === 0) this.byKey.delete(key);
  }

  /** The run of `list` that [start, end) merges with (see session.ts). */
  candidates(list: WindowState[], start: number, end: number): { from: number; to: number } {
    return mergeCandidates(list, { start, end }, this.mergeOnTouch);
  }

  /** Opens a new session at index `at` of its key's list, with its timers queued. */
  open(list: WindowState[], at: number, key: number, start: number, end: number, watermark: number): WindowState {
    const state = createWindowState(key, start, end, { start, end }, this.aggregate.create());
    this.live++;
    this.schedule(state, watermark);
    list.splice(at, 0, state);
    return state;
  }

  /**
   * Replaces list[from..to) by one new session [start, end) holding all their contents (the
   * caller moves their trigger state: Triggers.onMerge). Returns the merged session.
   */
  merge(list: WindowState[], from: number, to: number, start: number, end: number, watermark: number): WindowState {
    const merged = createWindowState(list[from].key, start, end, { start, end }, this.aggregate.create());
    this.live++;
    this.schedule(merged, watermark);
    absorbInto(merged, list, from, to, this.aggregate);
    this.live -= to - from;
    return merged;
  }

  /** Puts the merged session in place of the ones it absorbed (after their triggers moved). */
  replace(list: WindowState[], from: number, to: number, merged: WindowState): void {
    list.splice(from, to - from, merged);
  }

  /** The next live session due to fire on time at `watermark` or before, or null. */
  popDueFiring(watermark: number): WindowState | null {
    for (let top = this.fireQueue.peek(); top && top.time <= watermark; top = this.fireQueue.peek()) {
      this.fireQueue.pop();
      if (top.state.alive && top.state.version === top.version) return top.state;
    }
    return null;
  }

  /** The next live session that expires at `watermark` or before, or null. */
  popDueCleanup(watermark: number): WindowState | null {
    for (let top = this.cleanupQueue.peek(); top && top.time <= watermark; top = this.cleanupQueue.peek()) {
      this.cleanupQueue.pop();
      if (top.state.alive && top.state.version === top.version) return top.state;
    }
    return null;
  }

  /** Removes a session from its key's list (the caller has retired it). */
  remove(state: WindowState): void {
    this.live--;
    const list = this.byKey.get(state.key);
    if (!list) return;
    const i = list.indexOf(state);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byKey.delete(state.key);
  }

  *states(): IterableIterator<WindowState> {
    for (const list of this.byKey.values()) yield* list;
  }

  /** Queues the on-time firing (if still ahead of the watermark) and the cleanup of a session. */
  private schedule(state: WindowState, watermark: number): void {
    const fireAt = this.lateness.onTimeAt(state.end);
    if (fireAt > watermark) this.fireQueue.push({ state, version: state.version, time: fireAt });
    this.cleanupQueue.push({ state, version: state.version, time: this.lateness.expiresAt(state.end) });
  }
}
