import { describe, it, expect } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/load';
import type { Scenario } from '../../../src/engine/scenario/schema';
import { produceAll } from '../../../src/engine/producers/index';
import { FLAG } from '../../../src/engine/producers/produced';
import { buildTopicLog, recordId, type TopicLog } from '../../../src/engine/broker/topic-log';
import { partitionForKey } from '../../../src/engine/broker/partitioner';

function scenario(doc: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

function logOf(s: Scenario): TopicLog {
  const production = produceAll(s);
  return buildTopicLog(production.produced, s.topic.partitions, production.producerIds);
}

// Keys whose Kafka partition is known by hand, from the murmur2 values in Kafka's
// UtilsTest.testMurmur2 and toPositive(h) = h & 0x7fffffff (= h + 2^31 for negative h):
//   'foobar'                      -790332482 -> 1357151166, even -> partition 0 of 2
//   'a-little-bit-longer-string'  -1486304829 -> 661178819, odd  -> partition 1 of 2
const K0 = 'foobar';
const K1 = 'a-little-bit-longer-string';

describe('topic log: append order, partitions, offsets, markers', () => {
  // Production order (rows 0..5) differs from arrival order on purpose.
  const s = scenario({
    topic: { partitions: 2 },
    producers: [
      {
        id: 'pa',
        type: 'scripted',
        entries: [
          { key: K0, value: 1, eventTime: 10, arrivalTime: 30 }, // pa-0, row 0
          { key: K1, value: 2, eventTime: 20, arrivalTime: 40 }, // pa-1, row 1
          { watermark: 15, arrivalTime: 50 }, // marker, written to both partitions
          { key: K0, value: 3, eventTime: 30, arrivalTime: 60 }, // pa-2, row 2
        ],
      },
      {
        id: 'pb',
        type: 'scripted',
        entries: [
          { key: K0, value: 4, eventTime: 5, arrivalTime: 10 }, // pb-0, row 3
          { key: K1, value: 5, eventTime: 6, arrivalTime: 40 }, // pb-1, row 4: ties with pa-1 at 40
          { key: K1, value: 6, eventTime: 7, arrivalTime: 70, id: 'custom' }, // row 5, explicit id
        ],
      },
    ],
  });
  const log = logOf(s);
  const r = log.records;
  const ids = Array.from({ length: r.length }, (_, i) => recordId(log, i));

  it('puts the hand-picked keys where Kafka would', () => {
    expect(partitionForKey(K0, 2)).toBe(0);
    expect(partitionForKey(K1, 2)).toBe(1);
  });

  it('appends records in arrival order (ties: producer index, then production order)', () => {
    // Arrivals: pb-0 10, pa-0 30, pa-1 40 and pb-1 40 (pa is producer 0, so first),
    // pa-2 60, custom 70.
    expect(ids).toEqual(['pb-0', 'pa-0', 'pa-1', 'pb-1', 'pa-2', 'custom']);
    expect(Array.from(r.appendedAt)).toEqual([10, 30, 40, 40, 60, 70]);
    expect(Array.from(r.value)).toEqual([4, 1, 2, 5, 3, 6]);
    expect(Array.from(r.eventTime)).toEqual([5, 10, 20, 6, 30, 7]);
    expect(Array.from(r.producer)).toEqual([1, 0, 0, 1, 0, 1]);
    expect(Array.from(r.seq)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('places each record on partitionForKey(key) with offsets 0, 1, 2, ... per partition', () => {
    for (let i = 0; i < r.length; i++) expect(r.partition[i]).toBe(partitionForKey(log.keys[r.key[i]], 2));
    // K0 records in append order: pb-0, pa-0, pa-2 -> partition 0 offsets 0, 1, 2;
    // K1 records: pa-1, pb-1, custom -> partition 1 offsets 0, 1, 2.
    expect(Array.from(r.partition)).toEqual([0, 0, 1, 1, 0, 1]);
    expect(Array.from(r.offset)).toEqual([0, 1, 0, 1, 2, 2]);
    expect(log.partitions.map((p) => p.records)).toEqual([3, 3]);
  });

  it('writes the marker into every partition at its arrival position, taking no offset', () => {
    // Partition 0: pb-0 (10), pa-0 (30), marker (50), pa-2 (60).
    // Partition 1: pa-1 (40), pb-1 (40), marker (50), custom (70).
    // A marker entry is -(index in log.markers + 1): partition 0's copy is markers[0], partition 1's markers[1].
    expect(Array.from(log.partitions[0].entries)).toEqual([0, 1, -1, 4]);
    expect(Array.from(log.partitions[0].entryTime)).toEqual([10, 30, 50, 60]);
    expect(Array.from(log.partitions[1].entries)).toEqual([2, 3, -2, 5]);
    expect(Array.from(log.partitions[1].entryTime)).toEqual([40, 40, 50, 70]);
    expect(log.markers).toEqual([
      { partition: 0, watermark: 15, appendedAt: 50 },
      { partition: 1, watermark: 15, appendedAt: 50 },
    ]);
  });

  it('maps offsets back to entries, skipping the marker', () => {
    // Offsets 0, 1 are entries 0, 1; offset 2 is entry 3 (entry 2 is the marker).
    expect(Array.from(log.partitions[0].entryOfOffset)).toEqual([0, 1, 3]);
    expect(Array.from(log.partitions[1].entryOfOffset)).toEqual([0, 1, 3]);
    for (const [p, part] of log.partitions.entries()) {
      for (let o = 0; o < part.records; o++) {
        const row = part.entries[part.entryOfOffset[o]];
        expect(r.partition[row]).toBe(p);
        expect(r.offset[row]).toBe(o);
      }
    }
  });

  it('names records by explicit id or `${producerId}-${seq}`', () => {
    expect(recordId(log, 5)).toBe('custom');
    expect(recordId(log, 0)).toBe('pb-0');
    expect(recordId(log, 4)).toBe('pa-2');
  });
});

describe('topic log: ties at one arrival time', () => {
  it('keeps script order between records and a marker of one producer arriving together', () => {
    const log = logOf(
      scenario({
        topic: { partitions: 2 },
        producers: [
          {
            id: 's',
            type: 'scripted',
            entries: [
              { processingTime: 100 },
              { key: K1, value: 1, eventTime: 1 }, // s-0 at 100
              { watermark: 0 }, // marker at 100, after s-0
              { key: K0, value: 2, eventTime: 2 }, // s-1 at 100, after the marker
              { key: K1, value: 3, eventTime: 3 }, // s-2 at 100
            ],
          },
        ],
      }),
    );
    // Records keep production order: s-0 (K1), s-1 (K0), s-2 (K1) -> rows 0, 1, 2.
    expect(Array.from({ length: 3 }, (_, i) => recordId(log, i))).toEqual(['s-0', 's-1', 's-2']);
    // Partition 0 holds the marker and then s-1; partition 1 holds s-0, the marker, s-2.
    expect(Array.from(log.partitions[0].entries)).toEqual([-1, 1]);
    expect(Array.from(log.partitions[1].entries)).toEqual([0, -2, 2]);
    expect(Array.from(log.partitions[1].entryOfOffset)).toEqual([0, 2]);
  });
});

describe('topic log: generated producers', () => {
  const s = scenario({
    seed: 3,
    duration: 20_000,
    topic: { partitions: 3 },
    producers: [
      {
        id: 'g1',
        type: 'generated',
        rate: 40,
        keys: { count: 12 },
        delay: { type: 'exponential', mean: 300 },
        late: { fraction: 0.1, delay: { type: 'uniform', min: 1000, max: 3000 } },
        outages: [{ from: 5000, to: 8000 }],
        duplicates: { rate: 0.1, retryDelay: 50 },
      },
      { id: 'g2', type: 'generated', rate: 20, keys: ['a', 'b', 'c'] },
    ],
  });
  const production = produceAll(s);
  const log = buildTopicLog(production.produced, 3, production.producerIds);
  const r = log.records;

  it('keeps every produced row exactly once', () => {
    const p = production.produced;
    const tuple = (producer: number, seq: number, flags: number) => `${producer}/${seq}/${flags & FLAG.DUPLICATE}`;
    const produced = Array.from({ length: p.length }, (_, i) => tuple(p.producer.get(i), p.seq.get(i), p.flags.get(i))).sort();
    const appended = Array.from({ length: r.length }, (_, i) => tuple(r.producer[i], r.seq[i], r.flags[i])).sort();
    expect(appended).toEqual(produced);
  });

  it('sorts by append time; a flushed buffer keeps send order', () => {
    for (let i = 1; i < r.length; i++) {
      expect(r.appendedAt[i]).toBeGreaterThanOrEqual(r.appendedAt[i - 1]);
      if (r.appendedAt[i] === r.appendedAt[i - 1] && r.producer[i] === r.producer[i - 1]) {
        expect(r.sentAt[i]).toBeGreaterThanOrEqual(r.sentAt[i - 1]);
      }
    }
    // The outage flushes g1's buffer at 8000: all of it arrives at that instant.
    const flushed = Array.from({ length: r.length }, (_, i) => i).filter((i) => r.flags[i] & FLAG.BUFFERED);
    expect(flushed.length).toBeGreaterThan(0);
    for (const i of flushed) expect(r.appendedAt[i]).toBe(8000);
  });

  it('numbers offsets per partition in append order and lists them in each partition log', () => {
    const next = [0, 0, 0];
    for (let i = 0; i < r.length; i++) {
      const p = r.partition[i];
      expect(p).toBe(partitionForKey(log.keys[r.key[i]], 3));
      expect(r.offset[i]).toBe(next[p]++);
    }
    expect(log.partitions.map((p) => p.records)).toEqual(next);
    for (const part of log.partitions) {
      // No markers: entries are the partition's rows in append order, entry = offset.
      expect(Array.from(part.entryOfOffset)).toEqual(Array.from({ length: part.records }, (_, o) => o));
      for (let e = 0; e < part.entries.length; e++) expect(part.entryTime[e]).toBe(r.appendedAt[part.entries[e]]);
    }
  });

  it('names generated records `${producerId}-${seq}`', () => {
    for (let i = 0; i < r.length; i++) expect(recordId(log, i)).toBe(`${['g1', 'g2'][r.producer[i]]}-${r.seq[i]}`);
  });
});
