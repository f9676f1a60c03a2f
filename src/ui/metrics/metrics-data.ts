/**
 * Per-run tables for the metrics panel, built once when a run loads: sorted time arrays
 * (so a counter at time t is one binary search), throughput bins, lag per partition and the
 * freshness step function. The engine decides every fate and time; this only re-indexes them.
 */
import { bisectLeft } from 'd3';
import { FATE, type ModeOutput, type Run } from '../../engine/index';

export interface Series {
  x: Float64Array;
  y: Float64Array;
}

export interface ModeMetrics {
  /** droppedAt of each drop, ascending, by reason. */
  late: Float64Array;
  duplicate: Float64Array;
  malformed: Float64Array;
  /** How many records ended with each fate (index = FATE value). */
  fates: number[];
  /** Emission times of results (ascending), and the newest event time covered by any result emitted up to then. */
  emitted: Float64Array;
  covered: Float64Array;
  /** Freshness over processing time, as a sawtooth ready to draw. */
  freshness: Series;
}

export interface RunMetrics {
  sent: Float64Array;
  read: Float64Array;
  redelivered: Float64Array;
  streaming: ModeMetrics;
  microbatch: ModeMetrics;
  throughput: { binMs: number; appended: Series; read: Series };
  /** One series per partition: records appended but not yet read by the group. */
  lag: Series[];
}

function sorted(values: ArrayLike<number>, length = values.length): Float64Array {
  const out = new Float64Array(length);
  let n = 0;
  for (let i = 0; i < length; i++) if (!Number.isNaN(values[i])) out[n++] = values[i];
  return out.subarray(0, n).sort();
}

/**
 * Freshness: processing time now minus the newest event time that some emitted result
 * already covers. A result covers its window up to the window's end, but an early or
 * update firing of a window still open covers no more than the newest event the mode had
 * counted when it fired, so the smaller of the two is used.
 */
function freshness(out: ModeOutput, run: Run, endTime: number): Pick<ModeMetrics, 'emitted' | 'covered' | 'freshness'> {
  const et = run.log.records.eventTime;
  const at = out.processedAt;
  const results = out.results;
  const emitted = new Float64Array(results.length);
  for (let i = 0; i < results.length; i++) emitted[i] = results[i].emittedAt;

  // newest[i]: the newest event time counted by the time result i was emitted. Each counted
  // record lands in the bucket of the first emission at or after it was processed (no sort).
  const newest = new Float64Array(results.length).fill(-Infinity);
  for (let row = 0; row < out.fate.length; row++) {
    if (out.fate[row] !== FATE.COUNTED) continue;
    const lo = bisectLeft(emitted, at[row]); // the first emission at or after it was processed
    if (lo < newest.length && et[row] > newest[lo]) newest[lo] = et[row];
  }
  for (let i = 1; i < newest.length; i++) if (newest[i - 1] > newest[i]) newest[i] = newest[i - 1];

  const covered = new Float64Array(results.length);
  let best = -Infinity;
  for (let i = 0; i < results.length; i++) {
    const res = results[i];
    if (!res.retraction) best = Math.max(best, Math.min(res.window.end, newest[i]));
    covered[i] = best;
  }

  // The sawtooth: grows with slope 1 between emissions, drops when a result covers newer data.
  const xs: number[] = [];
  const ys: number[] = [];
  let current = -Infinity;
  for (let i = 0; i < results.length; i++) {
    // Only the last emission at a given moment matters.
    if (i + 1 < results.length && emitted[i + 1] === emitted[i]) continue;
    const t = emitted[i];
    const c = covered[i];
    if (c === current) continue;
    if (current !== -Infinity) {
      xs.push(t);
      ys.push(t - current);
    }
    if (c !== -Infinity) {
      xs.push(t);
      ys.push(t - c);
    }
    current = c;
  }
  if (current !== -Infinity) {
    xs.push(endTime);
    ys.push(endTime - current);
  }
  return { emitted, covered, freshness: { x: Float64Array.from(xs), y: Float64Array.from(ys) } };
}

function modeMetrics(out: ModeOutput, run: Run): ModeMetrics {
  const byReason = { late: [] as number[], duplicate: [] as number[], malformed: [] as number[] };
  for (const d of out.dropped) byReason[d.reason].push(d.droppedAt);
  const fates = [0, 0, 0, 0, 0];
  for (let i = 0; i < out.fate.length; i++) fates[out.fate[i]]++;
  return {
    late: sorted(byReason.late),
    duplicate: sorted(byReason.duplicate),
    malformed: sorted(byReason.malformed),
    fates,
    ...freshness(out, run, run.endTime),
  };
}

/** A bin width that keeps the throughput chart to a few hundred bars at most. */
export function binWidth(endTime: number): number {
  const steps = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
  for (const s of steps) if (endTime / s <= 240) return s;
  return Math.ceil(endTime / 240 / 3_600_000) * 3_600_000;
}

function perSecond(times: ArrayLike<number>, length: number, binMs: number, bins: number): Series {
  const counts = new Float64Array(bins);
  for (let i = 0; i < length; i++) {
    const t = times[i];
    if (!(t >= 0)) continue;
    counts[Math.min(bins - 1, Math.floor(t / binMs))]++;
  }
  // Step series: bin starts plus a closing point at the end.
  const x = new Float64Array(bins + 1);
  const y = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) {
    x[b] = b * binMs;
    y[b] = (counts[Math.min(b, bins - 1)] * 1000) / binMs;
  }
  return { x, y };
}

export function runMetrics(run: Run): RunMetrics {
  const r = run.log.records;
  const d = run.group.deliveries;
  // Column buffers can be longer than the column: only the first d.length entries count.
  const time = d.time.data;
  const item = d.item.data;
  const redelivery = d.redelivery.data;
  const reads = new Float64Array(d.length);
  const again = new Float64Array(d.length);
  let nReads = 0;
  let nAgain = 0;
  for (let i = 0; i < d.length; i++) {
    if (item[i] < 0) continue; // a watermark marker, not a record
    reads[nReads++] = time[i];
    if (redelivery[i] !== 0) again[nAgain++] = time[i];
  }

  const binMs = binWidth(run.endTime);
  const bins = Math.max(1, Math.ceil(run.endTime / binMs));

  const lag = run.group.lag;
  const P = run.log.partitions.length;
  const S = lag.time.length;
  const perPartition: Series[] = [];
  for (let p = 0; p < P; p++) {
    const y = new Float64Array(S);
    for (let s = 0; s < S; s++) y[s] = lag.logEndOffset[s * P + p] - lag.position[s * P + p];
    perPartition.push({ x: lag.time, y });
  }

  return {
    sent: sorted(r.sentAt, r.length),
    read: sorted(run.reads.firstReadAt),
    redelivered: sorted(again, nAgain),
    streaming: modeMetrics(run.modes.streaming, run),
    microbatch: modeMetrics(run.modes.microbatch, run),
    throughput: {
      binMs,
      appended: perSecond(r.appendedAt, r.length, binMs, bins),
      read: perSecond(reads, nReads, binMs, bins),
    },
    lag: perPartition,
  };
}
