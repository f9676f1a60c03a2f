/**
 * Each partition lane's own watermark at a moment, from the engine's record of them
 * (ModeOutput.partitionWatermarks): indexed once per run, looked up per frame by binary search.
 * Which partitions hold the processor's watermark back is the engine's rule (holdingPartitions).
 */
import { bisectRight } from 'd3';
import { holdingPartitions, type ModeOutput } from '../../engine/index';

export interface LaneWatermarkIndex {
  /** Per partition: times of its changes, and its watermark and idleness from then on. */
  time: Float64Array[];
  watermark: Float64Array[];
  idle: Uint8Array[];
}

export interface LaneWatermark {
  watermark: number;
  idle: boolean;
  /** This partition's watermark is the processor's (the lowest active one). */
  holding: boolean;
}

/** Null when the mode records none (Kafka Streams has no watermark; Spark's is global). */
export function indexLaneWatermarks(out: ModeOutput, partitions: number): LaneWatermarkIndex | null {
  const log = out.partitionWatermarks;
  if (!log || log.time.length === 0) return null;
  const rows: number[][] = Array.from({ length: partitions }, () => []);
  for (let i = 0; i < log.time.length; i++) rows[log.partition[i]]?.push(i);
  return {
    time: rows.map((r) => Float64Array.from(r, (i) => log.time[i])),
    watermark: rows.map((r) => Float64Array.from(r, (i) => log.watermark[i])),
    idle: rows.map((r) => Uint8Array.from(r, (i) => log.idle[i])),
  };
}

/** Every lane's watermark at t (before a partition's first entry: −∞, not idle). */
export function laneWatermarksAt(index: LaneWatermarkIndex, t: number): LaneWatermark[] {
  const watermarks: number[] = [];
  const idle: number[] = [];
  for (let p = 0; p < index.time.length; p++) {
    const k = bisectRight(index.time[p], t) - 1;
    watermarks.push(k >= 0 ? index.watermark[p][k] : -Infinity);
    idle.push(k >= 0 ? index.idle[p][k] : 0);
  }
  const holders = new Set(holdingPartitions(watermarks, idle));
  return watermarks.map((watermark, p) => ({ watermark, idle: idle[p] === 1, holding: holders.has(p) }));
}
