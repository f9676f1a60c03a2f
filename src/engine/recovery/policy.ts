/**
 * How a job recovers, per engine (docs/semantics.md, "Failures and recovery"). The policy is
 * data: the job reader uses it to pick the positions a restarted job reads from, the job uses it
 * to pick the state it restarts with and when its output becomes visible.
 *
 * - checkpoint (flink, beam on the Flink runner, with processor.checkpoint): state, timers, the
 *   watermark and every read position come back together from the last completed checkpoint.
 * - fresh (flink, beam without checkpoints): empty state, positions from processor.startFrom.
 * - changelog (kafka-streams): input from the last commit; at-least-once keeps every state update
 *   (the changelog has them all, cache off), exactly-once rolls state back to the last commit.
 * - batches (Spark): state of the last committed batch; an interrupted batch runs again.
 */
import type { Scenario } from '../scenario/schema';

export type StartFrom = 'committed' | 'earliest' | 'latest';

export type RecoveryPolicy =
  | { kind: 'checkpoint'; interval: number; startFrom: StartFrom; transactional: boolean }
  | { kind: 'fresh'; startFrom: StartFrom; commitInterval: number }
  | { kind: 'changelog'; commitInterval: number; transactional: boolean }
  | { kind: 'batches'; interval: number; transactional: boolean };

/** The streaming mode follows the scenario's profile; the micro-batch mode is always Spark. */
export function recoveryPolicy(scenario: Scenario, mode: 'streaming' | 'microbatch'): RecoveryPolicy {
  const p = scenario.processor;
  const transactional = p.guarantee === 'exactlyOnce';
  const profile = mode === 'microbatch' ? 'spark' : p.semantics;
  switch (profile) {
    case 'flink':
    case 'beam':
      if (p.checkpoint) return { kind: 'checkpoint', interval: p.checkpoint.interval, startFrom: p.startFrom, transactional };
      return { kind: 'fresh', startFrom: p.startFrom, commitInterval: scenario.consumers.commitInterval };
    case 'kafka-streams':
      return { kind: 'changelog', commitInterval: scenario.consumers.commitInterval, transactional };
    case 'spark':
      return { kind: 'batches', interval: scenario.microBatch.interval, transactional };
  }
}

/**
 * The moments a job's state and positions become durable together: checkpoints (flink), commits
 * (kafka-streams) or batch commits (Spark); none for a job without checkpoints.
 */
export function durableEvery(policy: RecoveryPolicy): number {
  switch (policy.kind) {
    case 'checkpoint':
      return policy.interval;
    case 'changelog':
      return policy.commitInterval;
    case 'batches':
      return policy.interval;
    case 'fresh':
      return 0;
  }
}

/** Largest multiple of `every` (at least `every`) in [from, to], or NaN when there is none. */
export function lastTickIn(every: number, from: number, to: number): number {
  if (!(every > 0) || to < from) return NaN;
  const t = Math.floor(to / every) * every;
  return t >= from && t >= every ? t : NaN;
}

/** Smallest multiple of `every` (at least `every`) at or after `t`. */
export function nextTickAtOrAfter(every: number, t: number): number {
  return Math.max(every, Math.ceil(t / every) * every);
}
