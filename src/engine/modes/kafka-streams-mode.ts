/**
 * The streaming mode under Kafka Streams' rules (semantics "kafka-streams"): records go
 * through the same gate (malformed payloads, dedup, re-reads) as in every mode, then into a
 * stream-time aggregation (semantics/kafka-streams.ts). There is no watermark; the chart's
 * line is the stream time, the largest over the partitions.
 */
import { KafkaStreamsAggregator, type KafkaStreamsWindows } from '../semantics/kafka-streams';
import { aggregateFor, gateOptions, type ModeContext } from './mode-context';
import { ModeOutput } from './mode-output';
import { RecordGate } from './record-gate';
import type { JobMode } from './job-mode';
import { ReadPath, type ModeRule } from './read-path';
import type { Window } from '../windows/window';
import { ruleIndex, VERDICT } from '../decisions/decision-log';

const LATENESS = ruleIndex('lateness.kafka-streams');

export class KafkaStreamsMode implements JobMode, ModeRule {
  /** Where results go; a job restored after a failure is attached to the run's output. */
  out: ModeOutput;
  private readonly path: ReadPath;
  private readonly aggregator: KafkaStreamsAggregator;
  private shownStreamTime = -Infinity;
  private finished = false;

  constructor(private readonly ctx: ModeContext) {
    const { scenario, log } = ctx;
    const p = scenario.processor;
    this.out = new ModeOutput('streaming', log);
    this.path = new ReadPath(log, new RecordGate(log, gateOptions(ctx)));
    const w = p.window;
    const windows: KafkaStreamsWindows =
      w.type === 'session' ? { type: 'session', gap: w.gap } : { type: 'hopping', size: w.size, advance: w.type === 'sliding' ? w.slide : w.size };
    this.aggregator = new KafkaStreamsAggregator({
      windows,
      aggregate: aggregateFor(ctx),
      grace: p.allowedLateness,
      suppress: p.suppress === 'untilWindowCloses',
      partitions: log.partitions.length,
      keyNames: log.keys,
      keyRank: ctx.keyRank,
      emit: (result) => this.out.emit(result),
    });
  }

  /** Handles the group's read number `i`. */
  deliver(i: number): void {
    this.path.read(this.ctx.deliveries, i, this.ctx.clock.now(), this.out, this);
  }

  /** Watermark markers mean nothing to Kafka Streams. */
  marker(): void {}

  /** Stream time moves only with records that pass the gate (in admit). */
  observe(): void {}

  admit(row: number, partition: number, now: number): number {
    const r = this.ctx.log.records;
    const agg = this.aggregator;
    const accepted = agg.record(partition, r.key[row], r.eventTime[row], r.value[row], r.type[row], now);
    this.noteStreamTime(agg.streamTime[partition], now);
    if (agg.droppedFrom.length > 0 || agg.lateAccepted.length > 0) this.recordLateness(row, partition, now);
    return accepted;
  }

  /** One decision per window the record was judged late for: dropped past grace, or kept within it. */
  private recordLateness(row: number, partition: number, now: number): void {
    const agg = this.aggregator;
    const decisions = this.out.decisions;
    const key = this.ctx.log.records.key[row];
    const streamTime = agg.streamTime[partition];
    const wait = agg.closeWait;
    const dropped = agg.droppedFrom;
    for (let k = 0; k < dropped.length; k++) {
      const w = dropped[k];
      decisions.record(now, VERDICT.LATE_DROPPED, LATENESS, row, key, w.start, w.end, streamTime, w.end + wait);
    }
    const kept = agg.lateAccepted;
    for (let k = 0; k < kept.length; k++) {
      const w = kept[k];
      decisions.record(now, VERDICT.LATE_ACCEPTED, LATENESS, row, key, w.start, w.end, streamTime, w.end + wait);
    }
  }

  settled(): void {}

  get lastWindowStart(): number {
    return this.aggregator.lastWindowStart;
  }

  /** Kafka Streams drops a late record once per window it missed. */
  get droppedFrom(): readonly Window[] {
    return this.aggregator.droppedFrom;
  }

  /** Nothing to redo on a restart: stream time and the store come back with the state. */
  resume(): void {}

  watermarkNow(): number {
    return this.shownStreamTime;
  }

  /** Kafka Streams has no timers here: stream time moves only with records (punctuators are not modelled). */
  lastTimerAt(inputEnd: number): number {
    return inputEnd;
  }

  /** End of input: with flushAtEnd every window closes, as if stream time jumped to +infinity. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.ctx.scenario.processor.flushAtEnd) return;
    this.aggregator.closeAll(this.ctx.clock.now());
    this.out.noteWatermark(this.ctx.clock.now(), Infinity);
  }

  private noteStreamTime(streamTime: number, now: number): void {
    if (streamTime <= this.shownStreamTime) return;
    this.shownStreamTime = streamTime;
    this.out.noteWatermark(now, streamTime);
  }
}
