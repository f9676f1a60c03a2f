/**
 * A record's way through the job's failures, for the inspector: a short timeline of steps
 * ("read at 1.200 s", "job failed at 1.450 s, restored the checkpoint of 1.000 s, which did not
 * hold it", "read again at 1.500 s", "counted once (…)"). Words only: every fact comes from the
 * engine's recordStory, the job's recoveries and the mode's fates; nothing is recomputed.
 */
import { FATE, recordStory, type Recovery, type RecoveryPolicy, type Run } from '../../engine/index';
import { formatTime } from '../format';

export type JobModeName = 'streaming' | 'microbatch';

/** One step of the timeline: when it happened (NaN for the closing verdict) and its words. */
export interface StoryStep {
  time: number;
  text: string;
}

/**
 * Events at one instant in the order the job takes them: reads, then the checkpoint, then the
 * failure; a re-read at the very instant of a restart that took no time (a replay) comes after it.
 */
const ORDER = { read: 0, checkpoint: 1, recovery: 2, readAfterRestart: 3 } as const;

const START_WORDS = { committed: "the group's committed offsets", earliest: 'the earliest offsets', latest: 'the latest offsets' } as const;

/** Whether the restarted job read on from past the record (so it did not read it again after this restart). */
const pastIt = (rec: Recovery, partition: number, offset: number): boolean => (rec.offsets[partition] ?? 0) > offset;

/**
 * "job failed at 27 s, restored the checkpoint of 20 s, which did not hold it", per restore kind.
 * A durable point's positions and state go together, so reading on from past the record means
 * its state held it. Kept or empty state says nothing of the record: the steps after it do.
 */
function recoveryWords(rec: Recovery, policy: RecoveryPolicy, past: boolean): string {
  const to = rec.restoredTo === null ? '' : ` of ${formatTime(rec.restoredTo)}`;
  if (rec.kind === 'replay' && rec.restoredFrom === 'empty') return `replayed at ${formatTime(rec.at)}: a new job with empty state`;
  const head = rec.kind === 'crash' ? `job failed at ${formatTime(rec.at)}` : `replayed at ${formatTime(rec.at)}`;
  switch (rec.restoredFrom) {
    case 'checkpoint':
      return `${head}, restored the checkpoint${to}, which ${past ? 'held' : 'did not hold'} it`;
    case 'commit':
      return `${head}, rolled back to the commit${to}, which ${past ? 'held' : 'did not hold'} it`;
    case 'batch':
      return `${head}, restarted from the batch${to}, which ${past ? 'had' : 'had not'} read it`;
    case 'kept':
      return `${head}, kept its store as the failure left it`;
    case 'empty':
      return `${head}, restarted with empty state${policy.kind === 'fresh' ? ` from ${START_WORDS[policy.startFrom]}` : ''}`;
  }
}

/** Why a re-read counted once: what the restore before it did not hold. */
function onceBecause(rec: Recovery | undefined): string {
  switch (rec?.restoredFrom) {
    case 'checkpoint':
    case 'commit':
      return ' (the restored state did not hold it)';
    case 'batch':
      return ' (the state of that batch did not hold it)';
    case 'empty':
      return ' (the new state was empty)';
    default:
      return '';
  }
}

/**
 * The record's timeline in the job of `mode`, or null when that job never failed or replayed.
 * Steps are in time order; the last one, when there is one to state, is the verdict (counted
 * once or twice) with the reason the engine's data gives.
 */
export function storyAcrossFailures(run: Run, mode: JobModeName, row: number): StoryStep[] | null {
  const job = run.jobs[mode];
  if (job.recoveries.length === 0) return null;
  const story = recordStory(run, mode, row);
  if (story.reads.length === 0) return [{ time: NaN, text: 'never read by this job' }];

  const partition = run.log.records.partition[row];
  const offset = run.log.records.offset[row];
  const restartsAt = new Set(job.recoveries.filter((rec) => rec.restartAt === rec.at).map((rec) => rec.at));
  const events: { time: number; order: number; text: string }[] = story.reads.map((r) => ({
    time: r.time,
    order: r.again && restartsAt.has(r.time) ? ORDER.readAfterRestart : ORDER.read,
    text: `${r.again ? 'read again' : 'read'} at ${formatTime(r.time)}`,
  }));
  const first = events[0];
  // Failures before the record was first read are not part of its story.
  const recoveries = job.recoveries.filter((rec) => rec.at > first.time || (rec.at === first.time && ORDER.recovery > first.order));
  if (story.checkpointedAt !== null) events.push({ time: story.checkpointedAt, order: ORDER.checkpoint, text: `held by the checkpoint at ${formatTime(story.checkpointedAt)}` });
  for (const rec of recoveries) events.push({ time: rec.at, order: ORDER.recovery, text: recoveryWords(rec, job.policy, pastIt(rec, partition, offset)) });
  events.sort((a, b) => a.time - b.time || a.order - b.order);

  const steps: StoryStep[] = events.map(({ time, text }) => ({ time, text }));
  const verdict = verdictWords(run, mode, row, story.countedTwice, story.reads, recoveries);
  if (verdict) steps.push({ time: NaN, text: verdict });
  return steps;
}

/** The last element matching `test` (Array.prototype.findLast is ES2023). */
function lastOf<T>(list: readonly T[], test: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return list[i];
  return undefined;
}

/** Counted once or twice, and why, as far as the engine's data says; null when the record was not counted. */
function verdictWords(run: Run, mode: JobModeName, row: number, countedTwice: boolean, reads: { time: number; again: boolean }[], recoveries: Recovery[]): string | null {
  if (countedTwice) {
    return run.jobs[mode].policy.kind === 'changelog' ? 'counted twice (the store still held it: Kafka Streams at-least-once)' : 'counted twice (the state still held it)';
  }
  // A record dropped (late, duplicate, malformed) or never processed: its fate above says why.
  if (run.modes[mode].fate[row] !== FATE.COUNTED) return null;
  const lastReread = lastOf(reads, (r) => r.again);
  // A re-read counted once: the restore it came after (the last failure at or before it) did not hold the record.
  if (lastReread) return `counted once${onceBecause(lastOf(recoveries, (rec) => rec.at <= lastReread.time))}`;
  const last = recoveries[recoveries.length - 1];
  if (!last) return 'counted once (read after the last restart)';
  // Read once and not again: a durable point or a kept store that read on past it still held it
  // (the step says so); empty state past it does not.
  const r = run.log.records;
  if (last.restoredFrom === 'empty' && pastIt(last, r.partition[row], r.offset[row])) {
    return `not read again: the ${last.kind === 'replay' ? 'new' : 'restarted'} job's state does not hold it`;
  }
  return 'counted once';
}
