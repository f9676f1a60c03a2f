/**
 * One record across the job's failures, for the inspector: every time the job read it, the first
 * checkpoint that held it, and whether a re-read counted it twice.
 */
import type { Run } from '../simulation/run';

export interface RecordStory {
  /** Every read of the record by the job, in time order; `again` for a re-read. */
  reads: { time: number; again: boolean }[];
  /** The first checkpoint whose positions are past the record (flink and beam with checkpoints), or null. */
  checkpointedAt: number | null;
  /** A re-read went into state that already held it. */
  countedTwice: boolean;
}

export function recordStory(run: Run, mode: 'streaming' | 'microbatch', row: number): RecordStory {
  const job = run.jobs[mode];
  const d = job.deliveries;
  const reads: RecordStory['reads'] = [];
  for (let i = 0; i < d.length; i++) if (d.item.data[i] === row) reads.push({ time: d.time.data[i], again: d.redelivery.data[i] !== 0 });
  const p = run.log.records.partition[row];
  const offset = run.log.records.offset[row];
  const cp = job.checkpoints;
  let checkpointedAt: number | null = null;
  for (let k = 0; k < cp.time.length; k++) {
    if (cp.offsets[k][p] > offset) {
      checkpointedAt = cp.time[k];
      break;
    }
  }
  return { reads, checkpointedAt, countedTwice: run.modes[mode].countedTwice[row] === 1 };
}
