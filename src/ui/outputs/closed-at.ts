/**
 * When each window is closed, by the engine's account: the processing time at which a mode emitted
 * a result only a closed window gets (on time, late, final) or, for a window without one, its own
 * progress measure (its watermark; Kafka Streams' stream time) first reached the end; or batch ran.
 * A window's end is event time: comparing it with processing time, as "end <= now", empties the
 * "closed by now" list whenever event times run ahead of processing time (scripted scenarios).
 */
import { bisectLeft } from 'd3';
import type { ModeOutput, WindowDivergence } from '../../engine/index';
import { countUntilTimes } from '../state/at-time';

export type ClosingMode = 'microbatch' | 'streaming';

export interface ClosedAt {
  /** The earliest of the modes' closing times and batch's run (Infinity: never closed). */
  any: number;
  microbatch: number;
  streaming: number;
}

/** A mode's watermarks as a running maximum, so "first time it reached x" is a binary search. */
export interface Reach {
  times: Float64Array;
  highest: Float64Array;
}

export function watermarkReach(out: Pick<ModeOutput, 'watermarks'>): Reach {
  const n = out.watermarks.length;
  const times = new Float64Array(n);
  const highest = new Float64Array(n);
  let top = -Infinity;
  out.watermarks.forEach((w, i) => {
    // A restart may restore a lower watermark; a window it had closed stays closed.
    if (w.watermark > top) top = w.watermark;
    times[i] = w.time;
    highest[i] = top;
  });
  return { times, highest };
}

/** The first processing time at which the watermark had reached `end` (Infinity: never). */
export function firstReach(reach: Reach, end: number): number {
  // highest is ascending: the first entry at or past end.
  const lo = bisectLeft(reach.highest, end);
  return lo < reach.times.length ? reach.times[lo] : Infinity;
}

const CLOSING_FIRINGS = new Set(['on-time', 'late', 'final']);

/**
 * When one mode closed one window: its first on-time, late or final result; without one (only
 * updates or early panes, or nothing), when its watermark first reached the end. The result comes
 * first because Spark's watermark, computed after a batch, closes the window only in the next batch.
 */
export function modeClosedAt(reach: Reach, w: WindowDivergence | null, end: number): number {
  for (const e of w?.emissions ?? []) {
    if (!e.retraction && CLOSING_FIRINGS.has(e.firing)) return e.at;
  }
  return firstReach(reach, end);
}

export interface ClosingRow {
  key: string;
  start: number;
  end: number;
  truth: number | null;
  microbatch: WindowDivergence | null;
  streaming: WindowDivergence | null;
}

/** Rows ordered by closing time, for "how many had closed by t" (binary search) and "newest first". */
export interface ClosingOrder<R> {
  rows: R[];
  times: Float64Array;
}

export function closingOrder<R>(rows: readonly R[], at: Map<R, ClosedAt>): ClosingOrder<R> {
  const sorted = [...rows].sort((a, b) => (at.get(a)?.any ?? Infinity) - (at.get(b)?.any ?? Infinity));
  return { rows: sorted, times: Float64Array.from(sorted, (r) => at.get(r)?.any ?? Infinity) };
}

/** Each row's closing times, from the modes' watermarks and results and batch's run. */
export function closedAtByRow<R extends ClosingRow>(rows: readonly R[], outputs: Record<ClosingMode, Pick<ModeOutput, 'watermarks'>>, batchRanAt: number | null): Map<R, ClosedAt> {
  const reach = { microbatch: watermarkReach(outputs.microbatch), streaming: watermarkReach(outputs.streaming) };
  const out = new Map<R, ClosedAt>();
  for (const row of rows) {
    const microbatch = modeClosedAt(reach.microbatch, row.microbatch, row.end);
    const streaming = modeClosedAt(reach.streaming, row.streaming, row.end);
    const batch = row.truth !== null && batchRanAt !== null ? batchRanAt : Infinity;
    out.set(row, { any: Math.min(microbatch, streaming, batch), microbatch, streaming });
  }
  return out;
}

/** How many rows of an order had closed by t. */
export const closedBy = <R>(order: ClosingOrder<R>, t: number): number => countUntilTimes(order.times, t);
