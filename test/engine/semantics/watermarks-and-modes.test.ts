/**
 * Per-partition watermarks and idleness (streaming), Spark's micro-batch rules, and dedup,
 * each pinned with a hand-worked scripted stream. Rows are [key, start, end, value, firing, emittedAt].
 */
import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../../src/engine/broker/partitioner';
import { ev, rows, runToEnd, scenarioOf, scripted, streamingRows, wm } from '../../helpers/scripted';

/** Two keys that Kafka's partitioner puts on partitions 0 and 1 of a 2-partition topic. */
function keysOnTwoPartitions(): [string, string] {
  const candidates = 'abcdefghijklmnopqrstuvwxyz'.split('');
  const p0 = candidates.find((k) => partitionForKey(k, 2) === 0);
  const p1 = candidates.find((k) => partitionForKey(k, 2) === 1);
  if (!p0 || !p1) throw new Error('no keys found for both partitions');
  return [p0, p1];
}

type Row = [string, number, number, number, string, number];
/** Simultaneous firings come out by window end, then key. */
const byEndThenKey = (list: Row[]) => [...list].sort((x, y) => x[2] - y[2] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));

describe('min over partitions, and idleness', () => {
  const [a, b] = keysOnTwoPartitions();
  // a is on partition 0, b on partition 1. a@500 arrives at 0, b@600 at 10, then only a:
  // a@2500 at 100 and a@3500 at 200. Bound 0: partition watermarks become 3499 (p0) and 599 (p1).
  const entries = [
    ev(a, 1, 500, { arrivalTime: 0 }),
    ev(b, 1, 600, { arrivalTime: 10 }),
    ev(a, 1, 2500, { arrivalTime: 100 }),
    ev(a, 1, 3500, { arrivalTime: 200 }),
  ];
  const scenario = (idleTimeout?: number) =>
    scenarioOf({
      id: 'idle',
      duration: 5000, // keeps the run going after the last record, so the stall shows
      topic: { partitions: 2 },
      producers: [{ id: 's', type: 'scripted', entries }],
      processor: {
        window: { type: 'tumbling', size: 1000 },
        watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: 100, ...(idleTimeout ? { idleTimeout } : {}) },
        aggregate: 'count',
      },
    });

  it('without an idle timeout, the silent partition holds the watermark at 599 until the end', () => {
    const run = runToEnd(scenario());
    // min(3499, 599) = 599 never reaches 999, so nothing fires before the end of input (5000).
    expect(streamingRows(run)).toEqual(
      byEndThenKey([
        [a, 0, 1000, 1, 'on-time', 5000],
        [b, 0, 1000, 1, 'on-time', 5000],
        [a, 2000, 3000, 1, 'on-time', 5000],
        [a, 3000, 4000, 1, 'on-time', 5000],
      ]),
    );
  });

  it('with idleTimeout 1000, partition 1 leaves the minimum once its inactivity timer passes 1000 (Flink\'s IdlenessTimer)', () => {
    const run = runToEnd(scenario(1000));
    // Checks come with the ticks, every 100 ms. p1's last record was read at 10, so the check
    // at 100 sees activity and resets; the check at 200 sees none and starts the timer at 200;
    // p1 is idle at the first check with now - 200 > 1000: 1300 (at 1200 it is exactly 1000).
    // p0 was read at 200 (after the tick at 200), so its timer starts at 400: still active at
    // 1300, and the watermark becomes p0's alone: 3500 - 0 - 1 = 3499.
    expect(streamingRows(run)).toEqual([
      ...byEndThenKey([
        [a, 0, 1000, 1, 'on-time', 1300],
        [b, 0, 1000, 1, 'on-time', 1300],
        [a, 2000, 3000, 1, 'on-time', 1300],
      ]),
      [a, 3000, 4000, 1, 'on-time', 5000],
    ]);
  });
});

describe('micro-batch (Spark rules)', () => {
  // interval 1000, delay (bound) 500, tumbling 1000, count; duration 10000 keeps batches going.
  // a@100 at 100, a@900 at 200 | a@1600 at 1200, a@300 at 1300 | a@2700 at 2100 | a@500 at 3500
  const entries = [
    ev('a', 1, 100, { arrivalTime: 100 }),
    ev('a', 1, 900, { arrivalTime: 200 }),
    ev('a', 1, 1600, { arrivalTime: 1200 }),
    ev('a', 1, 300, { arrivalTime: 1300 }),
    ev('a', 1, 2700, { arrivalTime: 2100 }),
    ev('a', 1, 500, { arrivalTime: 3500 }),
  ];
  const scenario = (outputMode: 'append' | 'update') =>
    scenarioOf({
      id: 'mb',
      duration: 10000,
      producers: [{ id: 's', type: 'scripted', entries }],
      processor: { window: { type: 'tumbling', size: 1000 }, watermark: { type: 'boundedOutOfOrderness', bound: 500 }, aggregate: 'count' },
      microBatch: { interval: 1000, outputMode },
    });
  // Batch at 1000: W=0; [0,1000) gets 2. Next W = max(0, 900 - 500) = 400.
  // Batch at 2000: W=400; [1000,2000) gets 1, [0,1000) gets a@300 (end 1000 > 400): 3. Next W = 1600 - 500 = 1100.
  // Batch at 3000: W=1100; [2000,3000) gets 1; [0,1000) has end <= 1100: emitted (append) and evicted. Next W = 2200.
  // Batch at 4000: W=2200; a@500's window end 1000 <= 2200: dropped late; [1000,2000) emitted and evicted.
  // The last batch is the first after the end of input (10000): 11000, with a +infinity watermark.

  it('append: each window once, at the end of the batch whose watermark passed its end', () => {
    const run = runToEnd(scenario('append'));
    expect(rows(run.modes.microbatch.results)).toEqual([
      ['a', 0, 1000, 3, 'on-time', 3000],
      ['a', 1000, 2000, 1, 'on-time', 4000],
      ['a', 2000, 3000, 1, 'on-time', 11000],
    ]);
    expect(run.modes.microbatch.results[0].watermark).toBe(1100);
    expect(run.modes.microbatch.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt])).toEqual([[500, 'late', 4000]]);
  });

  it('update: every window that changed in a batch, at the end of that batch; eviction emits nothing', () => {
    const run = runToEnd(scenario('update'));
    expect(rows(run.modes.microbatch.results)).toEqual([
      ['a', 0, 1000, 2, 'update', 1000],
      ['a', 0, 1000, 3, 'update', 2000],
      ['a', 1000, 2000, 1, 'update', 2000],
      ['a', 2000, 3000, 1, 'update', 3000],
    ]);
  });

  it('a session record is late when its own session end (t + gap) <= watermark', () => {
    // gap 500, bound 0: batch 1000 sees a@900 -> W = 900. Batch 2000 sees a@399 (399 + 500 = 899 <= 900: late)
    // and a@400 (900 <= 900: late) and a@401 (901 > 900: kept, merges with [900,1400) into [401,1400)).
    const s = scenarioOf({
      id: 'mb-session',
      producers: [
        {
          id: 's',
          type: 'scripted',
          entries: [ev('a', 1, 900, { arrivalTime: 100 }), ev('a', 1, 399, { arrivalTime: 1100 }), ev('a', 1, 400, { arrivalTime: 1101 }), ev('a', 1, 401, { arrivalTime: 1102 })],
        },
      ],
      processor: { window: { type: 'session', gap: 500 }, watermark: { type: 'boundedOutOfOrderness', bound: 0 }, aggregate: 'count' },
      microBatch: { interval: 1000, outputMode: 'append' },
    });
    const run = runToEnd(s);
    expect(run.modes.microbatch.dropped.map((d) => d.eventTime)).toEqual([399, 400]);
    // End of input is 1102; the last batch (2000) flushes with +infinity: [401, 1400) with 2 records.
    expect(rows(run.modes.microbatch.results)).toEqual([['a', 401, 1400, 2, 'on-time', 2000]]);
  });
});

describe('dedup by event id with a time-to-live', () => {
  // Event id "x" arrives at 0, 500 and 1000; ttl 1000. The id is remembered until 0 + 1000:
  // the copy at 500 is a duplicate, the copy at 1000 is not (the memory ran out at 1000).
  const entries = [ev('k', 1, 10, { id: 'x', arrivalTime: 0 }), ev('k', 1, 10, { id: 'x', arrivalTime: 500 }), ev('k', 1, 10, { id: 'x', arrivalTime: 1000 })];
  const processor = { window: { type: 'tumbling', size: 10000 }, aggregate: 'count', dedup: { enabled: true, ttl: 1000 } };

  it('streaming drops the copy within the ttl and counts the one after it', () => {
    const run = runToEnd(scripted(entries, processor));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 2, 'on-time', 1000]]);
    expect(run.modes.streaming.dropped.map((d) => [d.id, d.reason, d.droppedAt])).toEqual([['x', 'duplicate', 500]]);
  });

  it('batch runs at one instant, so the ttl never runs out: one event', () => {
    const run = runToEnd(scripted(entries, processor));
    expect(rows(run.modes.batch?.results ?? [])).toEqual([['k', 0, 10000, 1, 'final', 1000]]);
    expect(run.modes.batch?.counters.deduplicated).toBe(2);
  });

  it('is off by default: duplicates inflate the count', () => {
    const run = runToEnd(scripted(entries, { ...processor, dedup: undefined }));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 3, 'on-time', 1000]]);
  });
});

describe('malformed payloads', () => {
  it('go to the dead-letter side output in every mode and never into a window', () => {
    const run = runToEnd(scripted([ev('k', 1, 10), ev('k', 1, 20, { malformed: true })], { window: { type: 'tumbling', size: 100 }, aggregate: 'count' }));
    for (const mode of ['batch', 'microbatch', 'streaming'] as const) {
      const out = run.modes[mode];
      expect(out?.results.map((r) => r.value)).toEqual([1]);
      expect(out?.dropped.map((d) => d.reason)).toEqual(['malformed']);
    }
  });
});

describe('records the processor cannot parse', () => {
  it('do not move the watermark, whether flagged malformed or of a schema version it does not read', () => {
    // Producer "v2" sends event time 5000 in schema version 2; the processor reads only version 1.
    // If that record moved the watermark (bound 0, per record: 4999), k@200 would be late.
    const s = scenarioOf({
      id: 'schema',
      producers: [
        { id: 'v2', type: 'scripted', schemaVersion: 2, entries: [ev('k', 1, 5000, { arrivalTime: 0 })] },
        { id: 'v1', type: 'scripted', entries: [ev('k', 1, 6000, { arrivalTime: 1, malformed: true }), ev('k', 1, 200, { arrivalTime: 2 })] },
      ],
      processor: { window: { type: 'tumbling', size: 1000 }, watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: 0 }, aggregate: 'count' },
    });
    const run = runToEnd(s);
    expect(streamingRows(run)).toEqual([['k', 0, 1000, 1, 'on-time', 2]]);
    expect(run.modes.streaming.dropped.map((d) => d.reason)).toEqual(['malformed', 'malformed']);
  });
});

describe('watermark before any data', () => {
  it('is -infinity (null in JSON), so a firing caused by a marker reports the marker', () => {
    const run = runToEnd(scripted([wm(99), ev('k', 1, 150)], { window: { type: 'tumbling', size: 100 }, aggregate: 'count' }));
    expect(run.modes.streaming.watermarks[0]).toEqual({ time: 0, watermark: 99 });
  });
});

describe('idle timers with fractional read times', () => {
  it('finish: capacity 12 reads at 0, 83.33 and 1000, and the idle timer at 83.33 + 45 marks the partition idle', () => {
    // Found by the accounting property test: now - last < timeout rounded the other way and the
    // timer rescheduled itself at the same instant forever.
    const s = scenarioOf({
      id: 'fractional',
      producers: [{ id: 's', type: 'scripted', entries: [ev('k', 1, 0, { arrivalTime: 0 }), ev('k', 1, 1, { arrivalTime: 0 }), ev('k', 1, 2, { arrivalTime: 1000 })] }],
      consumers: { count: 1, capacity: 12 },
      processor: { window: { type: 'tumbling', size: 1000 }, watermark: { type: 'punctuated', idleTimeout: 45 }, aggregate: 'count' },
    });
    const run = runToEnd(s);
    expect(run.now()).toBe(run.endTime);
    // Punctuated, no markers: only the end of input fires, with all three records in [0,1000).
    expect(streamingRows(run)).toEqual([['k', 0, 1000, 3, 'on-time', 1000]]);
  });
});
