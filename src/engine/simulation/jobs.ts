/**
 * The streaming and micro-batch jobs of a run: each reads the log with its own reader when
 * failures or replays make its reads differ from the plain consumer group's, and recovers by its
 * engine's rules (recovery/).
 */
import type { Deliveries } from '../broker/deliveries';
import type { GroupRun } from '../broker/consumer-group';
import { MicroBatchMode } from '../modes/micro-batch';
import type { ModeBase } from '../modes/mode-context';
import { streamingProcessor } from '../modes/streaming-profiles';
import { readForJob, type JobReads } from '../recovery/job-reader';
import { Job, type Recovery } from '../recovery/job';
import { recoveryPolicy, type RecoveryPolicy } from '../recovery/policy';
import type { InstanceFactory } from '../recovery/restore';

/** What the page and the reports read of a job. */
export interface JobTrace {
  policy: RecoveryPolicy;
  /** When the job's input ended (it read everything it will read). */
  inputEndTime: number;
  /** The job's reads: the group's own when nothing failed or was replayed. */
  deliveries: Deliveries;
  /** Every failure or replay, in time order, with its restore point and its cost. */
  recoveries: Recovery[];
  /** Completed checkpoints (flink and beam with checkpoints): times and per-partition offsets. */
  checkpoints: { time: number[]; offsets: number[][] };
}

export function createJob(mode: 'streaming' | 'microbatch', base: ModeBase, group: GroupRun, horizon: number): Job {
  const { scenario, log } = base;
  const policy = recoveryPolicy(scenario, mode);
  const c = scenario.consumers;
  const failures = c.crashes.length > 0 || c.replays.length > 0;
  const reads: JobReads = failures
    ? readForJob(log, scenario, policy, horizon)
    : { group, epochs: [{ start: 0, firstDelivery: 0, end: null, origin: { kind: 'empty' }, positions: new Int32Array(log.partitions.length) }] };
  const ctx = { ...base, deliveries: reads.group.deliveries, endTime: reads.group.endTime };
  const create: InstanceFactory =
    mode === 'streaming'
      ? (clock) => ({ mode: streamingProcessor({ ...ctx, clock }), clock })
      : (clock) => ({ mode: new MicroBatchMode({ ...ctx, clock }), clock });
  return new Job(reads, policy, log, reads.group.endTime, create);
}

export function jobTrace(job: Job): JobTrace {
  return { policy: job.policy, inputEndTime: job.inputEndTime, deliveries: job.reads.group.deliveries, recoveries: job.recoveries, checkpoints: job.checkpoints };
}
