/**
 * The topic as the broker holds it: every record in append order with its partition and
 * offset, and each partition's log as a list of entries. A watermark marker from a scripted
 * producer is written into every partition (like a control record) but takes no offset, so
 * offsets count records only, as a Kafka consumer sees them.
 */
import { partitionForKey } from './partitioner';
import { permute } from '../trace/columns';
import type { ProducedRecords } from '../producers/produced';

export interface PartitionLog {
  /** Entry i is a record row (>= 0) or a marker, encoded as -(markerIndex + 1). */
  entries: Int32Array;
  /** Append time of each entry. */
  entryTime: Float64Array;
  /** Number of records (the log end offset once everything is appended). */
  records: number;
  /** entryOfOffset[o] = index in `entries` of the record at offset o. */
  entryOfOffset: Int32Array;
  /**
   * offsetAtEntry[e] = the records before entry e: the offset a reader positioned at entry e reads
   * next (length entries + 1). Markers take no offset, so entry positions and offsets differ.
   */
  offsetAtEntry: Int32Array;
}

export interface PartitionMarker {
  partition: number;
  watermark: number;
  appendedAt: number;
}

/** All records in append order; row i is the i-th record the broker appended. */
export interface RecordColumns {
  length: number;
  producer: Uint16Array;
  seq: Int32Array;
  eventNo: Int32Array;
  key: Int32Array;
  type: Int16Array;
  value: Float64Array;
  eventTime: Float64Array;
  sentAt: Float64Array;
  appendedAt: Float64Array;
  flags: Uint8Array;
  partition: Uint16Array;
  offset: Int32Array;
}

export interface TopicLog {
  partitions: PartitionLog[];
  records: RecordColumns;
  markers: PartitionMarker[];
  keys: readonly string[];
  types: readonly string[];
  producerIds: readonly string[];
  customIds: ReadonlyMap<number, string>;
  /** Number of distinct events (eventNo runs from 0 to eventCount - 1). */
  eventCount: number;
}

/** The event id a learner sees: a scripted id, or `${producerId}-${seq}`. */
export function recordId(log: TopicLog, row: number): string {
  return log.customIds.get(log.records.eventNo[row]) ?? `${log.producerIds[log.records.producer[row]]}-${log.records.seq[row]}`;
}

export function buildTopicLog(produced: ProducedRecords, partitionCount: number, producerIds: readonly string[]): TopicLog {
  const rows = produced.length;
  const arrival = produced.arrivalTime.data;
  const sentAt = produced.sentAt.data;
  const producer = produced.producer.data;

  // Append order: arrival time, then producer, then send time (a flushed buffer keeps its
  // order), then production order. Markers sit just before the row produced after them.
  const markerPos = produced.markers.map((m) => m.afterRow - 0.5);
  const items = new Int32Array(rows + produced.markers.length);
  for (let i = 0; i < items.length; i++) items[i] = i;
  const arrivalOf = (i: number) => (i < rows ? arrival[i] : produced.markers[i - rows].arrivalTime);
  const producerOf = (i: number) => (i < rows ? producer[i] : produced.markers[i - rows].producer);
  const sentOf = (i: number) => (i < rows ? sentAt[i] : produced.markers[i - rows].arrivalTime);
  const posOf = (i: number) => (i < rows ? i : markerPos[i - rows]);
  // Rows arrive nearly sorted (small delays), which TimSort handles in close to linear time.
  items.sort((a, b) => arrivalOf(a) - arrivalOf(b) || producerOf(a) - producerOf(b) || sentOf(a) - sentOf(b) || posOf(a) - posOf(b));

  const order = new Int32Array(rows);
  let r = 0;
  for (let i = 0; i < items.length; i++) if (items[i] < rows) order[r++] = items[i];

  const records: RecordColumns = {
    length: rows,
    producer: permute(produced.producer.data, order, Uint16Array),
    seq: permute(produced.seq.data, order, Int32Array),
    eventNo: permute(produced.eventNo.data, order, Int32Array),
    key: permute(produced.key.data, order, Int32Array),
    type: permute(produced.type.data, order, Int16Array),
    value: permute(produced.value.data, order, Float64Array),
    eventTime: permute(produced.eventTime.data, order, Float64Array),
    sentAt: permute(produced.sentAt.data, order, Float64Array),
    appendedAt: permute(produced.arrivalTime.data, order, Float64Array),
    flags: permute(produced.flags.data, order, Uint8Array),
    partition: new Uint16Array(rows),
    offset: new Int32Array(rows),
  };

  // Kafka's default partitioner on the key, computed once per distinct key.
  const partitionOfKey = produced.keys.values.map((k) => partitionForKey(k, partitionCount));
  const counts = new Int32Array(partitionCount);
  for (let row = 0; row < rows; row++) {
    const p = partitionOfKey[records.key[row]];
    records.partition[row] = p;
    records.offset[row] = counts[p]++;
  }

  const markerCount = produced.markers.length;
  const entryCounts = Array.from(counts, (c) => c + markerCount);
  const partitions: PartitionLog[] = entryCounts.map((n, p) => ({
    entries: new Int32Array(n),
    entryTime: new Float64Array(n),
    records: counts[p],
    entryOfOffset: new Int32Array(counts[p]),
    offsetAtEntry: new Int32Array(n + 1),
  }));
  const fill = new Int32Array(partitionCount);
  const markers: PartitionMarker[] = [];
  let row = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i] < rows) {
      const p = records.partition[row];
      const log = partitions[p];
      log.entryOfOffset[records.offset[row]] = fill[p];
      log.entries[fill[p]] = row;
      log.entryTime[fill[p]++] = records.appendedAt[row];
      row++;
    } else {
      const m = produced.markers[items[i] - rows];
      for (let p = 0; p < partitionCount; p++) {
        const log = partitions[p];
        log.entries[fill[p]] = -(markers.length + 1);
        log.entryTime[fill[p]++] = m.arrivalTime;
        markers.push({ partition: p, watermark: m.watermark, appendedAt: m.arrivalTime });
      }
    }
  }

  for (const log of partitions) {
    const before = log.offsetAtEntry;
    for (let e = 0; e < log.entries.length; e++) before[e + 1] = before[e] + (log.entries[e] >= 0 ? 1 : 0);
  }

  return {
    partitions,
    records,
    markers,
    keys: produced.keys.values,
    types: produced.types.values,
    producerIds,
    customIds: produced.customIds,
    eventCount: produced.eventCount,
  };
}
