/**
 * One simulation run: producers and the broker run once, the consumer group reads the log,
 * and the three modes process the log: batch all at once, the streaming and micro-batch jobs as
 * they read it (each with its own reads when failures make them differ, see recovery/). `advanceTo(t)` moves virtual time forward;
 * the CLI calls it once with the end, the UI from its animation loop, tests with exact times.
 *
 * Producers and the group do not depend on what the processors do, so they are computed
 * up front (which also gives the UI the whole log to draw); the processors advance
 * incrementally, so their state at any time can be inspected.
 *
 * @example
 * const run = createRun(scenario);
 * run.advanceTo(run.endTime);
 * run.modes.streaming.results; // every firing, in emission order
 */
import { buildTopicLog, type TopicLog } from '../broker/topic-log';
import { simulateGroup, type GroupRun } from '../broker/consumer-group';
import { produceAll } from '../producers/index';
import type { Scenario } from '../scenario/schema';
import { runBatch } from '../modes/batch';
import { rankKeys, type ModeBase } from '../modes/mode-context';
import type { ModeName, ModeOutput } from '../modes/mode-output';
import { FLAG } from '../producers/produced';
import { createJob, jobTrace, type JobTrace } from './jobs';
import type { Job } from '../recovery/job';

export interface RunCounters {
  /** Records sent by producers (a retry that duplicates an event is a record of its own). */
  produced: number;
  appended: number;
  /** Distinct records the consumer group read at least once. */
  consumed: number;
  /** Reads of records read before (after a crash or a seek). */
  redelivered: number;
  duplicatesSent: number;
  malformedSent: number;
  lateSent: number;
  bufferedByOutage: number;
  markers: number;
}

/**
 * A run as the UI and reports read it, once finished: plain data and the modes' outputs.
 * A worker can send it to the page (see run-data.ts).
 */
export interface Run {
  readonly scenario: Scenario;
  readonly log: TopicLog;
  /** The plain consumer group: what a Kafka consumer application sees (members, commits, lag). */
  readonly group: GroupRun;
  /** The streaming and micro-batch jobs' reads, failures, restores and checkpoints. */
  readonly jobs: { streaming: JobTrace; microbatch: JobTrace };
  /** Processing time when the group has read everything it will read. */
  readonly inputEndTime: number;
  /** Processing time when every mode has finished (the last micro-batch). */
  readonly endTime: number;
  readonly counters: RunCounters;
  readonly modes: { streaming: ModeOutput; microbatch: ModeOutput; batch: ModeOutput | null };
  /** Per record: when the group first read it (NaN: never) and which member read it. */
  readonly reads: { firstReadAt: Float64Array; firstReadBy: Int32Array };
}

/** A run being computed: the finished parts plus the jobs that move it on. */
export interface LiveRun extends Run {
  /** Current virtual processing time. */
  now(): number;
  /** Moves virtual time forward to `t` (clamped to the end); never backwards. */
  advanceTo(t: number): void;
}

/** The steps `createRun` does up front, before the processors advance. */
export type RunPhase = 'producing' | 'appending' | 'reading';

export interface RunOptions {
  /**
   * Process only these modes (the others stay empty). For benchmarks that time one mode;
   * the UI and the CLI always run all three.
   */
  only?: readonly ModeName[];
  /** Called before each step done up front (a worker reports progress with it). */
  onPhase?: (phase: RunPhase) => void;
}

export function createRun(scenario: Scenario, options: RunOptions = {}): LiveRun {
  const enabled = (mode: ModeName) => !options.only || options.only.includes(mode);
  options.onPhase?.('producing');
  const production = produceAll(scenario);
  options.onPhase?.('appending');
  const log = buildTopicLog(production.produced, scenario.topic.partitions, production.producerIds);

  // The group works at least until the input ends and every scheduled group change is done.
  const c = scenario.consumers;
  const horizon = Math.max(
    production.inputEnd,
    ...c.crashes.map((x) => x.at + x.downtime),
    ...c.joins.map((x) => x.at),
    ...c.leaves.map((x) => x.at),
    ...c.replays.map((x) => x.at),
  );
  options.onPhase?.('reading');
  const group = simulateGroup(log, c, horizon);
  const inputEndTime = group.endTime;

  const base: ModeBase = {
    scenario,
    log,
    keyRank: rankKeys(log.keys),
    schemaVersions: production.schemaVersions,
  };
  const streaming = createJob('streaming', base, group, horizon);
  const microbatch = createJob('microbatch', base, group, horizon);
  // The run ends once each job's last timer has fired (the modes say when: the last micro-batch,
  // the last periodic watermark tick), so neither mode's output depends on the other's schedule.
  const endTime = Math.max(microbatch.lastTimerAt(), streaming.lastTimerAt(), inputEndTime);
  const modes: LiveRun['modes'] = { streaming: streaming.out, microbatch: microbatch.out, batch: null };
  const live: [Job, boolean][] = [
    [streaming, enabled('streaming')],
    [microbatch, enabled('microbatch')],
  ];

  let now = 0;
  let closed = false;
  const advanceTo = (target: number) => {
    if (target < now) throw new RangeError(`the run is at ${now} and cannot go back to ${target}; start a new run`);
    const t = Math.min(target, endTime);
    for (const [job, on] of live) if (on) job.advanceTo(t);
    if (!modes.batch && enabled('batch') && t >= inputEndTime) {
      modes.batch = runBatch(base, inputEndTime);
    }
    if (t >= endTime && !closed) {
      closed = true;
      for (const [job, on] of live) if (on) job.close(endTime);
    }
    now = t;
  };
  const r = log.records;
  let duplicatesSent = 0;
  let malformedSent = 0;
  let lateSent = 0;
  let buffered = 0;
  for (let i = 0; i < r.length; i++) {
    const f = r.flags[i];
    if (f & FLAG.DUPLICATE) duplicatesSent++;
    if (f & FLAG.MALFORMED) malformedSent++;
    if (f & FLAG.LATE) lateSent++;
    if (f & FLAG.BUFFERED) buffered++;
  }
  let consumed = 0;
  let redelivered = 0;
  const deliveries = group.deliveries;
  const firstReadAt = new Float64Array(r.length).fill(NaN);
  const firstReadBy = new Int32Array(r.length).fill(-1);
  for (let i = 0; i < deliveries.length; i++) {
    const row = deliveries.item.data[i];
    if (row < 0) continue;
    if (deliveries.redelivery.data[i] === 0) {
      consumed++;
      firstReadAt[row] = deliveries.time.data[i];
      firstReadBy[row] = deliveries.member.data[i];
    } else redelivered++;
  }

  return {
    scenario,
    log,
    group,
    inputEndTime,
    endTime,
    modes,
    jobs: { streaming: jobTrace(streaming), microbatch: jobTrace(microbatch) },
    now: () => now,
    advanceTo,
    reads: { firstReadAt, firstReadBy },
    counters: {
      produced: r.length,
      appended: r.length,
      consumed,
      redelivered,
      duplicatesSent,
      malformedSent,
      lateSent,
      bufferedByOutage: buffered,
      markers: production.produced.markers.length,
    },
  };
}
