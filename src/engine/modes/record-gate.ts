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
  /**
   * Per event: processing time until which its id is remembered (an id is kept for ttl ms
   * after it was last let through). Event numbers are dense, so an array serves as the map.
   */
  private readonly rememberedUntil: Float64Array | null;
  private held = 0;

  constructor(
    private readonly log: TopicLog,
    private readonly options: GateOptions,
  ) {
    this.rememberedUntil = options.dedup.enabled ? new Float64Array(log.eventCount).fill(-Infinity) : null;
  }

  /** Distinct ids the dedup state has had to hold so far: the cost of dedup. */
  get stateSize(): number {
    return this.held;
  }

  /** A payload the processor cannot parse: flagged malformed, or of a schema version it does not read. */
  unparsable(row: number): boolean {
    const records = this.log.records;
    return (records.flags[row] & FLAG.MALFORMED) !== 0 || !this.options.producerParsable[records.producer[row]];
  }

  /** `unparsable` may be passed by a caller that already computed it for this row. */
  check(row: number, now: number, unparsable = this.unparsable(row)): GateVerdict {
    const records = this.log.records;
    if (unparsable) return 'malformed';
    const until = this.rememberedUntil;
    if (!until) return 'ok';
    const id = records.eventNo[row];
    if (until[id] > now) return 'duplicate';
    if (until[id] === -Infinity) this.held++;
    until[id] = now + this.options.dedup.ttl;
    return 'ok';
  }
}
