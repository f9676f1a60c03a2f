/**
 * What the consumer group read, in the order it read it: the shared input of the
 * streaming and micro-batch processors (both see the same reads, so their results differ
 * by semantics alone). Columns, one entry per read.
 */
import { Column } from '../trace/columns';

/** Why a record is read again. */
export const REDELIVERY = { FIRST: 0, AFTER_CRASH: 1, AFTER_SEEK: 2 } as const;

export class Deliveries {
  readonly time = new Column(Float64Array);
  readonly partition = new Column(Int32Array);
  /** Index into the partition's entries: a record row or a marker (see PartitionLog). */
  readonly entry = new Column(Int32Array);
  /** Record row (>= 0) or marker code (< 0), copied from the partition log for speed. */
  readonly item = new Column(Int32Array);
  readonly member = new Column(Int32Array);
  readonly redelivery = new Column(Int32Array);

  get length(): number {
    return this.time.length;
  }

  push(time: number, partition: number, entry: number, item: number, member: number, redelivery: number): void {
    this.time.push(time);
    this.partition.push(partition);
    this.entry.push(entry);
    this.item.push(item);
    this.member.push(member);
    this.redelivery.push(redelivery);
  }
}

export type GroupEventType = 'join' | 'leave' | 'crash' | 'restart' | 'rebalance' | 'seek';

export interface GroupEvent {
  time: number;
  type: GroupEventType;
  member?: string;
  /** Partition -> member after a rebalance, or the seek target per partition (offset). */
  detail?: Record<string, string | number | number[]>;
}

export interface CommitRecord {
  time: number;
  partition: number;
  /** The next offset to read, as Kafka stores it. */
  offset: number;
}

/** Lag sampled at regular processing times: row s, partition p at index s * partitions + p. */
export interface LagSamples {
  interval: number;
  time: Float64Array;
  logEndOffset: Int32Array;
  position: Int32Array;
  committed: Int32Array;
}
