/**
 * The event-time window operator, after Flink's WindowOperator: an assigner says which
 * windows an element belongs to, a trigger says when a window fires, allowed lateness says
 * how long its state lives after the watermark passes, and accumulation says what a repeated
 * firing emits. The same operator serves the streaming mode and (fed everything, then one
 * final watermark) the batch mode.
 *
 * Rules (docs/semantics.md explains them with examples), with Flink's thresholds in brackets;
 * the profile's WindowRules (semantics/flink.ts, semantics/beam.ts) supply the exact ones:
 * - A window fires on time when the watermark reaches onTimeAt(end) [end - 1].
 * - An element is skipped for a window once the watermark reaches expiresAt(end)
 *   [end - 1 + allowedLateness]; when it is skipped for all its windows it is dropped as late.
 *   Window state is released at that same watermark.
 * - An element that lands in a window already past onTimeAt (not yet expired) fires the window
 *   at once as a "late" firing, unless an afterWatermark trigger's late sub-trigger says otherwise.
 * - afterWatermark triggers fire early and late panes by element count or by processing time
 *   after the pane's first element, as Beam's do; the sub-triggers repeat after every pane.
 */
import type { Subscription } from 'rxjs';
import type { Accumulator, Aggregate } from '../aggregates/accumulator';
import { resetAccumulator } from '../aggregates/accumulator';
import type { VirtualClock } from '../time/virtual-clock';
import { MinHeap } from '../util/min-heap';
import type { Firing, Result } from './result';
import type { PaneTriggerSpec } from '../scenario/schema';
import type { WindowRules } from './window-rules';
import type { TimeWindowAssigner } from './tumbling';
import { mergeCandidates } from './session';
import { TimeSlots, type Slot } from './time-slots';
import type { Window } from './window';

export type Accumulation = 'accumulating' | 'discarding' | 'retracting';

/** When windows fire, besides the rules above. */
export type TriggerPolicy =
  | { type: 'onWatermark' }
  /** Also fire every `interval` of processing time while the window has new elements. */
  | { type: 'early'; interval: number }
  /** Fire on every element and never on the watermark (like a Kafka Streams aggregation). */
  | { type: 'onElement' }
  /** Beam's AfterWatermark.pastEndOfWindow() with optional repeating early and late sub-triggers. */
  | { type: 'afterWatermark'; early?: PaneTriggerSpec; late?: PaneTriggerSpec };

export type WindowAssignment = { type: 'time'; assigner: TimeWindowAssigner } | { type: 'session'; gap: number };

export interface WindowOperatorOptions {
  windows: WindowAssignment;
  aggregate: Aggregate;
  accumulation: Accumulation;
  trigger: TriggerPolicy;
  allowedLateness: number;
  keyNames: readonly string[];
  /** Rank of each key in sorted order: firings of one watermark come out by end, then key. */
  keyRank: Int32Array;
  clock: VirtualClock;
  emit: (result: Result) => void;
  /** The profile's thresholds (semantics/flink.ts, semantics/beam.ts). */
  rules: WindowRules;
}

interface WindowState {
  key: number;
  start: number;
  end: number;
  /** [start, end) as the results carry it; shared by every key of a time window (results are read-only). */
  window: Window;
  acc: Accumulator;
  /** Elements added since the last firing. */
  hasNew: boolean;
  /** The last value emitted, for retractions; undefined before the first firing. */
  lastEmitted: number | undefined;
  /** Panes of sessions merged into this one that were emitted and not yet retracted. */
  absorbed: { window: Window; value: number }[] | null;
  alive: boolean;
  /** Bumped when the window's end changes, so queued timers for the old end are skipped. */
  version: number;
  earlyTimer: Subscription | null;
  /** Elements since the last pane (for elementCountAtLeast). */
  paneCount: number;
  /** A processingTimeAfterFirstElementInPane timer armed by the pane's first element. */
  paneTimer: Subscription | null;
  /** Panes emitted so far: the next pane's index. */
  panes: number;
}

interface TimerEntry {
  state: WindowState;
  version: number;
  time: number;
}

export class WindowOperator {
  watermark = -Infinity;
  /** Start of the first window the last accepted element landed in (for the trace). */
  lastWindowStart = NaN;

  /** Time windows, grouped by start (null for session windows). */
  private readonly slots: TimeSlots<WindowState> | null;
  /**
   * Per key, the time window its last element went to: the next element of the key usually
   * goes to the same window, and then needs no lookup at all.
   */
  private readonly lastByKey: (WindowState | undefined)[];
  /** Session windows: each key's sessions by start, with timer queues for firing and cleanup. */
  private readonly sessions = new Map<number, WindowState[]>();
  private readonly fireQueue: MinHeap<TimerEntry>;
  private readonly cleanupQueue = new MinHeap<TimerEntry>((a, b) => a.time < b.time);
  /** Keys in sorted order (the inverse of keyRank): a time window fires its keys in this order. */
  private readonly byRank: Int32Array;
  private readonly starts: number[] = [];
  private liveWindows = 0;
  private readonly rules: WindowRules;
  private readonly onTimeShift: number;
  /** allowedLateness + the profile's expiry shift. */
  private readonly expiryDelay: number;

  constructor(private readonly o: WindowOperatorOptions) {
    this.rules = o.rules;
    this.onTimeShift = this.rules.onTimeShift;
    this.expiryDelay = o.allowedLateness + this.rules.expiryShift;
    const rank = o.keyRank;
    this.slots = o.windows.type === 'time' ? new TimeSlots<WindowState>(o.windows.assigner.size) : null;
    this.lastByKey = new Array<WindowState | undefined>(this.slots ? rank.length : 0).fill(undefined);
    this.byRank = new Int32Array(rank.length);
    for (let k = 0; k < rank.length; k++) this.byRank[rank[k]] = k;
    this.fireQueue = new MinHeap<TimerEntry>((a, b) => {
      if (a.time !== b.time) return a.time < b.time;
      const ra = rank[a.state.key];
      const rb = rank[b.state.key];
      return ra !== rb ? ra < rb : a.state.start < b.state.start;
    });
  }

  get openWindows(): number {
    return this.liveWindows;
  }

  /**
   * Adds one element. Returns how many of its windows accepted it: 0 means it was late
   * for every window and the caller drops it.
   */
  element(key: number, timestamp: number, value: number, type: number): number {
    const slots = this.slots;
    if (slots === null) return this.sessionElement(key, timestamp, value, type);
    const { assigner } = this.o.windows as { assigner: TimeWindowAssigner };
    const n = assigner.assign(timestamp, this.starts);
    const size = assigner.size;
    let accepted = 0;
    for (let i = 0; i < n; i++) {
      const start = this.starts[i];
      const end = start + size;
      if (end + this.expiryDelay <= this.watermark) continue; // isLate(end), inlined: once per element and window
      let state = this.lastByKey[key];
      if (state === undefined || state.start !== start || !state.alive) {
        const slot = slots.slot(start);
        state = slot.states.get(key);
        if (state === undefined) {
          state = this.newState(key, start, end, slot.window);
          slot.states.set(key, state);
        }
        this.lastByKey[key] = state;
      }
      if (accepted === 0) this.lastWindowStart = start;
      accepted++;
      const fresh = state.panes === 0 && !state.hasNew;
      this.o.aggregate.add(state.acc, value, type);
      state.hasNew = true;
      state.paneCount++;
      this.onElementTrigger(state, fresh);
    }
    return accepted;
  }

  /** Moves the watermark forward (never back) and fires and cleans what it passes. */
  advanceWatermark(watermark: number): void {
    if (!(watermark > this.watermark)) return;
    const old = this.watermark;
    this.watermark = watermark;
    if (this.slots !== null) return this.advanceTimeWindows(this.slots, old, watermark);
    if (this.o.trigger.type !== 'onElement') {
      for (let top = this.fireQueue.peek(); top && top.time <= watermark; top = this.fireQueue.peek()) {
        this.fireQueue.pop();
        const s = top.state;
        if (!s.alive || s.version !== top.version) continue;
        this.fire(s, 'on-time');
      }
    }
    for (let top = this.cleanupQueue.peek(); top && top.time <= watermark; top = this.cleanupQueue.peek()) {
      this.cleanupQueue.pop();
      const s = top.state;
      if (!s.alive || s.version !== top.version) continue;
      this.expire(s);
      this.release(s);
    }
  }

  /** The final watermark of a bounded input: fires every open window with `firing`. */
  flush(firing: Firing): void {
    if (firing === 'on-time') {
      this.advanceWatermark(Infinity);
      return;
    }
    // Batch: every window fires exactly once, in order of end, then key.
    const old = this.watermark;
    this.watermark = Infinity;
    if (this.slots !== null) return this.flushTimeWindows(this.slots, old, firing);
    for (let top = this.fireQueue.pop(); top; top = this.fireQueue.pop()) {
      const s = top.state;
      if (!s.alive || s.version !== top.version) continue;
      this.fire(s, firing);
      this.release(s);
    }
  }

  /** Windows still holding state, for inspection. */
  *open(): IterableIterator<{ key: string; window: Window; value: number }> {
    if (this.slots !== null) for (const s of this.slots.states()) if (s.alive) yield this.describe(s);
    for (const list of this.sessions.values()) for (const s of list) yield this.describe(s);
  }

  private describe(s: WindowState) {
    return { key: this.o.keyNames[s.key], window: { start: s.start, end: s.end }, value: this.o.aggregate.result(s.acc) };
  }

  /** The watermark at which a window ending at `end` fires on time (Flink: end - 1; Beam: end). */
  private onTimeAt(end: number): number {
    return end + this.onTimeShift;
  }

  /** The watermark at which its state expires (Flink: end - 1 + L; Beam: end + L). */
  private expiresAt(end: number): number {
    return end + this.expiryDelay;
  }

  private isLate(end: number): boolean {
    return this.expiresAt(end) <= this.watermark;
  }

  /** The watermark has passed the window's on-time point: it is in its late phase. */
  private behind(state: WindowState): boolean {
    return this.onTimeAt(state.end) <= this.watermark;
  }

  /** Beam: late data still waiting for its late trigger goes out as a final pane when the window expires. */
  private expire(state: WindowState): void {
    if (this.rules.flushPendingAtExpiry && state.hasNew && this.behind(state)) this.fire(state, 'late');
  }

  private newState(key: number, start: number, end: number, window: Window = { start, end }): WindowState {
    const state: WindowState = {
      key,
      start,
      end,
      window,
      acc: this.o.aggregate.create(),
      hasNew: false,
      lastEmitted: undefined,
      absorbed: null,
      alive: true,
      version: 0,
      earlyTimer: null,
      paneCount: 0,
      paneTimer: null,
      panes: 0,
    };
    this.liveWindows++;
    return state;
  }

  /**
   * Time windows: the watermark moved from `old` to `w`. Fires (in order of end, then key)
   * every window whose end - 1 it passed, then releases those past their allowed lateness.
   * A window created after the watermark passed its end - 1 never fires on time, as
   * `old` excludes it.
   */
  private advanceTimeWindows(slots: TimeSlots<WindowState>, old: number, w: number): void {
    const rules = this.rules;
    if (this.o.trigger.type !== 'onElement') {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots.at(i);
        const onTime = this.onTimeAt(slot.end);
        if (onTime > w) break;
        if (onTime > old) this.fireSlot(slot, 'on-time');
      }
    }
    // Release after every firing of this advance.
    let n = 0;
    while (n < slots.length && this.expiresAt(slots.at(n).end) <= w) {
      const states = slots.at(n).states;
      if (rules.flushPendingAtExpiry) for (const s of states.values()) this.expire(s);
      for (const s of states.values()) this.retire(s);
      n++;
    }
    slots.remove(0, n);
  }

  /** Batch flush of time windows: each window not fired on time yet fires once, then goes. */
  private flushTimeWindows(slots: TimeSlots<WindowState>, old: number, firing: Firing): void {
    let from = 0;
    while (from < slots.length && slots.at(from).end - 1 <= old) from++;
    for (let i = from; i < slots.length; i++) {
      const slot = slots.at(i);
      this.fireSlot(slot, firing);
      for (const s of slot.states.values()) this.retire(s);
    }
    slots.remove(from, slots.length - from);
  }

  /** Fires every key of a time window, in key order. */
  private fireSlot(slot: Slot<WindowState>, firing: Firing): void {
    const states = slot.states;
    const byRank = this.byRank;
    // A window holding many of the keys: walking all keys in order beats sorting.
    if (states.size * 16 >= byRank.length) {
      for (let r = 0; r < byRank.length; r++) {
        const s = states.get(byRank[r]);
        if (s !== undefined) this.fire(s, firing);
      }
      return;
    }
    const rank = this.o.keyRank;
    const ordered = [...states.values()].sort((a, b) => rank[a.key] - rank[b.key]);
    for (const s of ordered) this.fire(s, firing);
  }

  /** Queues the on-time firing (if still ahead of the watermark) and the cleanup of a session. */
  private schedule(state: WindowState): void {
    const fireAt = this.onTimeAt(state.end);
    if (fireAt > this.watermark) this.fireQueue.push({ state, version: state.version, time: fireAt });
    this.cleanupQueue.push({ state, version: state.version, time: this.expiresAt(state.end) });
  }

  /** After an element went into `state`; `fresh`: the window is new (or just merged). */
  private onElementTrigger(state: WindowState, fresh: boolean): void {
    const behind = state.end + this.onTimeShift <= this.watermark; // this.behind(state), inlined: once per element
    const trigger = this.o.trigger;
    if (trigger.type === 'onElement') {
      this.fire(state, behind ? 'late' : 'early');
      return;
    }
    if (behind) {
      // A window that is new or merged behind the watermark fires at once; after that, late
      // elements fire as the late sub-trigger says (every element by default).
      const late = trigger.type === 'afterWatermark' ? trigger.late : undefined;
      if (fresh || !late) this.fire(state, 'late');
      else this.subTrigger(state, late, 'late');
      return;
    }
    if (trigger.type === 'afterWatermark') {
      if (trigger.early) this.subTrigger(state, trigger.early, 'early');
      return;
    }
    if (trigger.type === 'early' && !state.earlyTimer) {
      // Aligned to multiples of the interval in processing time, like Flink's
      // ContinuousProcessingTimeTrigger; it re-arms on the next element, so an idle
      // window does not keep a timer running.
      const now = this.o.clock.now();
      const at = now - (now % trigger.interval) + trigger.interval;
      state.earlyTimer = this.o.clock.scheduleAt(at, () => {
        state.earlyTimer = null;
        if (state.alive && state.hasNew && !this.behind(state)) this.fire(state, 'early');
      });
    }
  }

  /** An early or late sub-trigger of afterWatermark, after an element went into the pane. */
  private subTrigger(state: WindowState, spec: PaneTriggerSpec, firing: 'early' | 'late'): void {
    if (spec.type === 'never') return;
    if (spec.type === 'elementCountAtLeast') {
      if (state.paneCount >= spec.count) this.fire(state, firing);
      return;
    }
    if (state.paneTimer) return;
    // The pane's first element starts the delay; the timer fires when processing time reaches
    // first + delay (Beam's AfterProcessingTime.pastFirstElementInPane().plusDelayOf(delay)).
    const clock = this.o.clock;
    state.paneTimer = clock.scheduleAt(clock.now() + spec.delay, () => {
      state.paneTimer = null;
      // Still in the phase that armed it, with something to say: early before the on-time pane, late after.
      if (state.alive && state.hasNew && this.behind(state) === (firing === 'late')) this.fire(state, firing);
    });
  }

  private fire(state: WindowState, firing: Firing): void {
    const { accumulation, aggregate } = this.o;
    // Nothing new since the last pane: discarding has nothing to say, except Beam's on-time pane, which always fires.
    if (accumulation === 'discarding' && !state.hasNew && !(firing === 'on-time' && this.rules.emptyOnTimePane)) return;
    const now = this.o.clock.now();
    const key = this.o.keyNames[state.key];
    if (accumulation === 'retracting') {
      for (const old of state.absorbed ?? []) this.emitResult(state, old.window, key, old.value, firing, now, true);
      state.absorbed = null;
      if (state.lastEmitted !== undefined) this.emitResult(state, state.window, key, state.lastEmitted, firing, now, true);
    }
    const value = aggregate.result(state.acc);
    this.emitResult(state, state.window, key, value, firing, now, false);
    state.lastEmitted = value;
    state.hasNew = false;
    state.panes++;
    state.paneCount = 0;
    if (state.paneTimer) {
      state.paneTimer.unsubscribe();
      state.paneTimer = null;
    }
    if (accumulation === 'discarding') resetAccumulator(state.acc);
  }

  /** One result of the pane `state` is emitting now (Beam's carry the pane index). */
  private emitResult(state: WindowState, window: Window, key: string, value: number, firing: Firing, now: number, retraction: boolean): void {
    const result: Result = { key, window, value, firing, emittedAt: now, visibleAt: now, watermark: this.watermark };
    if (retraction) result.retraction = true;
    if (this.rules.paneIndex) result.pane = state.panes;
    this.o.emit(result);
  }

  /** Marks a window's state dead and stops its timer (the caller removes it from its store). */
  private retire(state: WindowState): void {
    state.alive = false;
    this.stopTimers(state);
    this.liveWindows--;
  }

  private stopTimers(state: WindowState): void {
    state.earlyTimer?.unsubscribe();
    state.earlyTimer = null;
    state.paneTimer?.unsubscribe();
    state.paneTimer = null;
  }

  /** Releases a session window. */
  private release(state: WindowState): void {
    this.retire(state);
    const list = this.sessions.get(state.key);
    if (list) {
      const i = list.indexOf(state);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.sessions.delete(state.key);
    }
  }

  private sessionElement(key: number, timestamp: number, value: number, type: number): number {
    const gap = (this.o.windows as { gap: number }).gap;
    let list = this.sessions.get(key);
    if (!list) {
      list = [];
      this.sessions.set(key, list);
    }
    const fresh = { start: timestamp, end: timestamp + gap };
    const { from, to } = mergeCandidates(list, fresh, this.rules.sessionsMergeOnTouch);
    let start = fresh.start;
    let end = fresh.end;
    for (let i = from; i < to; i++) {
      start = Math.min(start, list[i].start);
      end = Math.max(end, list[i].end);
    }
    // Beam judges an element by its own window [t, t + gap), before merging; Flink by the
    // merged session. Live sessions are never late, so a late merged window means nothing live merged.
    if (this.isLate(this.rules.sessionLatenessBeforeMerge ? fresh.end : end)) {
      if (list.length === 0) this.sessions.delete(key);
      return 0;
    }
    let state: WindowState;
    let isNew = true;
    if (to - from === 1 && list[from].start === start && list[from].end === end) {
      state = list[from]; // the element falls inside an existing session
      isNew = false;
    } else if (to > from) {
      state = this.mergeSessions(list, from, to, start, end);
    } else {
      state = this.newState(key, start, end);
      this.schedule(state);
      list.splice(from, 0, state);
    }
    this.lastWindowStart = state.start;
    this.o.aggregate.add(state.acc, value, type);
    state.hasNew = true;
    state.paneCount++;
    this.onElementTrigger(state, isNew);
    return 1;
  }

  /** Replaces list[from..to) by one session [start, end) holding all their contents. */
  private mergeSessions(list: WindowState[], from: number, to: number, start: number, end: number): WindowState {
    const merged = this.newState(list[from].key, start, end);
    this.schedule(merged);
    const absorbed: { window: Window; value: number }[] = [];
    for (let i = from; i < to; i++) {
      const part = list[i];
      this.o.aggregate.merge(merged.acc, part.acc);
      merged.hasNew ||= part.hasNew;
      merged.paneCount += part.paneCount;
      if (part.lastEmitted !== undefined) absorbed.push({ window: { start: part.start, end: part.end }, value: part.lastEmitted });
      if (part.absorbed) absorbed.push(...part.absorbed);
      part.alive = false;
      this.stopTimers(part);
      this.liveWindows--;
    }
    merged.absorbed = absorbed.length > 0 ? absorbed : null;
    list.splice(from, to - from, merged);
    return merged;
  }
}
