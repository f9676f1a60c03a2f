/**
 * The event-time window operator, after Flink's WindowOperator, as a thin coordinator of
 * parts that each do one job and are tested alone:
 * - the assigner (tumbling.ts, sliding.ts, session.ts) says which windows an element belongs to;
 * - the store keeps each window's state per key (time-store.ts over time-slots.ts;
 *   session-store.ts, with session-merge.ts folding merged sessions and their emitted panes);
 * - lateness (lateness.ts) returns a verdict per element and window: dropped, accepted late, on time;
 * - the triggers (triggers.ts) return decisions (fire, fire-and-purge, continue) on elements,
 *   the watermark and processing-time timers;
 * - the emitter (pane-emitter.ts) emits a pane by accumulation mode, with retractions.
 * The operator acts on the decisions and records every firing, late drop and late acceptance
 * in the decision log with its rule and the numbers compared. The same operator serves the
 * streaming mode and (fed everything, then one final watermark) the batch mode.
 *
 * Rules (docs/semantics.md explains them with examples), with Flink's thresholds in brackets;
 * the profile's WindowRules (semantics/flink.ts, semantics/beam.ts) supply the exact ones:
 * - A window fires on time when the watermark reaches onTimeAt(end) [end - 1].
 * - An element is dropped from a window once the watermark reaches expiresAt(end)
 *   [end - 1 + allowedLateness]. Flink lists it as dropped when every window skipped it; Beam
 *   lists one drop per element and window (droppedFrom). Window state is released at that same watermark.
 * - An element that lands in a window already past onTimeAt (not yet expired) fires the window
 *   at once as a "late" firing, unless an afterWatermark trigger's late sub-trigger says otherwise.
 * - afterWatermark triggers fire early and late panes by element count or by processing time
 *   after the pane's first element, as Beam's do; the sub-triggers repeat after every pane.
 *   Under Beam a merged session keeps the earliest pending processing-time timer of its parts.
 */
import type { Aggregate } from '../aggregates/accumulator';
import { VERDICT, type DecisionLog, type Verdict } from '../decisions/decision-log';
import type { VirtualClock } from '../time/virtual-clock';
import { Lateness } from './lateness';
import { PaneEmitter, type Accumulation } from './pane-emitter';
import type { Firing, Result } from './result';
import { SessionStore } from './session-store';
import { TimeWindowStore, type TimeWindowHost } from './time-store';
import { RULE, Triggers, type TriggerHost, type TriggerPolicy } from './triggers';
import type { TimeWindowAssigner } from './tumbling';
import type { Window } from './window';
import type { WindowRules } from './window-rules';
import type { WindowState } from './window-state';

export type { Accumulation } from './pane-emitter';
export type { TriggerPolicy } from './triggers';

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
  /** Where firings, late drops and late acceptances are recorded (read on each decision). */
  decisions?: DecisionLog;
}

export class WindowOperator implements TriggerHost, TimeWindowHost {
  watermark = -Infinity;
  /** Start of the first window the last accepted element landed in (for the trace). */
  lastWindowStart = NaN;
  /**
   * Under a profile that lists late drops per window (Beam), the windows the last element was
   * dropped from; empty otherwise. Reused: read it before the next element.
   */
  readonly droppedFrom: Window[] = [];

  private readonly time: TimeWindowStore | null;
  private readonly sessions: SessionStore | null;
  private readonly assigner: TimeWindowAssigner | null;
  private readonly gap: number;
  private readonly aggregate: Aggregate;
  private readonly lateness: Lateness;
  private readonly triggers: Triggers;
  private readonly emitter: PaneEmitter;
  private readonly rules: WindowRules;
  private readonly starts: number[] = [];
  /** While flushing at end of input: the firing every open window gets (null otherwise). */
  private finalFiring: Firing | null = null;

  constructor(private readonly o: WindowOperatorOptions) {
    const rules = (this.rules = o.rules);
    this.aggregate = o.aggregate;
    this.lateness = new Lateness(rules, o.allowedLateness);
    this.triggers = new Triggers(o.trigger, o.accumulation, o.clock, this.lateness, this);
    this.emitter = new PaneEmitter({ ...o, emptyOnTimePane: rules.emptyOnTimePane, paneIndex: rules.paneIndex });
    const rank = o.keyRank;
    const w = o.windows;
    this.assigner = w.type === 'time' ? w.assigner : null;
    this.gap = w.type === 'session' ? w.gap : 0;
    this.time = w.type === 'time' ? new TimeWindowStore(w.assigner.size, rank, o.aggregate, this.lateness) : null;
    this.sessions = w.type === 'session' ? new SessionStore(o.aggregate, this.lateness, rank, rules.sessionsMergeOnTouch) : null;
  }

  get openWindows(): number {
    return (this.time?.live ?? 0) + (this.sessions?.live ?? 0);
  }

  /**
   * Adds one element (the log's record `row`, named in the decisions). Returns how many of its
   * windows accepted it: 0 means it was late for every window and the caller drops it.
   */
  element(key: number, timestamp: number, value: number, type: number, row = -1): number {
    if (this.droppedFrom.length !== 0) this.droppedFrom.length = 0;
    const time = this.time;
    if (time === null) return this.sessionElement(this.sessions as SessionStore, key, timestamp, value, type, row);
    const assigner = this.assigner as TimeWindowAssigner;
    const starts = this.starts;
    const n = assigner.assign(timestamp, starts);
    const size = assigner.size;
    let accepted = 0;
    for (let i = 0; i < n; i++) {
      const start = starts[i];
      const end = start + size;
      const lateness = this.lateness.verdict(end, this.watermark);
      if (lateness === VERDICT.LATE_DROPPED) {
        this.lateDrop(row, key, start, end);
        continue;
      }
      const state = time.stateFor(key, start, end);
      if (accepted === 0) this.lastWindowStart = start;
      accepted++;
      this.add(state, value, type, row, state.panes === 0 && !state.hasNew, lateness === VERDICT.LATE_ACCEPTED);
    }
    return accepted;
  }

  /** Moves the watermark forward (never back) and fires and cleans what it passes. */
  advanceWatermark(watermark: number): void {
    if (!(watermark > this.watermark)) return;
    const old = this.watermark;
    this.watermark = watermark;
    if (this.time !== null) return this.time.advance(old, watermark, this.triggers.firesOnWatermark, this.rules.flushPendingAtExpiry, this);
    const sessions = this.sessions as SessionStore;
    if (this.triggers.firesOnWatermark) {
      for (let s = sessions.popDueFiring(watermark); s; s = sessions.popDueFiring(watermark)) this.onTime(s);
    }
    for (let s = sessions.popDueCleanup(watermark); s; s = sessions.popDueCleanup(watermark)) {
      this.expire(s);
      this.retire(s);
    }
  }

  /** The final watermark of a bounded input: fires every open window with `firing`. */
  flush(firing: Firing): void {
    this.finalFiring = firing;
    if (firing === 'on-time') {
      this.advanceWatermark(Infinity);
      return;
    }
    // Batch: every window fires exactly once, in order of end, then key.
    const old = this.watermark;
    this.watermark = Infinity;
    if (this.time !== null) return this.time.flush(old, this);
    const sessions = this.sessions as SessionStore;
    for (let s = sessions.popDueFiring(Infinity); s; s = sessions.popDueFiring(Infinity)) {
      this.onTime(s);
      this.retire(s);
    }
  }

  /** Windows still holding state, for inspection. */
  *open(): IterableIterator<{ key: string; window: Window; value: number }> {
    const states = this.time !== null ? this.time.slots.states() : (this.sessions as SessionStore).states();
    for (const s of states) if (s.alive) yield { key: this.o.keyNames[s.key], window: { start: s.start, end: s.end }, value: this.aggregate.result(s.acc) };
  }

  /** TriggerHost: a processing-time timer decided to fire. */
  onTimerDecision(state: WindowState, verdict: Verdict, firing: Firing, rule: number, dueAt: number): void {
    this.act(state, verdict, firing, rule, -1, dueAt);
  }

  /** An element went into `state`; `fresh`: the window is new (or just merged); `behind`: past its on-time point. */
  private add(state: WindowState, value: number, type: number, row: number, fresh: boolean, behind: boolean): void {
    this.aggregate.add(state.acc, value, type);
    state.hasNew = true;
    state.paneCount++;
    if (behind) this.note(VERDICT.LATE_ACCEPTED, this.lateness.rule, row, state.key, state.start, state.end, this.lateness.expiresAt(state.end));
    const triggers = this.triggers;
    const verdict = triggers.onElement(state, fresh, behind);
    if (verdict !== VERDICT.CONTINUE) this.act(state, verdict, triggers.firing, triggers.rule, row, this.lateness.onTimeAt(state.end));
  }

  /** The element `row` is too late for the window [start, end) of `key`. */
  private lateDrop(row: number, key: number, start: number, end: number): void {
    this.note(VERDICT.LATE_DROPPED, this.lateness.rule, row, key, start, end, this.lateness.expiresAt(end));
    if (this.rules.dropsPerWindow) this.droppedFrom.push({ start, end });
  }

  /** Acts on a trigger's decision: emits the pane, and records the firing. */
  private act(state: WindowState, verdict: Verdict, firing: Firing, rule: number, row: number, threshold: number): void {
    if (verdict === VERDICT.CONTINUE) return;
    if (!this.emitter.fire(state, firing, this.watermark, verdict === VERDICT.FIRE_AND_PURGE)) return;
    this.triggers.onFired(state);
    this.note(verdict, rule, row, state.key, state.start, state.end, threshold);
  }

  private note(verdict: Verdict, rule: number, row: number, key: number, start: number, end: number, threshold: number): void {
    this.o.decisions?.record(this.o.clock.now(), verdict, rule, row, key, start, end, this.watermark, threshold);
  }

  /** The watermark reached the window's on-time point (or input ended). */
  onTime(state: WindowState): void {
    const triggers = this.triggers;
    const verdict = this.finalFiring !== null ? triggers.onEndOfInput(this.finalFiring) : triggers.onWatermark();
    this.act(state, verdict, triggers.firing, triggers.rule, -1, this.lateness.onTimeAt(state.end));
  }

  /** Beam: late data still waiting for its late trigger goes out as a final pane when the window expires. */
  expire(state: WindowState): void {
    if (!this.rules.flushPendingAtExpiry || !state.hasNew || !this.lateness.behind(state.end, this.watermark)) return;
    this.act(state, this.triggers.onExpiry(), 'late', RULE.EXPIRY_FLUSH, -1, this.lateness.expiresAt(state.end));
  }

  /** Marks a window's state dead, stops its timers and takes it out of its store. */
  retire(state: WindowState): void {
    state.alive = false;
    this.triggers.stop(state);
    if (this.time !== null) this.time.live--;
    else (this.sessions as SessionStore).remove(state);
  }

  private sessionElement(sessions: SessionStore, key: number, timestamp: number, value: number, type: number, row: number): number {
    const list = sessions.sessions(key);
    const ownEnd = timestamp + this.gap;
    const { from, to } = sessions.candidates(list, timestamp, ownEnd);
    let start = timestamp;
    let end = ownEnd;
    for (let i = from; i < to; i++) {
      start = Math.min(start, list[i].start);
      end = Math.max(end, list[i].end);
    }
    // Beam judges an element by its own window [t, t + gap), before merging; Flink by the
    // merged session. Live sessions are never late, so a late merged window means nothing live merged.
    const beforeMerge = this.rules.sessionLatenessBeforeMerge;
    if (this.lateness.verdict(beforeMerge ? ownEnd : end, this.watermark) === VERDICT.LATE_DROPPED) {
      this.lateDrop(row, key, beforeMerge ? timestamp : start, beforeMerge ? ownEnd : end);
      sessions.forgetIfEmpty(key, list);
      return 0;
    }
    let state: WindowState;
    let isNew = true;
    if (to - from === 1 && list[from].start === start && list[from].end === end) {
      state = list[from]; // the element falls inside an existing session
      isNew = false;
    } else if (to > from) {
      state = sessions.merge(list, from, to, start, end, this.watermark);
      this.triggers.onMerge(state, list, from, to, this.rules.mergeKeepsEarliestPaneTimer);
      sessions.replace(list, from, to, state);
    } else {
      state = sessions.open(list, from, key, start, end, this.watermark);
    }
    this.lastWindowStart = state.start;
    this.add(state, value, type, row, isNew, this.lateness.behind(state.end, this.watermark));
    return 1;
  }
}
