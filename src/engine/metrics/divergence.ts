/**
 * How far each mode's output is from batch truth, window by window: when it first said
 * something about a window, what it said each time, what it ended with, and the error of
 * that final value. Per mode: completeness (the share of the events batch counted that this
 * mode also counted) and first-result latency.
 *
 * Latency is measured in processing time only: from the moment the last record a result covers
 * arrived (was appended to the log) to the moment the result came out. Event time is not on the
 * same clock as processing time in scripted scenarios, so "emitted minus window end" can be
 * negative there; this cannot, as a mode only counts a record after it arrived.
 *
 * "Final value" is what a sink would hold after every emission: the last value for
 * accumulating and retracting output; for discarding output the panes are combined
 * (added for count and sum, min of mins, max of maxes; other aggregates keep the last pane).
 */
import type { TopicLog } from '../broker/topic-log';
import type { ModeOutput } from '../modes/mode-output';
import { FATE, type Firing, type Result } from '../modes/results';
import type { AggregateSpec } from '../scenario/schema';
import type { Window } from '../windows/window';

export interface WindowDivergence {
  key: string;
  window: Window;
  /** Batch's value, or null when batch has no such window. */
  truth: number | null;
  /** The mode's final value, or null when it never emitted this window. */
  final: number | null;
  /** final - truth (null when either is missing). */
  error: number | null;
  firstEmittedAt: number | null;
  /**
   * firstEmittedAt minus the arrival (append time) of the last record that first result covers:
   * the records of this key with an event time in the window that the mode counted by then. Never
   * negative; null when never emitted (or when no counted record is in the window).
   */
  latency: number | null;
  /** When the last record the first result covers arrived (appended to the log); null as latency. */
  lastInputAt: number | null;
  /** When a reader of committed data first sees a result (a transactional sink waits for a commit). */
  firstVisibleAt: number | null;
  /** `at`: emitted; `visibleAt`: seen by a reader of committed data (never earlier, and in the same order). */
  emissions: { at: number; visibleAt: number; value: number; firing: Firing; retraction?: true }[];
  /**
   * A session this mode emitted that later merged into a larger one it also emitted: the
   * larger session carries its events, so this one is not compared with the truth.
   */
  superseded?: true;
}

export interface DivergenceSummary {
  windows: number;
  /** Windows whose final value equals the truth. */
  exact: number;
  /** Windows emitted with a final value different from the truth. */
  wrong: number;
  /** Truth windows this mode never emitted. */
  missing: number;
  /** Windows this mode emitted that batch does not have. */
  extra: number;
  /** Share of the events batch counted that this mode counted too (0..1). */
  completeness: number;
  latencyP50: number | null;
  latencyMax: number | null;
  /** The same for the first result a reader of committed data sees (transactional sinks wait for a commit). */
  visibleLatencyP50: number | null;
  visibleLatencyMax: number | null;
  /** Results emitted in transactions a failure aborted: never visible. */
  aborted: number;
  maxAbsError: number;
  /** Sum of (final - truth) over windows with both; for count it reconciles with the drops. */
  sumError: number;
  droppedLate: number;
  deduplicated: number;
  deadLettered: number;
  /** Re-read records counted again (at-least-once inflation). */
  recounted: number;
}

export interface Divergence {
  summary: DivergenceSummary;
  windows: WindowDivergence[];
}

const windowKey = (key: string, w: Window) => `${w.start}\u0000${w.end}\u0000${key}`;

/** How two panes of one window add up: count and sum add, min/max keep the extreme, others keep the last. */
export function combinePanes(aggregate: AggregateSpec, a: number, b: number): number {
  switch (aggregate) {
    case 'count':
    case 'sum':
      return a + b;
    case 'min':
      return Math.min(a, b);
    case 'max':
      return Math.max(a, b);
    default:
      return b;
  }
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Equality for scoring: relative tolerance 1e-9; two undefined values are equal. */
export const sameValue = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Each key's log rows sorted by event time (per log, shared by every mode's divergence). */
const rowsByKeyCache = new WeakMap<TopicLog, Int32Array[]>();
function rowsByKey(log: TopicLog): Int32Array[] {
  const cached = rowsByKeyCache.get(log);
  if (cached) return cached;
  const r = log.records;
  const lists: number[][] = log.keys.map(() => []);
  for (let row = 0; row < r.length; row++) lists[r.key[row]]?.push(row);
  const sorted = lists.map((list) => Int32Array.from(list).sort((a, b) => r.eventTime[a] - r.eventTime[b] || a - b));
  rowsByKeyCache.set(log, sorted);
  return sorted;
}

/**
 * When the last record a result emitted at `at` covers arrived: the latest append time among the
 * records of its key whose event time is in the window and that the mode had counted by `at`.
 * (A Kafka Streams session [first, last] with one record has start = end: that record is in it.)
 */
function lastInputAt(log: TopicLog, byKey: Int32Array[], keyIndex: Map<string, number>, mode: ModeOutput, key: string, w: Window, at: number): number | null {
  const k = keyIndex.get(key);
  const rows = k === undefined ? undefined : byKey[k];
  if (!rows) return null;
  const r = log.records;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r.eventTime[rows[mid]] < w.start) lo = mid + 1;
    else hi = mid;
  }
  let last: number | null = null;
  for (let i = lo; i < rows.length; i++) {
    const row = rows[i];
    const t = r.eventTime[row];
    if (t > w.end || (t === w.end && w.start !== w.end)) break;
    if (mode.fate[row] !== FATE.COUNTED || !(mode.processedAt[row] <= at)) continue;
    if (last === null || r.appendedAt[row] > last) last = r.appendedAt[row];
  }
  return last;
}

export function divergence(
  mode: ModeOutput,
  truth: ModeOutput,
  options: { aggregate: AggregateSpec; discarding: boolean; log: TopicLog },
): Divergence {
  const byKey = rowsByKey(options.log);
  const keyIndex = new Map<string, number>();
  options.log.keys.forEach((k, i) => keyIndex.set(k, i));
  const truthValues = new Map<string, { key: string; window: Window; value: number }>();
  for (const r of truth.results) truthValues.set(windowKey(r.key, r.window), { key: r.key, window: r.window, value: r.value });

  const byWindow = new Map<string, WindowDivergence>();
  const entry = (r: Result): WindowDivergence => {
    const k = windowKey(r.key, r.window);
    let d = byWindow.get(k);
    if (!d) {
      d = { key: r.key, window: { ...r.window }, truth: truthValues.get(k)?.value ?? null, final: null, error: null, firstEmittedAt: null, latency: null, lastInputAt: null, firstVisibleAt: null, emissions: [] };
      byWindow.set(k, d);
    }
    return d;
  };
  for (const r of mode.results) {
    const d = entry(r);
    const e = { at: r.emittedAt, visibleAt: r.visibleAt, value: r.value, firing: r.firing };
    d.emissions.push(r.retraction ? { ...e, retraction: true } : e);
    if (r.retraction) continue;
    if (d.firstEmittedAt === null) {
      d.firstEmittedAt = r.emittedAt;
      d.lastInputAt = lastInputAt(options.log, byKey, keyIndex, mode, r.key, r.window, r.emittedAt);
      d.latency = d.lastInputAt === null ? null : r.emittedAt - d.lastInputAt;
      d.firstVisibleAt = r.visibleAt;
    }
    d.final = d.final === null || !options.discarding ? r.value : combinePanes(options.aggregate, d.final, r.value);
  }
  // Truth windows the mode never emitted.
  for (const [k, t] of truthValues) {
    if (!byWindow.has(k)) byWindow.set(k, { key: t.key, window: { ...t.window }, truth: t.value, final: null, error: null, firstEmittedAt: null, latency: null, lastInputAt: null, firstVisibleAt: null, emissions: [] });
  }

  markSuperseded([...byWindow.values()], options);
  const windows = [...byWindow.values()].sort((a, b) => a.window.end - b.window.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.window.start - b.window.start);
  let exact = 0;
  let wrong = 0;
  let missing = 0;
  let extra = 0;
  let maxAbsError = 0;
  let sumError = 0;
  const latencies: number[] = [];
  const visibleLatencies: number[] = [];
  for (const w of windows) {
    if (w.superseded) continue;
    if (w.latency !== null) latencies.push(w.latency);
    // NaN (a transaction that never committed) is not a latency.
    if (w.lastInputAt !== null && w.firstVisibleAt !== null && Number.isFinite(w.firstVisibleAt)) visibleLatencies.push(w.firstVisibleAt - w.lastInputAt);
    if (w.final === null) {
      if (w.truth !== null) missing++;
      continue;
    }
    if (w.truth === null) {
      extra++;
      continue;
    }
    w.error = w.final - w.truth;
    if (Number.isFinite(w.error)) sumError += w.error;
    if (sameValue(w.final, w.truth)) exact++;
    else {
      wrong++;
      if (Number.isFinite(w.error)) maxAbsError = Math.max(maxAbsError, Math.abs(w.error));
    }
  }
  latencies.sort((a, b) => a - b);
  visibleLatencies.sort((a, b) => a - b);

  let truthCounted = 0;
  let alsoCounted = 0;
  for (let row = 0; row < truth.fate.length; row++) {
    if (truth.fate[row] !== FATE.COUNTED) continue;
    truthCounted++;
    if (mode.fate[row] === FATE.COUNTED) alsoCounted++;
  }

  const c = mode.counters;
  return {
    windows,
    summary: {
      windows: windows.filter((w) => w.final !== null && !w.superseded).length,
      exact,
      wrong,
      missing,
      extra,
      completeness: truthCounted === 0 ? 1 : alsoCounted / truthCounted,
      latencyP50: percentile(latencies, 0.5),
      latencyMax: latencies.length > 0 ? latencies[latencies.length - 1] : null,
      visibleLatencyP50: percentile(visibleLatencies, 0.5),
      visibleLatencyMax: visibleLatencies.length > 0 ? visibleLatencies[visibleLatencies.length - 1] : null,
      aborted: mode.aborted.length,
      maxAbsError,
      sumError,
      droppedLate: c.droppedLate,
      deduplicated: c.deduplicated,
      deadLettered: c.deadLettered,
      recounted: c.recounted,
    },
  };
}

/**
 * Flags emitted windows strictly inside a larger emitted window of the same key (a session
 * that later merged). With discarding output the panes of a superseded session belong to the
 * merged one's total, so they are added to the largest window containing them.
 */
function markSuperseded(windows: WindowDivergence[], options: { aggregate: AggregateSpec; discarding: boolean }): void {
  const emittedByKey = new Map<string, WindowDivergence[]>();
  for (const w of windows) {
    if (w.final === null) continue;
    const list = emittedByKey.get(w.key) ?? [];
    list.push(w);
    emittedByKey.set(w.key, list);
  }
  const span = (w: WindowDivergence) => w.window.end - w.window.start;
  for (const list of emittedByKey.values()) {
    for (const w of list) {
      if (w.truth !== null) continue; // a window the truth knows is compared as it is
      let container: WindowDivergence | null = null;
      for (const o of list) {
        if (o === w || o.window.start > w.window.start || o.window.end < w.window.end || span(o) <= span(w)) continue;
        if (!container || span(o) > span(container)) container = o;
      }
      if (!container) continue;
      w.superseded = true;
      if (options.discarding && container.final !== null && w.final !== null) container.final = combinePanes(options.aggregate, container.final, w.final);
    }
  }
}

/** A mode's divergence from batch truth in a finished run, with the run's own options. */
export function modeDivergence(run: { scenario: { processor: { aggregate: AggregateSpec; accumulation: string } }; modes: { batch: ModeOutput | null }; log: TopicLog }, out: ModeOutput): Divergence | null {
  const truth = run.modes.batch;
  if (!truth) return null;
  const p = run.scenario.processor;
  return divergence(out, truth, { aggregate: p.aggregate, discarding: out.mode === 'streaming' && p.accumulation === 'discarding', log: run.log });
}
