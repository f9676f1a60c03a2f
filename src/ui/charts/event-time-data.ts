/**
 * Per-run data for the event-time chart, computed once when a run is loaded so that each
 * animation frame only binary-searches and draws what is new. No semantics here: fates,
 * processing times, watermarks and firings all come from the engine.
 */
import { FATE, FLAG, type Run, type WindowSpec } from '../../engine/index';
import { DOT, FIRING_MARK, type DotStyle, type FiringMark } from '../marks';

export interface EventPoints {
  /** Rows the streaming mode processed, in the order it processed them. */
  rows: Int32Array;
  /** Streaming processedAt of rows[i] (ascending). */
  times: Float64Array;
  eventTimes: Float64Array;
  style: Uint8Array;
  /** Key index of rows[i] (colour = keyColour(key)). */
  keys: Int32Array;
  /** indexOf[row] = position in `rows`, or -1 if streaming never processed the row. */
  indexOf: Int32Array;
  /** Records streaming never processed (not drawn). */
  unprocessed: number;
}

export function dotStyle(run: Run, row: number): DotStyle {
  const fate = run.modes.streaming.fate[row];
  if (fate === FATE.LATE) return DOT.LATE;
  if (fate === FATE.MALFORMED) return DOT.MALFORMED;
  // A retry's copy is a duplicate whether or not dedup drops it.
  if (fate === FATE.DUPLICATE || run.log.records.flags[row] & FLAG.DUPLICATE) return DOT.DUPLICATE;
  return DOT.NORMAL;
}

export function eventPoints(run: Run): EventPoints {
  const processedAt = run.modes.streaming.processedAt;
  const r = run.log.records;
  const order: number[] = [];
  for (let row = 0; row < r.length; row++) if (!Number.isNaN(processedAt[row])) order.push(row);
  // A plain array sorts faster here: rows are nearly in processing order already, which
  // V8's TimSort exploits; a typed array's comparator sort does not.
  order.sort((a, b) => processedAt[a] - processedAt[b] || a - b);
  const rows = Int32Array.from(order);
  const n = rows.length;
  const times = new Float64Array(n);
  const eventTimes = new Float64Array(n);
  const style = new Uint8Array(n);
  const keys = new Int32Array(n);
  const indexOf = new Int32Array(r.length).fill(-1);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    times[i] = processedAt[row];
    eventTimes[i] = r.eventTime[row];
    style[i] = dotStyle(run, row);
    keys[i] = r.key[row];
    indexOf[row] = i;
  }
  return { rows, times, eventTimes, style, keys, indexOf, unprocessed: r.length - n };
}

export interface FiringMarks {
  times: Float64Array;
  /** Window end (event time) of each firing. */
  ends: Float64Array;
  kind: Uint8Array;
}

/**
 * Streaming firings as markers at (emittedAt, window end). Keys firing the same window at
 * the same moment would draw the same marker many times over, so each position is kept once.
 */
export function firingMarks(run: Run): FiringMarks {
  const seen = new Set<string>();
  const times: number[] = [];
  const ends: number[] = [];
  const kind: FiringMark[] = [];
  for (const res of run.modes.streaming.results) {
    if (res.retraction) continue;
    const k: FiringMark = res.firing === 'early' ? FIRING_MARK.EARLY : res.firing === 'late' ? FIRING_MARK.LATE : FIRING_MARK.ON_TIME;
    const id = `${res.emittedAt}|${res.window.end}|${k}`;
    if (seen.has(id)) continue;
    seen.add(id);
    times.push(res.emittedAt);
    ends.push(res.window.end);
    kind.push(k);
  }
  return { times: Float64Array.from(times), ends: Float64Array.from(ends), kind: Uint8Array.from(kind) };
}

/**
 * The event-time axis: every record's event time, widened to the processing-time range when
 * the two overlap so the "no delay" diagonal runs corner to corner (`aligned`). When event
 * times are far from processing times (e.g. epoch timestamps) the widening would squash every
 * dot into a line, so the axis keeps to the event times alone.
 */
export function eventTimeDomain(run: Run): { domain: [number, number]; aligned: boolean } {
  const et = run.log.records.eventTime;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < run.log.records.length; i++) {
    const v = et[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return { domain: [0, Math.max(1, run.endTime)], aligned: true };
  const span = Math.max(hi - lo, 1);
  const uLo = Math.min(lo, 0);
  const uHi = Math.max(hi, run.endTime);
  if (uHi - uLo <= span * 4) return { domain: [uLo, uHi], aligned: true };
  const pad = span * 0.03;
  return { domain: [lo - pad, hi + pad], aligned: false };
}

/**
 * How much processing time the "follow now" view shows: about three windows, but short
 * enough in a dense run that a frame redraws a few thousand dots, not tens of thousands.
 */
export function followSpan(spec: WindowSpec | null, dotsPerMs: number, budget = 5000): number {
  const unit = !spec ? 10_000 : spec.type === 'session' ? spec.gap * 1.5 : spec.size;
  const wanted = Math.min(600_000, Math.max(10_000, unit * 3));
  const affordable = dotsPerMs > 0 ? budget / dotsPerMs : Infinity;
  return Math.max(5_000, Math.min(wanted, affordable));
}

export interface Bands {
  /** Starts of the shaded bands (each `width` long). */
  starts: number[];
  width: number;
  /** Sliding windows overlap, so their bands are slide steps, drawn more lightly. */
  light: boolean;
}

/** Window bands in [lo, hi]: every other tumbling window (or slide step) is shaded. */
export function windowBands(spec: WindowSpec, lo: number, hi: number, maxBands = 300): Bands | null {
  if (spec.type === 'session') return null;
  const width = spec.type === 'tumbling' ? spec.size : spec.slide;
  const offset = spec.offset;
  const first = Math.floor((lo - offset) / width);
  const last = Math.ceil((hi - offset) / width);
  if (last - first > maxBands * 2) return null;
  const starts: number[] = [];
  for (let k = first; k <= last; k++) if (((k % 2) + 2) % 2 === 0) starts.push(k * width + offset);
  return { starts, width, light: spec.type === 'sliding' };
}

export function describeWindows(spec: WindowSpec, bands: Bands | null, fmt: (ms: number) => string): string {
  if (spec.type === 'session') return `Session windows (gap ${fmt(spec.gap)}) have no fixed boundaries, so no bands are drawn.`;
  if (!bands) return 'The windows are too narrow to draw at this scale.';
  if (spec.type === 'tumbling') return `Shaded bands: the ${fmt(spec.size)} tumbling windows, in event time.`;
  return `Light bands: ${fmt(spec.slide)} slide steps; each sliding window spans ${fmt(spec.size)} of event time.`;
}
