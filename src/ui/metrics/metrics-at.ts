/**
 * The metrics panel's readings at one moment: counters so far, freshness and lag now. Each is
 * a binary search over the tables metrics-data.ts built once per run, so a frame stays cheap.
 */
import type { Run } from '../../engine/index';
import { countUntilTimes, lagSampleAt } from '../state/at-time';
import type { ModeMetrics, RunMetrics } from './metrics-data';

export const STREAM_MODES = ['streaming', 'microbatch'] as const;
export type StreamMode = (typeof STREAM_MODES)[number];

/** Processing time t minus the newest event time covered by a result emitted by t; null before the first. */
export function freshnessAt(m: ModeMetrics, t: number): number | null {
  const i = countUntilTimes(m.emitted, t);
  if (i === 0 || m.covered[i - 1] === -Infinity) return null;
  return t - m.covered[i - 1];
}

function modeAt(m: ModeMetrics, t: number) {
  return {
    late: countUntilTimes(m.late, t),
    duplicate: countUntilTimes(m.duplicate, t),
    malformed: countUntilTimes(m.malformed, t),
    freshness: freshnessAt(m, t),
  };
}

export function metricsAt(run: Run, metrics: RunMetrics, t: number) {
  const r = run.log.records;
  const s = lagSampleAt(run, t);
  const lagNow = metrics.lag.map((series) => (s >= 0 ? series.y[s] : 0));
  return {
    produced: countUntilTimes(metrics.sent, t),
    appended: countUntilTimes(r.appendedAt, t, r.length),
    read: countUntilTimes(metrics.read, t),
    redelivered: countUntilTimes(metrics.redelivered, t),
    streaming: modeAt(metrics.streaming, t),
    microbatch: modeAt(metrics.microbatch, t),
    lagNow,
    lagTotal: lagNow.reduce((a, b) => a + b, 0),
    partitions: run.log.partitions.length,
  };
}

export type MetricsAt = ReturnType<typeof metricsAt>;
