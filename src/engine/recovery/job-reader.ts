/**
 * What a processing job reads, failures included. A job's reads differ from the plain consumer
 * group's: a crash fails the whole job, and where the job reads from after a restart depends on
 * how its engine recovers (policy.ts). Reads never depend on what the job computes, so they are
 * worked out up front, like the group's, with the restore point of every restart.
 *
 * An epoch is one stretch of the job between two (re)starts. Each starts from an origin: empty
 * state at some positions, a durable point (checkpoint, commit, batch) of an earlier epoch, or
 * (Kafka Streams at-least-once) the state as the failure left it.
 */
import { simulateGroup, firstAtOrAfter, type GroupRun, type JobRestart } from '../broker/consumer-group';
import type { Deliveries } from '../broker/deliveries';
import type { TopicLog } from '../broker/topic-log';
import type { Scenario } from '../scenario/schema';
import { durableEvery, lastTickIn, type RecoveryPolicy, type StartFrom } from './policy';

/**
 * Where a restarted job's state comes from.
 * - empty: nothing (a job without checkpoints, or a new job for a replay);
 * - durable: the state at a durable point `time` of epoch `epoch`. `phase` says which of the
 *   events at that very time it holds: all of them (a checkpoint or commit), the timers but not
 *   the reads (a Spark batch's commit), or none (a Spark batch that the failure interrupted);
 * - kept: the state as it was at the failure (Kafka Streams at-least-once: the changelog has it all).
 */
export type StateOrigin =
  | { kind: 'empty' }
  | { kind: 'durable'; epoch: number; time: number; phase: 'all' | 'timers' | 'none' }
  | { kind: 'kept' };

export interface Epoch {
  /** When this stretch of the job started (0 for the first). */
  start: number;
  /** Index of its first read in the job's deliveries. */
  firstDelivery: number;
  /** What ended it (null: it runs to the end). */
  end: { kind: JobRestart['kind']; at: number } | null;
  origin: StateOrigin;
  /** Entry positions (per partition) it started reading from. */
  positions: Int32Array;
}

export interface JobReads {
  group: GroupRun;
  epochs: Epoch[];
}

export function readForJob(log: TopicLog, scenario: Scenario, policy: RecoveryPolicy, horizon: number): JobReads {
  const P = log.partitions.length;
  const epochs: Epoch[] = [{ start: 0, firstDelivery: 0, end: null, origin: { kind: 'empty' }, positions: new Int32Array(P) }];
  const every = durableEvery(policy);

  /** Entry positions after the reads of `epoch` up to `time` (inclusive: reads at `time` too). */
  const positionsAt = (deliveries: Deliveries, e: number, time: number, inclusive: boolean): Int32Array => {
    const epoch = epochs[e];
    const out = epoch.positions.slice();
    const to = e + 1 < epochs.length ? epochs[e + 1].firstDelivery : deliveries.length;
    const t = deliveries.time.data;
    for (let i = epoch.firstDelivery; i < to; i++) {
      if (inclusive ? t[i] > time : t[i] >= time) break;
      const p = deliveries.partition.data[i];
      out[p] = Math.max(out[p], deliveries.entry.data[i] + 1);
    }
    return out;
  };

  /** Positions a job without restored state starts from (Flink's KafkaSource offsets initializer). */
  const startPositions = (from: StartFrom, restartAt: number, committed: Int32Array): Int32Array => {
    if (from === 'committed') return committed.slice();
    if (from === 'earliest') return new Int32Array(P);
    // latest: the end of each partition's log at the restart (what was appended before it is skipped)
    return Int32Array.from(log.partitions, (part) => firstAtOrAfter(part.entryTime, restartAt + Number.MIN_VALUE));
  };

  /** Entry positions for a replay's explicit offset or timestamp; other partitions keep theirs. */
  const replayPositions = (index: number, current: Int32Array): Int32Array => {
    const r = scenario.consumers.replays[index];
    const out = current.slice();
    for (let p = 0; p < P; p++) {
      if (r.partition !== undefined && r.partition !== p) continue;
      const part = log.partitions[p];
      if (r.offset !== undefined) out[p] = r.offset < part.records ? part.entryOfOffset[r.offset] : part.entries.length;
      else out[p] = firstAtOrAfter(part.entryTime, r.timestamp ?? 0);
    }
    return out;
  };

  /** The restore point of a failure at `failAt` in the current epoch. */
  const restorePoint = (deliveries: Deliveries, failAt: number, restartAt: number, committed: Int32Array): { origin: StateOrigin; positions: Int32Array } => {
    const e = epochs.length - 1;
    const epoch = epochs[e];
    switch (policy.kind) {
      case 'fresh':
        return { origin: { kind: 'empty' }, positions: startPositions(policy.startFrom, restartAt, committed) };
      case 'checkpoint':
      case 'changelog': {
        // A checkpoint or commit at the failure's own time completes before it.
        const c = lastTickIn(every, epoch.start, failAt);
        const kept = policy.kind === 'changelog' && !policy.transactional;
        if (!Number.isNaN(c)) {
          return { origin: kept ? { kind: 'kept' } : { kind: 'durable', epoch: e, time: c, phase: 'all' }, positions: positionsAt(deliveries, e, c, true) };
        }
        if (kept) return { origin: { kind: 'kept' }, positions: epoch.positions.slice() };
        // Nothing durable since this epoch began: back to where it began.
        if (epoch.origin.kind === 'empty' && policy.kind === 'checkpoint' && e === 0) {
          return { origin: { kind: 'empty' }, positions: policy.startFrom === 'latest' ? startPositions('latest', restartAt, committed) : new Int32Array(P) };
        }
        return { origin: epoch.origin, positions: epoch.positions.slice() };
      }
      case 'batches': {
        // Batches run on multiples of the interval, and a restarted query runs one at once.
        let t = lastTickIn(every, epoch.start, failAt);
        if (e > 0 && (Number.isNaN(t) || t < epoch.start)) t = epoch.start;
        if (Number.isNaN(t)) return { origin: epoch.origin, positions: epoch.positions.slice() };
        // A failure at a batch's own time interrupts it between its sink write and its commit.
        return { origin: { kind: 'durable', epoch: e, time: t, phase: t === failAt ? 'none' : 'timers' }, positions: positionsAt(deliveries, e, t, false) };
      }
    }
  };

  const group = simulateGroup(log, scenario.consumers, horizon, {
    restart(restart, deliveries, committed) {
      const current = epochs[epochs.length - 1];
      current.end = { kind: restart.kind, at: restart.failAt };
      let next: { origin: StateOrigin; positions: Int32Array };
      if (restart.kind === 'replay' && restart.replay !== undefined && scenario.consumers.replays[restart.replay].state === 'empty') {
        const stopped = positionsAt(deliveries, epochs.length - 1, restart.failAt, true);
        next = { origin: { kind: 'empty' }, positions: replayPositions(restart.replay, stopped) };
      } else {
        next = restorePoint(deliveries, restart.failAt, restart.restartAt, committed);
      }
      epochs.push({ start: restart.restartAt, firstDelivery: deliveries.length, end: null, origin: next.origin, positions: next.positions });
      return next.positions;
    },
  });
  return { group, epochs };
}
