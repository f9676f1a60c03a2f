/**
 * Reading a finished run at a moment of virtual processing time. The engine computes the
 * whole run once; these helpers only look things up (binary searches over the engine's
 * logs), so scrubbing to any time, backwards included, is instant. No semantics here.
 */
import { bisector, bisectRight } from 'd3';
import type { Result, Run, ModeOutput } from '../../engine/index';

/**
 * Bisectors over the engine's time-sorted logs, built once here so per-frame lookups allocate
 * nothing. `.right(list, t)` counts the entries at or before t (the first index whose time is > t).
 */
export const byEmittedAt = bisector((r: Result) => r.emittedAt);
export const byTime = bisector((entry: { readonly time: number }) => entry.time);

/** How many of the sorted `times[0..length)` are at or before t (the first index whose time is > t). */
export function countUntilTimes(times: ArrayLike<number>, t: number, length = times.length): number {
  return bisectRight(times, t, 0, length);
}

/** Results emitted at or before t (results are in emission order). */
export function resultsUntil(out: ModeOutput, t: number): readonly Result[] {
  return out.results.slice(0, byEmittedAt.right(out.results, t));
}

/** The mode's watermark in force at t (-Infinity before the first). */
export function watermarkAt(out: ModeOutput, t: number): number {
  const i = byTime.right(out.watermarks, t);
  return i === 0 ? -Infinity : out.watermarks[i - 1].watermark;
}

/** Where a record is at time t, for drawing and inspecting. */
export type Stage = 'not-yet' | 'in-transit' | 'buffered' | 'in-log' | 'read';

export function stageAt(run: Run, row: number, t: number): Stage {
  const r = run.log.records;
  if (t < r.eventTime[row] && t < r.sentAt[row]) return 'not-yet';
  if (t < r.appendedAt[row]) return t >= r.sentAt[row] ? 'buffered' : 'in-transit';
  const read = run.reads.firstReadAt[row];
  if (Number.isNaN(read) || t < read) return 'in-log';
  return 'read';
}

/** Lag samples at or before t: index of the last sample (or -1). */
export function lagSampleAt(run: Run, t: number): number {
  return countUntilTimes(run.group.lag.time, t) - 1;
}

/** Counters as they stood at time t (the engine's final counters, replayed by time). */
export interface CountsAt {
  produced: number;
  appended: number;
  read: number;
}

export function countsAt(run: Run, t: number): CountsAt {
  const r = run.log.records;
  // appendedAt is sorted (rows are in append order); sentAt and reads are not.
  const appended = countUntilTimes(r.appendedAt, t, r.length);
  let produced = 0;
  let read = 0;
  const reads = run.reads.firstReadAt;
  for (let i = 0; i < r.length; i++) {
    if (r.sentAt[i] <= t) produced++;
    if (reads[i] <= t) read++;
  }
  return { produced, appended, read };
}
