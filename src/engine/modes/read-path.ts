/**
 * The one read path every mode takes for a record: gate (malformed payload, schema version),
 * dedup, then the mode's own rule (a window operator, Kafka Streams' stream-time aggregation,
 * Spark's batch buffering), then settle its fate. Each mode supplies only its rule (ModeRule).
 *
 * The path is per record, so it allocates nothing: the rule is an object whose methods are
 * called (no closures), and the gate's verdict is one reused object.
 */
import { REDELIVERY, type Deliveries } from '../broker/deliveries';
import type { TopicLog } from '../broker/topic-log';
import { VERDICT } from '../decisions/decision-log';
import type { Window } from '../windows/window';
import type { ModeOutput } from './mode-output';
import type { RecordGate } from './record-gate';
import { FATE } from './results';

/** What a mode does with what the read path hands it. */
export interface ModeRule {
  /** A watermark marker was read on `partition` (Flink and Beam move the watermark; Kafka Streams ignores it). */
  marker(partition: number, watermark: number, now: number): void;
  /** Before the gate: a record was read; an unparsable one has no event time to move the mode's clock with. */
  observe(row: number, partition: number, unparsable: boolean, now: number): void;
  /** The record passed the gate: add it to its windows; returns how many windows took it. */
  admit(row: number, partition: number, now: number): number;
  /** After the record settled (Flink and Beam emit a per-record watermark here). */
  settled(partition: number, now: number): void;
  /** Start of the first window the last admitted record went to. */
  readonly lastWindowStart: number;
  /** Windows the last admitted record was dropped from, when the rule drops per window; null: one drop per late record. */
  readonly droppedFrom: readonly Window[] | null;
}

export class ReadPath {
  /** Per record: 1 once the mode's state holds its count (a re-read then counts it twice). */
  readonly held: Uint8Array;

  constructor(
    private readonly log: TopicLog,
    readonly gate: RecordGate,
  ) {
    this.held = new Uint8Array(log.records.length);
  }

  /** The job's read number `i` (a record or a marker), processed at `now` into `out`. */
  read(deliveries: Deliveries, i: number, now: number, out: ModeOutput, rule: ModeRule): void {
    const item = deliveries.item.data[i];
    const partition = deliveries.partition.data[i];
    if (item < 0) return rule.marker(partition, this.log.markers[-item - 1].watermark, now);
    this.record(item, partition, deliveries.redelivery.data[i] !== REDELIVERY.FIRST, now, out, rule);
  }

  /**
   * One record. Its fate is that of its first processing (later calls are ignored by
   * ModeOutput.settle), and a re-read that goes into state that already holds it is counted
   * twice. A record first read just before a failure and never processed (a micro-batch still
   * waiting) gets its fate from the re-read.
   */
  record(row: number, partition: number, reread: boolean, now: number, out: ModeOutput, rule: ModeRule): void {
    const gate = this.gate;
    const unparsable = gate.unparsable(row);
    rule.observe(row, partition, unparsable, now);
    const verdict = gate.check(row, now, unparsable);
    const c = out.counters;
    if (reread) c.reread++;
    if (verdict.outcome === 'malformed') {
      out.decisions.record(now, VERDICT.DEAD_LETTERED, verdict.rule, row, this.log.records.key[row], NaN, NaN, verdict.clock, verdict.threshold);
      out.settle(row, FATE.MALFORMED, now);
    } else if (verdict.outcome === 'duplicate') {
      out.decisions.record(now, VERDICT.DUPLICATE, verdict.rule, row, this.log.records.key[row], NaN, NaN, verdict.clock, verdict.threshold);
      if (reread && out.fate[row] !== FATE.IN_FLIGHT) c.rereadDeduplicated++;
      else out.settle(row, FATE.DUPLICATE, now);
    } else {
      this.admitted(row, rule.admit(row, partition, now), now, out, rule);
    }
    rule.settled(partition, now);
  }

  private admitted(row: number, accepted: number, now: number, out: ModeOutput, rule: ModeRule): void {
    if (accepted > 0) {
      if (this.held[row]) out.countAgain(row);
      this.held[row] = 1;
    }
    const fate = accepted > 0 ? FATE.COUNTED : FATE.LATE;
    const drops = rule.droppedFrom;
    if (drops === null) return out.settle(row, fate, now, rule.lastWindowStart);
    if (out.fate[row] !== FATE.IN_FLIGHT) return;
    // One drop per record and window it missed; the record's fate is late only if it missed them
    // all. A record that fits no window at all (a negative timestamp under Kafka Streams: windows
    // start at 0) gets one drop without a window, so the side output still shows it.
    for (let k = 0; k < drops.length; k++) out.dropFromWindow(row, drops[k], now);
    out.settle(row, fate, now, rule.lastWindowStart, drops.length === 0);
  }
}
