/**
 * What every mode does to a record before windowing: dead-letter payloads that fail the
 * event schema, and (when dedup is on) drop an event id seen within the time-to-live.
 * Each mode has its own gate, so each keeps its own dedup state.
 */
import type { TopicLog } from '../broker/topic-log';
import { FLAG } from '../producers/produced';

export type GateVerdict = 'ok' | 'malformed' | 'duplicate';

export interface GateOptions {
  dedup: { enabled: boolean; ttl: number };
  /** Per producer: whether the processor can parse its schema version. */
  producerParsable: readonly boolean[];
}

export class RecordGate {
  /** eventNo -> processing time at which its dedup entry expires. */
  private readonly seen = new Map<number, number>();
  // Entries expire in insertion order (one TTL for all), so a FIFO queue finds them.
  private queueIds: number[] = [];
  private queueExpiry: number[] = [];
  private queueHead = 0;

  constructor(
    private readonly log: TopicLog,
    private readonly options: GateOptions,
  ) {}

  /** Number of ids held in dedup state: the cost of deduplication. */
  get stateSize(): number {
    return this.seen.size;
  }

  check(row: number, now: number): GateVerdict {
    const records = this.log.records;
    if (records.flags[row] & FLAG.MALFORMED || !this.options.producerParsable[records.producer[row]]) return 'malformed';
    if (!this.options.dedup.enabled) return 'ok';
    this.expire(now);
    const id = records.eventNo[row];
    const expiresAt = this.seen.get(id);
    if (expiresAt !== undefined && expiresAt > now) return 'duplicate';
    const until = now + this.options.dedup.ttl;
    this.seen.set(id, until);
    this.queueIds.push(id);
    this.queueExpiry.push(until);
    return 'ok';
  }

  /** Forgets ids whose time-to-live has passed (an id is remembered for ttl ms). */
  private expire(now: number): void {
    while (this.queueHead < this.queueIds.length && this.queueExpiry[this.queueHead] <= now) {
      const id = this.queueIds[this.queueHead];
      // Only if this queue entry is the id's latest (it may have been seen again since).
      if (this.seen.get(id) === this.queueExpiry[this.queueHead]) this.seen.delete(id);
      this.queueHead++;
    }
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queueIds.length) {
      this.queueIds = this.queueIds.slice(this.queueHead);
      this.queueExpiry = this.queueExpiry.slice(this.queueHead);
      this.queueHead = 0;
    }
  }
}
