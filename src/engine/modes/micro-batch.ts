/**
 * Micro-batch mode, Spark Structured Streaming's rules: every `interval` of processing time
 * a batch processes the records read since the previous batch (a batch runs even when none
 * arrived: that empty batch is what applies a moved watermark).
 *
 * - The watermark in force during a batch is fixed: it starts at 0 and after each batch
 *   becomes max(previous, max event time seen - delay), where the delay is the processor's
 *   watermark bound (no -1, unlike Flink). It is global: the maximum over all partitions.
 * - A record is late for a window whose end <= watermark (a session record: t + gap <= watermark).
 * - Output mode `append` emits a window once, at the end of the batch in which end <= watermark
 *   first holds, then evicts it. `update` emits every window whose value changed in the batch.
 * - The run ends with the first batch after the end of input; with flushAtEnd that batch uses a
 *   +infinity watermark, so append mode emits what is left (Spark itself would keep it in state).
 */
import { resetAccumulator, type Accumulator, type Aggregate } from '../aggregates/accumulator';
import { mergeCandidates } from '../windows/session';
import { aggregateFor, gateOptions, windowAssignment, type ModeContext } from './mode-context';
import type { Subscription } from 'rxjs';
import { ModeOutput } from './mode-output';
import { RecordGate } from './record-gate';
import type { JobMode } from './job-mode';
import { ReadPath, type ModeRule } from './read-path';
import type { Firing } from './results';
import type { WindowAssignment } from '../windows/window-operator';
import { ruleIndex, VERDICT } from '../decisions/decision-log';
import { sparkLate, sparkNextWatermark } from '../semantics/spark';

const LATENESS = ruleIndex('lateness.spark');

interface BatchWindow {
  key: number;
  start: number;
  end: number;
  acc: Accumulator;
  changed: boolean;
}

export class MicroBatchMode implements JobMode, ModeRule {
  /** Where results go; a job restored after a failure is attached to the run's output. */
  out: ModeOutput;
  /** Start of the first window the last admitted record went to (NaN if late for all). */
  lastWindowStart = NaN;
  /** A late record is dropped once, for all its windows. */
  readonly droppedFrom = null;
  /** Watermark in force for the current batch (Spark starts at 0). */
  watermark = 0;
  batches = 0;
  private maxEventTime = -Infinity;
  private maxMarker = -Infinity;
  private pending: number[] = [];
  private readonly path: ReadPath;
  private readonly aggregate: Aggregate;
  private readonly windows: WindowAssignment;
  private readonly timeWindows = new Map<number, Map<number, BatchWindow>>();
  private readonly sessions = new Map<number, BatchWindow[]>();
  private readonly starts: number[] = [];
  private readonly delay: number;
  private done = false;
  private trigger: Subscription | null = null;

  /** `mode`: 'streaming' when the streaming mode runs under Spark's rules (semantics "spark"). */
  constructor(
    private readonly ctx: ModeContext,
    mode: 'microbatch' | 'streaming' = 'microbatch',
  ) {
    const p = ctx.scenario.processor;
    this.out = new ModeOutput(mode, ctx.log);
    this.path = new ReadPath(ctx.log, new RecordGate(ctx.log, gateOptions(ctx)));
    this.aggregate = aggregateFor(ctx);
    this.windows = windowAssignment(ctx.scenario);
    // Punctuated input has no delay threshold: only markers move Spark's watermark here.
    this.delay = p.watermark.type === 'boundedOutOfOrderness' ? p.watermark.bound : Infinity;
    // Spark's watermark is 0 until the first batch moves it.
    this.out.noteWatermark(0, 0);
    this.scheduleTrigger(ctx.scenario.microBatch.interval);
  }

  /**
   * Batches on multiples of the interval, as Spark's ProcessingTimeExecutor aligns them, starting
   * `at` (a restarted query runs its first batch at once).
   */
  private scheduleTrigger(at: number): void {
    const { clock, endTime, scenario } = this.ctx;
    const interval = scenario.microBatch.interval;
    const self = this;
    this.trigger?.unsubscribe();
    this.trigger = clock.scheduleAt(at, function trigger() {
      const now = clock.now();
      const last = now > endTime;
      self.runBatch(last);
      if (!last) this.schedule(undefined, Math.floor(now / interval) * interval + interval - now);
    });
  }

  /** The query restarts now: the batch it had begun (if any) runs again at once, from the restored state. */
  resume(): void {
    this.scheduleTrigger(this.ctx.clock.now());
  }

  watermarkNow(): number {
    return this.watermark;
  }

  /** The run ends with the first batch after the end of input (a batch on a multiple of the interval). */
  lastTimerAt(inputEnd: number): number {
    const interval = this.ctx.scenario.microBatch.interval;
    return (Math.floor(inputEnd / interval) + 1) * interval;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Nothing to do at the end of input: the run ends with the first batch after it. */
  finish(): void {}

  /** Records and markers wait for the next batch. */
  deliver(i: number): void {
    this.pending.push(i);
  }

  /** A marker raises the watermark the next batches use (Streamlab's simplification: Spark has no markers). */
  marker(_partition: number, watermark: number): void {
    this.maxMarker = Math.max(this.maxMarker, watermark);
  }

  /** An unparsable payload has no event time to move the watermark with. */
  observe(row: number, _partition: number, unparsable: boolean): void {
    if (!unparsable) this.maxEventTime = Math.max(this.maxEventTime, this.ctx.log.records.eventTime[row]);
  }

  /** The record joins its windows' state in this batch; 0 when it is late for all of them. */
  admit(row: number): number {
    this.lastWindowStart = this.add(row);
    return Number.isNaN(this.lastWindowStart) ? 0 : 1;
  }

  settled(): void {}

  private runBatch(last: boolean): void {
    const { deliveries, clock, scenario } = this.ctx;
    const now = clock.now();
    this.batches++;
    for (const i of this.pending) this.path.read(deliveries, i, now, this.out, this);
    this.pending = [];

    const watermark = last && scenario.processor.flushAtEnd ? Infinity : this.watermark;
    const appendMode = scenario.microBatch.outputMode === 'append';
    const emitted: BatchWindow[] = [];
    const evicted: BatchWindow[] = [];
    // One pass over every window per batch (it runs even when the batch is empty): pick what
    // to emit and evict, and clear `changed` for the next batch (emitting does not read it).
    const visit = (w: BatchWindow) => {
      if (w.end <= watermark) evicted.push(w);
      if (appendMode ? w.end <= watermark : w.changed) emitted.push(w);
      w.changed = false;
    };
    for (const byStart of this.timeWindows.values()) for (const w of byStart.values()) visit(w);
    for (const list of this.sessions.values()) for (const w of list) visit(w);
    this.emitAll(emitted, appendMode ? 'on-time' : 'update', now, watermark);
    for (const w of evicted) this.evict(w);

    const next = sparkNextWatermark(this.watermark, this.maxEventTime, this.delay, this.maxMarker);
    if (next > this.watermark) {
      this.watermark = next;
    }
    this.out.noteWatermark(now, last && scenario.processor.flushAtEnd ? Infinity : this.watermark);
    if (last) this.done = true;
  }

  /** Adds a record to its windows; returns the first window's start, or NaN if late for all. */
  private add(row: number): number {
    const r = this.ctx.log.records;
    const key = r.key[row];
    const t = r.eventTime[row];
    if (this.windows.type === 'session') return this.addToSession(row, key, t, r.value[row], r.type[row]);
    const n = this.windows.assigner.assign(t, this.starts);
    const size = this.windows.assigner.size;
    let first = NaN;
    let byStart = this.timeWindows.get(key);
    for (let i = 0; i < n; i++) {
      const start = this.starts[i];
      if (sparkLate(start + size, this.watermark)) {
        this.late(row, key, start, start + size);
        continue;
      }
      if (!byStart) {
        byStart = new Map();
        this.timeWindows.set(key, byStart);
      }
      let w = byStart.get(start);
      if (!w) {
        w = { key, start, end: start + size, acc: this.aggregate.create(), changed: false };
        byStart.set(start, w);
      }
      this.aggregate.add(w.acc, r.value[row], r.type[row]);
      w.changed = true;
      if (Number.isNaN(first)) first = start;
    }
    return first;
  }

  private addToSession(row: number, key: number, t: number, value: number, type: number): number {
    const gap = (this.windows as { gap: number }).gap;
    if (sparkLate(t + gap, this.watermark)) {
      this.late(row, key, t, t + gap);
      return NaN;
    }
    let list = this.sessions.get(key);
    if (!list) {
      list = [];
      this.sessions.set(key, list);
    }
    const fresh = { start: t, end: t + gap };
    const { from, to } = mergeCandidates(list, fresh);
    const merged: BatchWindow = { key, start: fresh.start, end: fresh.end, acc: this.aggregate.create(), changed: true };
    for (let i = from; i < to; i++) {
      merged.start = Math.min(merged.start, list[i].start);
      merged.end = Math.max(merged.end, list[i].end);
      this.aggregate.merge(merged.acc, list[i].acc);
    }
    this.aggregate.add(merged.acc, value, type);
    list.splice(from, to - from, merged);
    return merged.start;
  }

  /** Spark's late filter (before 3.4): the record is dropped from a window whose end <= the batch's watermark. */
  private late(row: number, key: number, start: number, end: number): void {
    this.out.decisions.record(this.ctx.clock.now(), VERDICT.LATE_DROPPED, LATENESS, row, key, start, end, this.watermark, end);
  }

  private emitAll(windows: BatchWindow[], firing: Firing, now: number, watermark: number): void {
    const rank = this.ctx.keyRank;
    windows.sort((a, b) => a.end - b.end || rank[a.key] - rank[b.key] || a.start - b.start);
    for (const w of windows) {
      this.out.emit({
        key: this.ctx.log.keys[w.key],
        window: { start: w.start, end: w.end },
        value: this.aggregate.result(w.acc),
        firing,
        emittedAt: now,
        visibleAt: now,
        watermark,
      });
    }
  }

  private evict(w: BatchWindow): void {
    resetAccumulator(w.acc);
    if (this.windows.type === 'session') {
      const list = this.sessions.get(w.key);
      if (!list) return;
      const i = list.indexOf(w);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.sessions.delete(w.key);
      return;
    }
    const byStart = this.timeWindows.get(w.key);
    byStart?.delete(w.start);
    if (byStart && byStart.size === 0) this.timeWindows.delete(w.key);
  }
}
