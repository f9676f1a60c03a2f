/**
 * Streaming mode under Flink's or Beam's rules (the window thresholds come from the profile's
 * WindowRules; Kafka Streams and Spark have modes of their own, see streaming-profiles.ts):
 * every record is processed the moment the group reads it;
 * per-partition watermarks are combined (minimum, with idleness) and emitted periodically in
 * processing time (or after every record when the interval is 0); punctuation markers move
 * the watermark at once. A bounded input ends with a +infinity watermark (flushAtEnd).
 */
import { PartitionWatermarks } from '../watermarks/partition-watermarks';
import { WindowOperator, type TriggerPolicy } from '../windows/window-operator';
import type { Window } from '../windows/window';
import type { WindowRules } from '../windows/window-rules';
import { aggregateFor, gateOptions, windowAssignment, type ModeContext } from './mode-context';
import { ModeOutput } from './mode-output';
import { RecordGate } from './record-gate';
import type { JobMode } from './job-mode';
import { ReadPath, type ModeRule } from './read-path';

export class StreamingMode implements JobMode, ModeRule {
  /** Where results go; a job restored after a failure is attached to the run's output. */
  out: ModeOutput;
  readonly watermarks: PartitionWatermarks;
  readonly operator: WindowOperator;
  /** Beam lists a late drop per record and window (the operator's droppedFrom); Flink one per record that every window skipped (null). */
  readonly droppedFrom: readonly Window[] | null;
  private readonly path: ReadPath;
  private readonly perRecord: boolean;
  /** Periodic watermark emission in processing time (Flink's autoWatermarkInterval); 0: after every record. */
  private readonly interval: number;
  private readonly idleCheckPending: Uint8Array;
  /** Each partition's watermark and idleness as last recorded in out.partitionWatermarks (NaN / 2: not yet). */
  private readonly noted: Float64Array;
  private readonly notedIdle: Uint8Array;
  private finished = false;

  constructor(
    private readonly ctx: ModeContext,
    rules: WindowRules,
  ) {
    const { scenario, log, clock } = ctx;
    const p = scenario.processor;
    this.out = new ModeOutput('streaming', log);
    this.path = new ReadPath(log, new RecordGate(log, gateOptions(ctx)));
    this.watermarks = new PartitionWatermarks(log.partitions.length, p.watermark);
    const trigger: TriggerPolicy = typeof p.trigger === 'string' ? { type: p.trigger } : p.trigger;
    const output = () => this.out;
    this.operator = new WindowOperator({
      windows: windowAssignment(scenario),
      aggregate: aggregateFor(ctx),
      accumulation: p.accumulation,
      trigger,
      allowedLateness: p.allowedLateness,
      keyNames: log.keys,
      keyRank: ctx.keyRank,
      clock,
      emit: (result) => this.out.emit(result),
      rules,
      // Read through `out` on each decision: a restored job is re-attached to the run's output.
      get decisions() {
        return output().decisions;
      },
    });
    this.droppedFrom = rules.dropsPerWindow ? this.operator.droppedFrom : null;

    const interval = (this.interval = p.watermark.type === 'boundedOutOfOrderness' ? p.watermark.interval : 0);
    this.perRecord = interval === 0;
    this.idleCheckPending = new Uint8Array(log.partitions.length);
    this.noted = new Float64Array(log.partitions.length).fill(NaN);
    this.notedIdle = new Uint8Array(log.partitions.length).fill(2);
    if (!this.perRecord) {
      // Periodic emission, as Flink's autoWatermarkInterval: idleness is noticed here too.
      const tick = () => {
        this.watermarks.checkIdleness(clock.now());
        for (let part = 0; part < log.partitions.length; part++) this.note(part, clock.now());
        this.applyWatermark();
      };
      clock.schedule(function periodic() {
        tick();
        if (clock.now() < ctx.endTime) this.schedule(undefined, interval);
      }, interval);
    } else if (this.watermarks.idleTimeout !== Infinity) {
      // No periodic tick: check each partition exactly when its idle timeout would run out.
      for (let part = 0; part < log.partitions.length; part++) this.scheduleIdleCheck(part);
    }
  }

  /** Handles the group's read number `i` (a record or a marker). */
  deliver(i: number): void {
    this.path.read(this.ctx.deliveries, i, this.ctx.clock.now(), this.out, this);
  }

  /** A punctuation marker moves the partition's watermark at once. */
  marker(partition: number, watermark: number, now: number): void {
    this.watermarks.marker(partition, watermark, now);
    this.note(partition, now);
    this.applyWatermark();
    if (this.perRecord && this.watermarks.idleTimeout !== Infinity) this.scheduleIdleCheck(partition);
  }

  /** A payload that cannot be parsed has no event time to move the watermark with. */
  observe(row: number, partition: number, unparsable: boolean, now: number): void {
    if (!unparsable) this.watermarks.observe(partition, this.ctx.log.records.eventTime[row], now);
    else this.watermarks.touch(partition, now);
    this.note(partition, now);
  }

  admit(row: number): number {
    const records = this.ctx.log.records;
    return this.operator.element(records.key[row], records.eventTime[row], records.value[row], records.type[row], row);
  }

  get lastWindowStart(): number {
    return this.operator.lastWindowStart;
  }

  /** With per-record emission the watermark moves after every record. */
  settled(partition: number): void {
    if (!this.perRecord) return;
    this.applyWatermark();
    if (this.watermarks.idleTimeout !== Infinity) this.scheduleIdleCheck(partition);
  }

  /** The job restarts now (restored or fresh): the source's idleness timers start afresh. */
  resume(): void {
    const now = this.ctx.clock.now();
    // The restored job records into the run's output from here: every partition afresh.
    this.noted.fill(NaN);
    for (let part = 0; part < this.watermarks.partitions; part++) {
      this.watermarks.touch(part, now);
      this.note(part, now);
      if (this.perRecord && this.watermarks.idleTimeout !== Infinity) this.scheduleIdleCheck(part);
    }
  }

  watermarkNow(): number {
    return this.operator.watermark;
  }

  /** The first periodic watermark tick at or after the end of input (no tick: the end itself). */
  lastTimerAt(inputEnd: number): number {
    const interval = this.interval;
    return interval > 0 ? Math.ceil(inputEnd / interval) * interval : inputEnd;
  }

  /** End of input: the +infinity watermark fires every open window. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.ctx.scenario.processor.flushAtEnd) {
      this.operator.flush('on-time');
      this.out.noteWatermark(this.ctx.clock.now(), Infinity);
    }
  }

  private applyWatermark(): void {
    const w = this.watermarks.combined();
    if (w > this.operator.watermark) {
      this.operator.advanceWatermark(w);
      this.out.noteWatermark(this.ctx.clock.now(), w);
    }
  }

  /** Records partition p's watermark and idleness when either changed (the pipeline draws them per lane). */
  private note(p: number, now: number): void {
    const w = this.watermarks.partitionWatermark(p);
    const idle = this.watermarks.idle[p];
    if (w === this.noted[p] && idle === this.notedIdle[p]) return;
    this.noted[p] = w;
    this.notedIdle[p] = idle;
    const log = this.out.partitionWatermarks;
    log.time.push(now);
    log.partition.push(p);
    log.watermark.push(w);
    log.idle.push(idle);
  }

  /** With per-record emission there is no tick, so each partition gets a timer for its timeout. */
  private scheduleIdleCheck(partition: number): void {
    if (this.idleCheckPending[partition]) return;
    this.idleCheckPending[partition] = 1;
    const { clock } = this.ctx;
    const wm = this.watermarks;
    clock.scheduleAt(wm.lastActivity[partition] + wm.idleTimeout, () => {
      this.idleCheckPending[partition] = 0;
      if (this.finished || wm.idle[partition]) return;
      if (wm.markIdleAfterTimeout(partition, clock.now())) {
        this.note(partition, clock.now());
        this.applyWatermark();
      }
      else if (!wm.idle[partition]) this.scheduleIdleCheck(partition);
    });
  }
}
