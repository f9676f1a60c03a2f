/**
 * What producers hand to the broker: one row per record sent (a retry that duplicates an
 * event is a row of its own), in columns, plus watermark markers from scripted producers.
 * Rows are in production order here; the broker sorts them into append order.
 */
import { Column } from '../trace/columns';

/** Bits of a record's `flags`. */
export const FLAG = {
  /** Its delay came from the producer's late-event distribution. */
  LATE: 1,
  /** A retry re-sent an event already sent: same id, new record. */
  DUPLICATE: 2,
  /** The payload fails the event schema. */
  MALFORMED: 4,
  /** Held in the producer's buffer by an outage, flushed on reconnect. */
  BUFFERED: 8,
} as const;

export class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

export interface Marker {
  /** Processing time at which the marker reaches the broker. */
  arrivalTime: number;
  watermark: number;
  producer: number;
  /** How many records had been produced before it, to keep script order at equal arrival times. */
  afterRow: number;
}

export class ProducedRecords {
  readonly producer = new Column(Int32Array);
  /** Per-producer sequence number: the generated id is `${producerId}-${seq}`. */
  readonly seq = new Column(Int32Array);
  /** Identity for deduplication: the same number for every copy of one event. */
  readonly eventNo = new Column(Int32Array);
  readonly key = new Column(Int32Array);
  /** Index into `types`, or -1 for an event without a type field. */
  readonly type = new Column(Int32Array);
  readonly value = new Column(Float64Array);
  readonly eventTime = new Column(Float64Array);
  /** When the producer sent the record (before any outage held it back). */
  readonly sentAt = new Column(Float64Array);
  /** When the record reaches the broker. */
  readonly arrivalTime = new Column(Float64Array);
  readonly flags = new Column(Int32Array);

  readonly keys = new Interner();
  readonly types = new Interner();
  /** Explicit ids from scripted entries, by eventNo. */
  readonly customIds = new Map<number, string>();
  readonly markers: Marker[] = [];
  private nextEventNo = 0;

  get length(): number {
    return this.seq.length;
  }

  newEventNo(): number {
    return this.nextEventNo++;
  }

  get eventCount(): number {
    return this.nextEventNo;
  }

  /** Appends one record (positional, so the hot loop allocates nothing). */
  add(
    producer: number,
    seq: number,
    eventNo: number,
    key: number,
    type: number,
    value: number,
    eventTime: number,
    sentAt: number,
    arrivalTime: number,
    flags: number,
  ): void {
    this.producer.push(producer);
    this.seq.push(seq);
    this.eventNo.push(eventNo);
    this.key.push(key);
    this.type.push(type);
    this.value.push(value);
    this.eventTime.push(eventTime);
    this.sentAt.push(sentAt);
    this.arrivalTime.push(arrivalTime);
    this.flags.push(flags);
  }
}
