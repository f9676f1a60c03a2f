/**
 * One simulation run: producers and the broker run once, the consumer group reads the log,
 * and the three modes process the same reads. `advanceTo(t)` moves virtual time forward;
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
import { Subject } from 'rxjs';
import { buildTopicLog, type TopicLog } from '../broker/topic-log';
import { simulateGroup, type GroupRun } from '../broker/consumer-group';
import { produceAll } from '../producers/index';
import type { Scenario } from '../scenario/schema';
import { VirtualClock } from '../time/virtual-clock';
import { runBatch } from '../modes/batch';
import { MicroBatchMode } from '../modes/micro-batch';
import { rankKeys, type ModeContext } from '../modes/mode-context';
import type { ModeName, ModeOutput } from '../modes/mode-output';
import { streamingProcessor, type StreamProcessor } from '../modes/streaming-profiles';
import { FLAG } from '../producers/produced';

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
  readonly group: GroupRun;
  /** Processing time when the group has read everything it will read. */
  readonly inputEndTime: number;
  /** Processing time when every mode has finished (the last micro-batch). */
  readonly endTime: number;
  readonly counters: RunCounters;
  readonly modes: { streaming: ModeOutput; microbatch: ModeOutput; batch: ModeOutput | null };
  /** Per record: when the group first read it (NaN: never) and which member read it. */
  readonly reads: { firstReadAt: Float64Array; firstReadBy: Int32Array };
}

/** A run being computed: the finished parts plus the processors and the clock that move it on. */
export interface LiveRun extends Run {
  /** The streaming mode, under the scenario's semantics profile. */
  readonly streaming: StreamProcessor;
  readonly microbatch: MicroBatchMode;
  /** Current virtual processing time. */
  now(): number;
  /** Moves virtual time forward to `t` (clamped to the end); never backwards. */
  advanceTo(t: number): void;
  /** Emits the processing time after each advance. */
  readonly time$: Subject<number>;
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
  const streamingOn = enabled('streaming');
  const microbatchOn = enabled('microbatch');
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
  const deliveries = group.deliveries;
  const inputEndTime = group.endTime;

  const clock = new VirtualClock();
  const ctx: ModeContext = {
    scenario,
    log,
    deliveries,
    clock,
    endTime: inputEndTime,
    keyRank: rankKeys(log.keys),
    schemaVersions: production.schemaVersions,
  };
  const streaming = streamingProcessor(ctx);
  const microbatch = new MicroBatchMode(ctx);
  const interval = scenario.microBatch.interval;
  // The run ends after the last micro-batch and after the streaming job's last periodic
  // watermark tick (the first at or after the input's end), so neither mode's output
  // depends on the other's schedule.
  const wm = scenario.processor.watermark;
  const wmInterval = wm.type === 'boundedOutOfOrderness' ? wm.interval : 0;
  const lastTick = wmInterval > 0 ? Math.ceil(inputEndTime / wmInterval) * wmInterval : inputEndTime;
  const endTime = Math.max((Math.floor(inputEndTime / interval) + 1) * interval, lastTick);
  const modes: LiveRun['modes'] = { streaming: streaming.out, microbatch: microbatch.out, batch: null };

  let cursor = 0;
  let streamingDone = false;
  const time$ = new Subject<number>();

  const advanceTo = (target: number) => {
    if (target < clock.now()) throw new RangeError(`the run is at ${clock.now()} and cannot go back to ${target}; start a new run`);
    const t = Math.min(target, endTime);
    const n = deliveries.length;
    const times = deliveries.time.data;
    for (;;) {
      const nextRead = cursor < n ? times[cursor] : Infinity;
      const nextTimer = clock.peekTime();
      // At equal times: timers, then reads, then the end of input.
      if (!streamingDone && inputEndTime <= t && inputEndTime < Math.min(nextRead, nextTimer)) {
        clock.advanceTo(inputEndTime);
        if (streamingOn) streaming.finish();
        if (enabled('batch')) modes.batch = runBatch(ctx, inputEndTime);
        streamingDone = true;
        continue;
      }
      if (Math.min(nextRead, nextTimer) > t) break;
      if (nextTimer <= nextRead) {
        clock.runNext();
      } else {
        clock.advanceTo(nextRead);
        if (streamingOn) streaming.deliver(cursor);
        if (microbatchOn) microbatch.deliver(cursor);
        cursor++;
      }
    }
    clock.advanceTo(Math.max(clock.now(), t));
    time$.next(clock.now());
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
    streaming,
    microbatch,
    time$,
    now: () => clock.now(),
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
