/**
 * The streaming mode under Kafka Streams' rules (semantics "kafka-streams"): records go
 * through the same gate (malformed payloads, dedup, re-reads) as in every mode, then into a
 * stream-time aggregation (semantics/kafka-streams.ts). There is no watermark; the chart's
 * line is the stream time, the largest over the partitions.
 */
import { REDELIVERY } from '../broker/deliveries';
import { KafkaStreamsAggregator, type KafkaStreamsWindows } from '../semantics/kafka-streams';
import { aggregateFor, gateOptions, type ModeContext } from './mode-context';
import { ModeOutput } from './mode-output';
import { RecordGate } from './record-gate';
import { FATE } from './results';
import { settleRead, type JobMode } from './job-mode';

export class KafkaStreamsMode implements JobMode {
  /** Where results go; a job restored after a failure is attached to the run's output. */
  out: ModeOutput;
  readonly held: Uint8Array;
  private readonly gate: RecordGate;
  private readonly aggregator: KafkaStreamsAggregator;
  private shownStreamTime = -Infinity;
  private finished = false;

  constructor(private readonly ctx: ModeContext) {
    const { scenario, log } = ctx;
    const p = scenario.processor;
    this.out = new ModeOutput('streaming', log);
    this.held = new Uint8Array(log.records.length);
    this.gate = new RecordGate(log, gateOptions(ctx));
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

  /** Handles the group's read number `i`; watermark markers mean nothing to Kafka Streams. */
  deliver(i: number): void {
    const { deliveries, log, clock } = this.ctx;
    const item = deliveries.item.data[i];
    if (item < 0) return;
    const now = clock.now();
    const row = item;
    const partition = deliveries.partition.data[i];
    const reread = deliveries.redelivery.data[i] !== REDELIVERY.FIRST;
    const verdict = this.gate.check(row, now, this.gate.unparsable(row));
    if (verdict !== 'ok') return settleRead(this.out, this.held, row, reread, verdict, 0, now, NaN);
    const r = log.records;
    const agg = this.aggregator;
    const accepted = agg.record(partition, r.key[row], r.eventTime[row], r.value[row], r.type[row], now);
    this.noteStreamTime(agg.streamTime[partition], now);
    const c = this.out.counters;
    if (reread) c.reread++;
    if (accepted > 0) {
      if (this.held[row]) this.out.countAgain(row);
      this.held[row] = 1;
    }
    if (this.out.fate[row] !== FATE.IN_FLIGHT) return;
    // One drop per record and window it missed; the record's fate is late only if it missed them
    // all. A record that fits no window at all (a negative timestamp: windows start at 0) gets
    // one drop without a window, so the side output still shows it.
    for (const window of agg.droppedFrom) this.out.dropFromWindow(row, window, now);
    this.out.settle(row, accepted > 0 ? FATE.COUNTED : FATE.LATE, now, agg.lastWindowStart, agg.droppedFrom.length === 0);
  }

  /** Nothing to redo on a restart: stream time and the store come back with the state. */
  resume(): void {}

  watermarkNow(): number {
    return this.shownStreamTime;
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
