/**
 * The streaming job's recovery story for the event-time chart: its completed checkpoints, the
 * spans it was down (or replayed), the point each restart restored, and the records it read a
 * second time. Built once per run from the engine's job trace; a frame only binary-searches.
 * No semantics here: what was checkpointed, restored and re-read all comes from the engine.
 */
import { bisectLeft } from 'd3';
import type { Recovery, Run } from '../../engine/index';
import { formatTime, formatValue } from '../format';
import { prepareJob, restoredText } from '../pipeline/job';
import { countUntilTimes } from '../state/at-time';

/** One failure or replay of the streaming job, with its chart labels. */
export interface Downtime {
  kind: Recovery['kind'];
  /** When the job went down. */
  at: number;
  /** When it ran again (equal to `at` for a replay). */
  restartAt: number;
  /** "job down" (a crash) or "replay". */
  label: string;
  /** The durable point the restart restored (null: empty state, or the state kept). */
  restoredTo: number | null;
  /** "restores checkpoint @ 20 s", "restarts with empty state", ... */
  restore: string;
}

export interface RecoveryMarks {
  /** Completed checkpoints, ascending. */
  checkpointTimes: Float64Array;
  /** In time order. */
  downs: Downtime[];
  /** Second (or later) reads of records, by read time (ascending), with what the chart draws of them. */
  rereadTimes: Float64Array;
  rereadRows: Int32Array;
  rereadEventTimes: Float64Array;
  rereadKeys: Int32Array;
}

/** A moment as the chart labels say it: "20 s" for whole seconds, else formatTime's "1.500 s". */
export function momentLabel(ms: number): string {
  if (Number.isFinite(ms) && ms % 1000 === 0 && Math.abs(ms) < 3_600_000) return `${formatValue(ms / 1000)} s`;
  return formatTime(ms);
}

/** What the restarted job started from, in a few words (the pipeline's wording, as a sentence). */
export function restoreLabel(r: Pick<Recovery, 'restoredFrom' | 'restoredTo'>): string {
  if (r.restoredFrom === 'empty') return 'restarts with empty state';
  if (r.restoredFrom === 'kept') return 'state kept (changelog)';
  return `restores ${restoredText(r, momentLabel)}`;
}

export function recoveryMarks(run: Run): RecoveryMarks {
  const job = run.jobs.streaming;
  const downs = job.recoveries.map(
    (r): Downtime => ({
      kind: r.kind,
      at: r.at,
      restartAt: r.restartAt,
      label: r.kind === 'replay' ? 'replay' : 'job down',
      restoredTo: r.restoredTo,
      restore: restoreLabel(r),
    }),
  );

  // The second reads are indexed once per run, shared with the pipeline figure.
  const { rereadTimes, rereadRows } = prepareJob(run);
  const records = run.log.records;
  const rereadEventTimes = Float64Array.from(rereadRows, (row) => records.eventTime[row]);
  const rereadKeys = Int32Array.from(rereadRows, (row) => records.key[row]);
  const checkpointTimes = Float64Array.from(job.checkpoints.time).sort();
  return { checkpointTimes, downs, rereadTimes, rereadRows, rereadEventTimes, rereadKeys };
}

/** A failure or replay as it stands at some time. */
export interface DowntimeAt extends Downtime {
  /** Where the band ends now: the restart, or `t` while the job is still down. */
  until: number;
  /** The job has restarted, so its restore point is known. */
  restarted: boolean;
}

export interface RecoveryAt {
  /** Checkpoints completed at or before t: `checkpointTimes[0..checkpoints)`. */
  checkpoints: number;
  /** Failures and replays that had begun by t. */
  downs: DowntimeAt[];
  /** Re-reads at or before t: `rereadTimes[0..rereads)`. */
  rereads: number;
}

export function recoveryAt(marks: RecoveryMarks, t: number): RecoveryAt {
  const downs: DowntimeAt[] = [];
  for (const d of marks.downs) {
    if (d.at > t) break;
    downs.push({ ...d, until: Math.min(d.restartAt, t), restarted: t >= d.restartAt });
  }
  return { checkpoints: countUntilTimes(marks.checkpointTimes, t), downs, rereads: countUntilTimes(marks.rereadTimes, t) };
}

/** Index of the first time >= t in an ascending array (its length if none). */
export function firstAtOrAfter(times: Float64Array, t: number, length = times.length): number {
  return bisectLeft(times, t, 0, length);
}

/** The indexes [from, to) of the times in [lo, hi] among the first `count` (e.g. those up to now). */
export function timesWithin(times: Float64Array, lo: number, hi: number, count = times.length): { from: number; to: number } {
  const to = countUntilTimes(times, hi, count);
  return { from: Math.min(to, firstAtOrAfter(times, lo, count)), to };
}

/**
 * Where the "checkpoint" label of the last mark goes: right of its flag if it fits before the
 * plot's right edge, else left of it if no earlier flag is in the way, else nowhere.
 */
export function checkpointLabelSide(xs: readonly number[], right: number, left: number, labelPx: number, gap: number): 'right' | 'left' | null {
  if (xs.length === 0) return null;
  const x = xs[xs.length - 1];
  if (x + gap + labelPx <= right) return 'right';
  const prev = xs.length > 1 ? xs[xs.length - 2] : -Infinity;
  if (x - gap - labelPx >= left && prev < x - 2 * gap - labelPx) return 'left';
  return null;
}
