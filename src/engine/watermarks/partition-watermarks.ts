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

  constructor(
    readonly partitions: number,
    spec: WatermarkSpec,
  ) {
    this.maxEventTime = new Float64Array(partitions).fill(-Infinity);
    this.markerWatermark = new Float64Array(partitions).fill(-Infinity);
    this.lastActivity = new Float64Array(partitions);
    this.idle = new Uint8Array(partitions);
    // Punctuated: only markers move the watermark; event times do not.
    this.bound = spec.type === 'boundedOutOfOrderness' ? spec.bound : Infinity;
    this.idleTimeout = spec.idleTimeout ?? Infinity;
  }

  readonly idleTimeout: number;

  /** A record was read from partition p at processing time `now`. */
  observe(p: number, eventTime: number, now: number): void {
    if (eventTime > this.maxEventTime[p]) this.maxEventTime[p] = eventTime;
    this.lastActivity[p] = now;
    this.idle[p] = 0;
  }

  /** A punctuation marker was read from partition p. Lower markers are ignored. */
  marker(p: number, watermark: number, now: number): void {
    if (watermark > this.markerWatermark[p]) this.markerWatermark[p] = watermark;
    this.lastActivity[p] = now;
    this.idle[p] = 0;
  }

  /** Marks partitions silent for at least the idle timeout; returns whether any changed. */
  updateIdleness(now: number): boolean {
    if (this.idleTimeout === Infinity) return false;
    let changed = false;
    for (let p = 0; p < this.partitions; p++) {
      if (!this.idle[p] && now - this.lastActivity[p] >= this.idleTimeout) {
        this.idle[p] = 1;
        changed = true;
      }
    }
    return changed;
  }

  partitionWatermark(p: number): number {
    const generated = this.maxEventTime[p] - this.bound - 1;
    return Math.max(generated, this.markerWatermark[p]);
  }

  /** Minimum over active partitions; the maximum over all when every partition is idle. */
  combined(): number {
    let min = Infinity;
    let max = -Infinity;
    let active = 0;
    for (let p = 0; p < this.partitions; p++) {
      const w = this.partitionWatermark(p);
      if (w > max) max = w;
      if (this.idle[p]) continue;
      active++;
      if (w < min) min = w;
    }
    return active > 0 ? min : max;
  }
}
