/**
 * The three modes' outputs lined up window by window, from the engine's divergence data.
 * Computed once per run (cached, so the outputs and inspect panels share it); the only
 * per-frame work is `valueAt`, a short scan over one window's emissions.
 */
import { combinePanes, diagnostics, modeDivergence, sameValue, type Divergence, type Firing, type Run, type WindowDivergence } from '../../engine/index';
import { closedAtByRow, closingOrder, type ClosedAt, type ClosingOrder } from './closed-at';

export type ComparedMode = 'microbatch' | 'streaming';

/**
 * Whose view of a sink: `written`, everything the job wrote (a reader of uncommitted data);
 * `committed`, a reader that sees only committed data, so a result counts from its `visibleAt`.
 */
export type SinkBasis = 'written' | 'committed';

/** A result the job wrote in a transaction a failure later aborted (never visible). */
export interface AbortedEmission {
  at: number;
  value: number;
  firing: Firing;
  /** When the failure aborted its transaction (null when the run does not say). */
  abortedAt: number | null;
}

export interface WindowRow {
  /** Stable id: start, end and key. */
  id: string;
  key: string;
  keyIndex: number;
  start: number;
  end: number;
  /** Batch's value, or null when only a mode produced this window. */
  truth: number | null;
  microbatch: WindowDivergence | null;
  streaming: WindowDivergence | null;
  /** Batch has no such window: only a mode produced it. */
  extra: boolean;
  /** A session some mode emitted and then merged into a larger one (not scored). */
  superseded: boolean;
  /** At the end of the run, some mode's final value differs from the truth (or is missing). */
  disagrees: boolean;
}

/** How a mode's emissions for one window add up to the value a sink holds. */
export interface ModeFolding {
  /** Discarding panes are combined; otherwise the last value stands. */
  combine: ((a: number, b: number) => number) | null;
  /** Smaller sessions merged into a window, whose panes count towards it (discarding only). */
  absorbed: Map<WindowDivergence, WindowDivergence[]>;
}

export interface Comparison {
  /**
   * Sorted by window start, then key, then end. Sessions a mode emitted and then merged into
   * a larger one are left out (they are in `byId`): with early firings there can be hundreds.
   */
  rows: WindowRow[];
  /** How many merged (superseded) sessions `rows` leaves out. */
  mergedHidden: number;
  /** When each row's window closed, per mode and overall (the engine's watermarks and firings). */
  closedAt: Map<WindowRow, ClosedAt>;
  /** Rows by closing time (for "how many windows have closed by t", newest first), all keys and per key. */
  closing: ClosingOrder<WindowRow>;
  closingByKey: Map<string, ClosingOrder<WindowRow>>;
  byId: Map<string, WindowRow>;
  /** Keys that have at least one window, sorted. */
  keys: string[];
  divergence: { batch: Divergence | null; microbatch: Divergence | null; streaming: Divergence | null };
  folding: { microbatch: ModeFolding; streaming: ModeFolding };
  /** Per mode, each window's aborted results in emission order (empty unless a failure aborted a transaction). */
  aborted: Record<ComparedMode, Map<WindowDivergence, AbortedEmission[]>>;
  /** When batch ran (it runs once, at the end of input), or null if it has no results. */
  batchRanAt: number | null;
  /** The earliest-ending window where some mode ends up different from the truth. */
  firstDisagreement: WindowRow | null;
  /** The engine's plain-language notes on this run. */
  notes: string[];
}

export const windowId = (key: string, start: number, end: number): string => `${start}\u0000${end}\u0000${key}`;

export { sameValue };

/**
 * For discarding output the engine adds each superseded session's panes to the largest
 * emitted session of the same key that contains it; find those pairs the same way.
 */
function absorbedSessions(div: Divergence | null): Map<WindowDivergence, WindowDivergence[]> {
  const absorbed = new Map<WindowDivergence, WindowDivergence[]>();
  if (!div || !div.windows.some((w) => w.superseded)) return absorbed;
  const byKey = new Map<string, WindowDivergence[]>();
  for (const w of div.windows) {
    if (w.final === null) continue;
    const list = byKey.get(w.key) ?? [];
    list.push(w);
    byKey.set(w.key, list);
  }
  const span = (w: WindowDivergence) => w.window.end - w.window.start;
  for (const list of byKey.values()) {
    for (const w of list) {
      if (!w.superseded) continue;
      let container: WindowDivergence | null = null;
      for (const o of list) {
        if (o === w || o.window.start > w.window.start || o.window.end < w.window.end || span(o) <= span(w)) continue;
        if (!container || span(o) > span(container)) container = o;
      }
      if (!container) continue;
      const into = absorbed.get(container) ?? [];
      into.push(w);
      absorbed.set(container, into);
    }
  }
  return absorbed;
}

export interface ValueSoFar {
  value: number;
  /** When the latest emission counted in it came out. */
  at: number;
  /**
   * When a reader of committed data can see all of it: the latest `visibleAt` of the emissions
   * counted (NaN while one is in an open transaction, or when one was aborted).
   */
  visibleAt: number;
  firing: Firing;
  /** Non-retraction emissions so far. */
  emissions: number;
  /** Set when an aborted result is counted in it (written basis only): when its transaction was aborted. */
  aborted?: { at: number | null };
}

const NO_ABORTED: readonly AbortedEmission[] = [];

/**
 * What a sink would hold for this window at processing time t: the latest non-retraction
 * value, or, for discarding output, the panes so far combined as the engine combines them.
 * Null when the mode has emitted nothing for it yet.
 *
 * `basis` "committed" counts an emission from its `visibleAt` instead of its `at` (an emission
 * still in an open transaction, visibleAt NaN, does not count). `aborted`, on the "written"
 * basis only, adds results written in aborted transactions, in emission order (a merged session's
 * own aborted results are not added).
 */
export function valueAt(w: WindowDivergence | null, t: number, folding: ModeFolding, basis: SinkBasis = 'written', aborted: readonly AbortedEmission[] = NO_ABORTED): ValueSoFar | null {
  if (!w) return null;
  const committed = basis === 'committed';
  let result: ValueSoFar | null = null;
  const add = (e: { at: number; value: number; firing: Firing }, visibleAt: number, abortedAt: number | null | undefined) => {
    const abortedMark = abortedAt === undefined ? undefined : { at: abortedAt };
    if (!result) {
      result = { value: e.value, at: e.at, visibleAt, firing: e.firing, emissions: 1 };
      if (abortedMark) result.aborted = abortedMark;
      return;
    }
    if (folding.combine) {
      result.value = folding.combine(result.value, e.value);
      // Every pane stays in the sum: visible once the last of them is.
      result.visibleAt = Math.max(result.visibleAt, visibleAt);
      if (abortedMark && !result.aborted) result.aborted = abortedMark;
    } else {
      result.value = e.value;
      result.visibleAt = visibleAt;
      if (abortedMark) result.aborted = abortedMark;
      else delete result.aborted;
    }
    result.at = e.at;
    result.firing = e.firing;
    result.emissions++;
  };
  let next = 0;
  const addAbortedUntil = (limit: number, inclusive: boolean) => {
    for (; next < aborted.length && (inclusive ? aborted[next].at <= limit : aborted[next].at < limit); next++) {
      if (aborted[next].at <= t) add(aborted[next], NaN, aborted[next].abortedAt);
    }
  };
  for (const e of w.emissions) {
    if (committed) {
      // NaN (an open transaction) is never <= t.
      if (!(e.visibleAt <= t)) continue;
    } else {
      if (e.at > t) break;
      // An aborted result came out before a kept one emitted later (kept ones at the same instant first).
      addAbortedUntil(e.at, false);
    }
    if (e.retraction) continue;
    add(e, e.visibleAt, undefined);
  }
  if (!committed) addAbortedUntil(t, true);
  const merged = folding.combine ? folding.absorbed.get(w) : undefined;
  if (result && merged && folding.combine) {
    const r: ValueSoFar = result;
    for (const m of merged) {
      const part = valueAt(m, t, folding, basis);
      if (part) {
        r.value = folding.combine(r.value, part.value);
        r.visibleAt = Math.max(r.visibleAt, part.visibleAt);
      }
    }
  }
  return result;
}

/**
 * Every step of the value a sink holds, one per non-retraction emission (for charts). On the
 * "committed" basis a step is at its `visibleAt` (the value a committed reader sees from then on;
 * a result whose transaction never commits makes no step).
 */
export function valueSteps(w: WindowDivergence | null, folding: ModeFolding, basis: SinkBasis = 'written'): ValueSoFar[] {
  if (!w) return [];
  const steps: ValueSoFar[] = [];
  const since = (v: ValueSoFar) => (basis === 'committed' ? v.visibleAt : v.at);
  for (const e of w.emissions) {
    if (e.retraction) continue;
    const time = basis === 'committed' ? e.visibleAt : e.at;
    if (!Number.isFinite(time)) continue;
    const v = valueAt(w, time, folding, basis);
    if (!v) continue;
    // Several emissions at one instant (or committed together) make one step.
    if (steps.length > 0 && since(steps[steps.length - 1]) === since(v)) steps[steps.length - 1] = v;
    else steps.push(v);
  }
  return steps;
}

const cache = new WeakMap<Run, Comparison>();

export function compareRun(run: Run): Comparison {
  const cached = cache.get(run);
  if (cached) return cached;
  const batch = run.modes.batch;
  const divergence = {
    batch: batch ? modeDivergence(run, batch) : null,
    microbatch: modeDivergence(run, run.modes.microbatch),
    streaming: modeDivergence(run, run.modes.streaming),
  };
  const p = run.scenario.processor;
  const folding = {
    microbatch: { combine: null, absorbed: new Map() },
    streaming:
      p.accumulation === 'discarding'
        ? { combine: (a: number, b: number) => combinePanes(p.aggregate, a, b), absorbed: absorbedSessions(divergence.streaming) }
        : { combine: null, absorbed: new Map() },
  } satisfies Comparison['folding'];

  const keyIndex = new Map<string, number>();
  run.log.keys.forEach((k, i) => keyIndex.set(k, i));
  const byId = new Map<string, WindowRow>();
  const rowFor = (key: string, start: number, end: number): WindowRow => {
    const id = windowId(key, start, end);
    let row = byId.get(id);
    if (!row) {
      row = { id, key, keyIndex: keyIndex.get(key) ?? 0, start, end, truth: null, microbatch: null, streaming: null, extra: true, superseded: false, disagrees: false };
      byId.set(id, row);
    }
    return row;
  };
  if (batch) {
    for (const r of batch.results) {
      const row = rowFor(r.key, r.window.start, r.window.end);
      row.truth = r.value;
      row.extra = false;
    }
  }
  for (const mode of ['microbatch', 'streaming'] as const) {
    for (const w of divergence[mode]?.windows ?? []) {
      const row = rowFor(w.key, w.window.start, w.window.end);
      row[mode] = w;
    }
  }
  // Superseded when every mode that emitted it later merged it away.
  for (const row of byId.values()) {
    const emitted = [row.microbatch, row.streaming].filter((w) => w !== null);
    row.superseded = row.extra && emitted.length > 0 && emitted.every((w) => w.superseded);
  }

  const all = [...byId.values()];
  const rows = all.filter((r) => !r.superseded).sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.end - b.end);
  let firstDisagreement: WindowRow | null = null;
  for (const row of rows) {
    row.disagrees = row.extra || [row.microbatch, row.streaming].some((w) => w === null || w.final === null || row.truth === null || !sameValue(w.final, row.truth));
    if (row.disagrees && (!firstDisagreement || row.end < firstDisagreement.end)) firstDisagreement = row;
  }

  const aborted = { microbatch: abortedByWindow(run, 'microbatch', byId), streaming: abortedByWindow(run, 'streaming', byId) };

  const batchRanAt = batch && batch.results.length > 0 ? batch.results[0].emittedAt : batch ? run.inputEndTime : null;
  const closedAt = closedAtByRow(rows, run.modes, batchRanAt);
  const rowsByKey = new Map<string, WindowRow[]>();
  for (const row of rows) {
    const list = rowsByKey.get(row.key) ?? [];
    list.push(row);
    rowsByKey.set(row.key, list);
  }
  const closingByKey = new Map<string, ClosingOrder<WindowRow>>();
  for (const [k, list] of rowsByKey) closingByKey.set(k, closingOrder(list, closedAt));

  const comparison: Comparison = {
    rows,
    mergedHidden: all.length - rows.length,
    closedAt,
    closing: closingOrder(rows, closedAt),
    closingByKey,
    byId,
    keys: [...rowsByKey.keys()].sort(),
    divergence,
    folding,
    aborted,
    batchRanAt,
    firstDisagreement,
    notes: diagnostics(run),
  };
  cache.set(run, comparison);
  return comparison;
}

/**
 * A mode's aborted results by window. Each failure's recovery says how many results it aborted;
 * the run lists them in order, so the first failure's come first.
 */
function abortedByWindow(run: Run, mode: ComparedMode, byId: Map<string, WindowRow>): Map<WindowDivergence, AbortedEmission[]> {
  const out = new Map<WindowDivergence, AbortedEmission[]>();
  const results = run.modes[mode].aborted;
  if (results.length === 0) return out;
  const when: (number | null)[] = [];
  for (const r of run.jobs[mode].recoveries) for (let i = 0; i < r.aborted; i++) when.push(r.at);
  results.forEach((r, i) => {
    if (r.retraction) return;
    // A window only an aborted transaction ever had has no row to show it in.
    const w = byId.get(windowId(r.key, r.window.start, r.window.end))?.[mode];
    if (!w) return;
    const list = out.get(w) ?? [];
    list.push({ at: r.emittedAt, value: r.value, firing: r.firing, abortedAt: when[i] ?? null });
    out.set(w, list);
  });
  return out;
}

/**
 * A window as "[60 s, 70 s)": both ends with the same precision (whole seconds when both are),
 * so a column of windows lines up.
 */
export function formatSpan(w: { start: number; end: number }): string {
  const whole = w.start % 1000 === 0 && w.end % 1000 === 0;
  const s = (ms: number) => {
    if (!Number.isFinite(ms)) return ms > 0 ? '+∞' : '−∞';
    return (ms / 1000).toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 3, maximumFractionDigits: whole ? 0 : 3 });
  };
  return `[${s(w.start)} s, ${s(w.end)} s)`;
}

/** Seconds with a fixed three decimals ("62.800 s"), so a column of times lines up. */
export function formatSeconds(ms: number): string {
  if (!Number.isFinite(ms)) return Number.isNaN(ms) ? '–' : ms > 0 ? '+∞' : '−∞';
  return `${(ms / 1000).toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} s`;
}
