/**
 * Reading a finished run at a moment of virtual processing time. The engine computes the
 * whole run once; these helpers only look things up (binary searches over the engine's
 * logs), so scrubbing to any time, backwards included, is instant. No semantics here.
 */
import type { Result, Run, ModeOutput } from '../../engine/index';

/** Index of the first element with `time(el) > t` in an array sorted by time. */
export function countUntil<T>(items: readonly T[], t: number, time: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time(items[mid]) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Same, over a typed array of times. */
export function countUntilTimes(times: Float64Array, t: number, length = times.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Results emitted at or before t (results are in emission order). */
export function resultsUntil(out: ModeOutput, t: number): readonly Result[] {
  return out.results.slice(0, countUntil(out.results, t, (r) => r.emittedAt));
}

/** The mode's watermark in force at t (-Infinity before the first). */
export function watermarkAt(out: ModeOutput, t: number): number {
  const i = countUntil(out.watermarks, t, (w) => w.time);
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
