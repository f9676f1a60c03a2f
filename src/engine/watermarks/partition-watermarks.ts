/**
 * Per-partition watermarks and their combination, as Flink's Kafka source does it:
 * each partition has its own watermark, the processor's watermark is the minimum over the
 * partitions, and an optional idle timeout takes a silent partition out of that minimum
 * (Flink's withIdleness). When every partition is idle, the maximum is used instead, as
 * Flink's watermark valve does when all of its inputs go idle.
 *
 * A partition's watermark is the largest of:
 * - bounded out-of-orderness: max event time seen - bound - 1 (Flink's formula);
 * - punctuation markers read from the partition.
 * Both start at -Infinity, so one partition that never sees data holds everything back.
 */
import type { WatermarkSpec } from '../scenario/schema';

export class PartitionWatermarks {
  readonly maxEventTime: Float64Array;
  readonly markerWatermark: Float64Array;
  readonly lastActivity: Float64Array;
  readonly idle: Uint8Array;
  private readonly bound: number;
  // Flink's IdlenessTimer, per partition: was there activity since the last periodic check,
  // and since when has there been none (NaN: the timer has not started).
  private readonly activeSinceCheck: Uint8Array;
  private readonly inactiveSince: Float64Array;
  /** Scratch for combined(): each partition's watermark now (allocated once). */
  private readonly current: Float64Array;

  constructor(
    readonly partitions: number,
    spec: WatermarkSpec,
  ) {
    this.maxEventTime = new Float64Array(partitions).fill(-Infinity);
    this.markerWatermark = new Float64Array(partitions).fill(-Infinity);
    this.lastActivity = new Float64Array(partitions);
    this.idle = new Uint8Array(partitions);
    this.activeSinceCheck = new Uint8Array(partitions);
    this.inactiveSince = new Float64Array(partitions).fill(NaN);
    this.current = new Float64Array(partitions);
    // Punctuated: only markers move the watermark; event times do not.
    this.bound = spec.type === 'boundedOutOfOrderness' ? spec.bound : Infinity;
    this.idleTimeout = spec.idleTimeout ?? Infinity;
  }

  readonly idleTimeout: number;

  /** A record was read from partition p at processing time `now`. */
  observe(p: number, eventTime: number, now: number): void {
    if (eventTime > this.maxEventTime[p]) this.maxEventTime[p] = eventTime;
    this.touch(p, now);
  }

  /** A punctuation marker was read from partition p. Lower markers are ignored. */
  marker(p: number, watermark: number, now: number): void {
    if (watermark > this.markerWatermark[p]) this.markerWatermark[p] = watermark;
    this.touch(p, now);
  }

  /** Something was read from partition p (also a record without a usable event time). */
  touch(p: number, now: number): void {
    this.lastActivity[p] = now;
    this.activeSinceCheck[p] = 1;
    this.idle[p] = 0;
  }

  /**
   * The periodic check, as Flink's WatermarksWithIdleness does it: a partition's inactivity
   * timer starts at the first check that finds no activity since the previous one, and the
   * partition is idle once more than the timeout has passed since then.
   * Returns whether any partition became idle.
   */
  checkIdleness(now: number): boolean {
    if (this.idleTimeout === Infinity) return false;
    let changed = false;
    for (let p = 0; p < this.partitions; p++) {
      if (this.activeSinceCheck[p]) {
        this.activeSinceCheck[p] = 0;
        this.inactiveSince[p] = NaN;
      } else if (Number.isNaN(this.inactiveSince[p])) {
        this.inactiveSince[p] = now;
      } else if (!this.idle[p] && now - this.inactiveSince[p] > this.idleTimeout) {
        this.idle[p] = 1;
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Without periodic checks (emission after every record), a timer per partition calls this
   * at the moment its timeout runs out: idle once the timeout has passed since its last read.
   */
  markIdleAfterTimeout(p: number, now: number): boolean {
    // The same sum the timer was scheduled with: `now - last < timeout` can differ by rounding.
    if (this.idle[p] || now < this.lastActivity[p] + this.idleTimeout) return false;
    this.idle[p] = 1;
    return true;
  }

  partitionWatermark(p: number): number {
    const generated = this.maxEventTime[p] - this.bound - 1;
    return Math.max(generated, this.markerWatermark[p]);
  }

  /** Minimum over active partitions; the maximum over all when every partition is idle. */
  combined(): number {
    const current = this.current;
    for (let p = 0; p < this.partitions; p++) current[p] = this.partitionWatermark(p);
    return combineWatermarks(current, this.idle);
  }
}

/**
 * The processor's watermark from its partitions' (Flink's watermark valve): the minimum over
 * the active ones; the maximum over all when every partition is idle.
 */
export function combineWatermarks(watermarks: ArrayLike<number>, idle: ArrayLike<number>): number {
  let min = Infinity;
  let max = -Infinity;
  let active = 0;
  for (let p = 0; p < watermarks.length; p++) {
    const w = watermarks[p];
    if (w > max) max = w;
    if (idle[p]) continue;
    active++;
    if (w < min) min = w;
  }
  return active > 0 ? min : max;
}

/** The active partitions whose watermark is the combined one: those holding the processor back. */
export function holdingPartitions(watermarks: ArrayLike<number>, idle: ArrayLike<number>): number[] {
  const combined = combineWatermarks(watermarks, idle);
  const holders: number[] = [];
  for (let p = 0; p < watermarks.length; p++) if (!idle[p] && watermarks[p] === combined) holders.push(p);
  return holders;
}
