/**
 * The streaming job's side of the pipeline figure: when it was down, what it restored, where its
 * checkpoints stood on each partition, and which records it read a second time. The engine
 * decides all of it (run.jobs.streaming); this module only indexes it for per-frame lookups.
 */
import { bisectLeft, bisectRight } from 'd3';
import type { Recovery, Run } from '../../engine/index';

export interface JobIndex {
  /** Completed checkpoints, ascending, with each partition's next offset to read in them. */
  checkpointTimes: Float64Array;
  checkpointOffsets: readonly (readonly number[])[];
  recoveries: readonly Recovery[];
  /** Per recovery, per partition: the offset the job had read up to when it went down. */
  readTo: number[][];
  /** Records the job read again after a restart (second passes), by read time. */
  rereadTimes: Float64Array;
  rereadRows: Int32Array;
  /** Per re-read: which recovery it belongs to (the last restart at or before it). */
  rereadRecovery: Int32Array;
}

export const EMPTY_JOB: JobIndex = {
  checkpointTimes: new Float64Array(0),
  checkpointOffsets: [],
  recoveries: [],
  readTo: [],
  rereadTimes: new Float64Array(0),
  rereadRows: new Int32Array(0),
  rereadRecovery: new Int32Array(0),
};

/** Per run, once: the pipeline and the event-time chart both read it. */
const prepared = new WeakMap<Run, JobIndex>();

export function prepareJob(run: Run): JobIndex {
  let index = prepared.get(run);
  if (!index) prepared.set(run, (index = indexJob(run)));
  return index;
}

function indexJob(run: Run): JobIndex {
  const job = run.jobs.streaming;
  const checkpointTimes = Float64Array.from(job.checkpoints.time);
  if (job.recoveries.length === 0) return { ...EMPTY_JOB, checkpointTimes, checkpointOffsets: job.checkpoints.offsets };
  const d = job.deliveries;
  const n = d.length;
  const item = d.item.data;
  const time = d.time.data;
  const partition = d.partition.data;
  const redelivery = d.redelivery.data;
  const offset = run.log.records.offset;
  const P = run.log.partitions.length;
  const recoveries = job.recoveries;
  const readTo = recoveries.map(() => new Array<number>(P).fill(0));
  const position = new Array<number>(P).fill(0);
  const times: number[] = [];
  const rows: number[] = [];
  const owners: number[] = [];
  let next = 0; // the next recovery whose failure is still ahead
  for (let i = 0; i < n; i++) {
    // Reads are in time order: every failure before this read closes the stretch it ended.
    while (next < recoveries.length && recoveries[next].at <= time[i]) {
      readTo[next] = position.slice();
      next++;
    }
    const row = item[i];
    if (row < 0) continue; // a transaction marker, not a record
    position[partition[i]] = offset[row] + 1;
    if (redelivery[i] !== 0 && next > 0) {
      times.push(time[i]);
      rows.push(row);
      owners.push(next - 1);
    }
  }
  for (; next < recoveries.length; next++) readTo[next] = position.slice();
  return {
    checkpointTimes,
    checkpointOffsets: job.checkpoints.offsets,
    recoveries,
    readTo,
    rereadTimes: Float64Array.from(times),
    rereadRows: Int32Array.from(rows),
    rereadRecovery: Int32Array.from(owners),
  };
}

export interface JobAt {
  /** down: between a failure and its restart. */
  down: boolean;
  /** The recovery in progress or the latest one before t (null before any). */
  recovery: Recovery | null;
  /** Its index in JobIndex.recoveries (-1 with none). */
  recoveryIndex: number;
  /** The last checkpoint completed at or before t. */
  checkpoint: { time: number; offsets: readonly number[] } | null;
  /** Re-reads of the latest recovery done by t, and its re-reads in all. */
  reread: number;
  rereadTotal: number;
  /** The time of the latest recovery's last re-read (-Infinity with none). */
  lastRereadAt: number;
  /** Whether the figure tells the latest recovery's story: down, or just back and reading again. */
  restoring: boolean;
}

/**
 * How long after a restart (or its last re-read) the figure keeps the restore on show, in
 * virtual ms: a backlog is often read at the restart's very millisecond, so without this the
 * restore point would flash by in one frame.
 */
export const RESTORE_SHOWN_FOR = 3000;

export function jobAt(job: JobIndex, t: number): JobAt {
  const c = bisectRight(job.checkpointTimes, t) - 1;
  const checkpoint = c >= 0 ? { time: job.checkpointTimes[c], offsets: job.checkpointOffsets[c] } : null;
  let k = -1;
  for (let i = 0; i < job.recoveries.length && job.recoveries[i].at <= t; i++) k = i;
  const recovery = k >= 0 ? job.recoveries[k] : null;
  let reread = 0;
  let rereadTotal = 0;
  let lastRereadAt = -Infinity;
  if (k >= 0) {
    // Re-reads are grouped by recovery in time order, so each recovery's are one run of indexes.
    const from = bisectLeft(job.rereadRecovery, k);
    const to = bisectLeft(job.rereadRecovery, k + 1);
    rereadTotal = to - from;
    reread = bisectRight(job.rereadTimes, t, from, to) - from;
    if (to > from) lastRereadAt = job.rereadTimes[to - 1];
  }
  const down = recovery !== null && t < recovery.restartAt;
  const restoring = recovery !== null && (down || t < Math.max(recovery.restartAt, lastRereadAt) + RESTORE_SHOWN_FOR);
  return { down, recovery, recoveryIndex: k, checkpoint, reread, rereadTotal, lastRereadAt, restoring };
}

/** What a restart started from, in a few words: "checkpoint @ 20 s", "empty state". */
export function restoredText(r: Pick<Recovery, 'restoredFrom' | 'restoredTo'>, fmt: (ms: number) => string): string {
  const at = r.restoredTo !== null ? ` @ ${fmt(r.restoredTo)}` : '';
  switch (r.restoredFrom) {
    case 'checkpoint':
    case 'commit':
    case 'batch':
      return `${r.restoredFrom}${at}`;
    case 'kept':
      return 'store kept';
    case 'empty':
      return 'empty state';
  }
}

/**
 * The processor's status in two short parts that fit its box: a headline (down; restarted from
 * what) and a detail (when it restarts; how much it read again; or the last checkpoint).
 */
export function jobStatus(at: JobAt, fmt: (ms: number) => string): { head: string; detail: string } {
  const r = at.recovery;
  if (r && at.down) return { head: '✕ job down', detail: `restarts ${fmt(r.restartAt)}` };
  if (r && at.restoring) {
    const detail = at.reread < at.rereadTotal ? `re-reading ${at.reread} of ${at.rereadTotal}` : `re-read ${at.rereadTotal}`;
    return { head: `↺ ${r.kind === 'replay' ? 'replay, ' : ''}${restoredText(r, fmt)}`, detail };
  }
  return { head: '', detail: at.checkpoint ? `checkpoint @ ${fmt(at.checkpoint.time)}` : '' };
}

/** The status as one sentence, for the figure's text summary. */
export function jobStatusText(at: JobAt, fmt: (ms: number) => string): string {
  const r = at.recovery;
  if (r && at.down) return `down since ${fmt(r.at)}, restarts at ${fmt(r.restartAt)}`;
  if (r && at.restoring) {
    const how = r.kind === 'replay' ? 'replayed' : 'restarted';
    return `${how} at ${fmt(r.restartAt)} from ${restoredText(r, fmt)}, read ${at.reread} of ${at.rereadTotal} records again`;
  }
  return at.checkpoint ? `last checkpoint at ${fmt(at.checkpoint.time)}` : '';
}
