/**
 * The kafka-streams profile, pinned with small scripted streams (one partition, so one stream
 * time). Every expected value is worked out by hand from the contract (docs/semantics.md,
 * "Semantics profiles"):
 *   - no watermark: stream time = largest timestamp seen so far, INCLUDING the current record
 *     (updated before the record is processed); results' `watermark` holds it;
 *   - grace = allowedLateness; a record is dropped for a time window when end + grace <= stream time,
 *     one `dropped` entry per (record, window), with `window`; a record accepted by no window is late;
 *   - without suppress: every accepted record emits the updated value of each window it touched
 *     (firing 'update', windows in start order, at the record's processing time);
 *   - suppress untilWindowCloses: one 'on-time' result per window once end + grace <= stream time,
 *     ordered by window end, then key, then start;
 *   - hopping windows start at multiples of the advance and never before 0;
 *   - sessions are closed intervals [first, last]; a record at t merges every session with
 *     start <= t + gap and end >= t - gap; dropped when the merged end < stream time - grace - gap;
 *     without suppress each merged-away session is retracted (its last value) before the update;
 *     suppressed, a session emits once stream time >= end + gap + grace.
 * Arrival rule: an entry without arrivalTime arrives 1 ms after the previous one (the first at 0),
 * so "@n" is the processing time of the n-th entry (from 0).
 * Rows are [key, window start, window end, value, firing, emittedAt]; '-' marks a retraction.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/index';
import { ev, runToEnd, scripted, streamingRows } from '../../helpers/scripted';

const ks = { semantics: 'kafka-streams', window: { type: 'tumbling', size: 10000 }, aggregate: 'count', flushAtEnd: false };
const suppressed = { ...ks, suppress: 'untilWindowCloses' };
const sessions = { semantics: 'kafka-streams', window: { type: 'session', gap: 1000 }, aggregate: 'count', flushAtEnd: false };
const drops = (run: Run) => run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt, d.window]);

describe('kafka-streams: an update per record, stream time as the watermark', () => {
  it('every record emits the updated count at its own processing time; the end of input adds nothing', () => {
    // k@5 @0: st 5, [0,10000) = 1. k@8000 @1: st 8000, [0,10000) = 2. k@3 @2: st stays 8000
    // (max), 10000 + 0 <= 8000 false -> accepted, [0,10000) = 3. flushAtEnd (default true)
    // closes the window, but without suppress closing emits nothing.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 8000), ev('k', 1, 3)], { ...ks, flushAtEnd: true }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'update', 0],
      ['k', 0, 10000, 2, 'update', 1],
      ['k', 0, 10000, 3, 'update', 2],
    ]);
    // Stream time at each emission: 5, then max(5, 8000) = 8000, then max(8000, 3) = 8000.
    expect(run.modes.streaming.results.map((r) => r.watermark)).toEqual([5, 8000, 8000]);
  });
});

describe('kafka-streams: grace, one millisecond each side', () => {
  it('grace 0: end + grace == stream time drops the record for that window', () => {
    // k@5 @0: st 5 -> [0,10000) = 1. k@10000 @1: st 10000 -> [10000,20000) = 1.
    // k@6 @2: st 10000; [0,10000): 10000 + 0 <= 10000 -> dropped for {0,10000} at @2. No window left: late.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 10000), ev('k', 1, 6)], ks));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'update', 0],
      ['k', 10000, 20000, 1, 'update', 1],
    ]);
    expect(drops(run)).toEqual([[6, 'late', 2, { start: 0, end: 10000 }]]);
    expect(run.modes.streaming.counters.droppedLate).toBe(1);
  });

  it('grace 1000: end + grace == stream time + 1 accepts; once stream time reaches end + grace it drops', () => {
    // k@5 @0: st 5, [0,10000) = 1. k@10999 @1: st 10999, [10000,20000) = 1.
    // k@6 @2: 10000 + 1000 = 11000 <= 10999 false -> accepted: [0,10000) = 2 at @2.
    // k@11000 @3: st 11000, [10000,20000) = 2. k@7 @4: 11000 <= 11000 -> dropped for {0,10000} at @4.
    const entries = [ev('k', 1, 5), ev('k', 1, 10999), ev('k', 1, 6), ev('k', 1, 11000), ev('k', 1, 7)];
    const run = runToEnd(scripted(entries, { ...ks, allowedLateness: 1000 }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'update', 0],
      ['k', 10000, 20000, 1, 'update', 1],
      ['k', 0, 10000, 2, 'update', 2],
      ['k', 10000, 20000, 2, 'update', 3],
    ]);
    expect(drops(run)).toEqual([[7, 'late', 4, { start: 0, end: 10000 }]]);
  });
});

describe('kafka-streams: hopping windows start at multiples of the advance, never before 0', () => {
  it('a record at 3000 is only in [0,10000), with tumbling 10000 and with sliding 10000/5000 alike (Flink adds [-5000,5000))', () => {
    // Sliding: s = k * 5000 with 0 <= s <= 3000 < s + 10000 -> only s = 0 (s = -5000 is before 0).
    // Tumbling: advance = size = 10000 -> s = 0. Either way one update of 1 at @0.
    for (const window of [{ type: 'tumbling', size: 10000 }, { type: 'sliding', size: 10000, slide: 5000 }]) {
      const run = runToEnd(scripted([ev('k', 1, 3000)], { ...ks, window }));
      expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'update', 0]]);
    }
  });

  it('drops are per (record, window): a record dropped from one window may still count in another', () => {
    // size 10000 advance 5000, grace 0.
    // k@12000 @0: st 12000; s in {5000, 10000} (5000 <= 12000 < 15000, 10000 <= 12000 < 20000):
    // updates [5000,15000) = 1 and [10000,20000) = 1, in start order, at @0.
    // k@7000 @1: s in {0, 5000}. [0,10000): 10000 <= 12000 -> dropped for {0,10000};
    // [5000,15000): 15000 <= 12000 false -> accepted, = 2 at @1. Counted (one window accepted it).
    // k@4000 @2: s in {0} only (-5000 is before 0); dropped for {0,10000}: no window -> late.
    const entries = [ev('k', 1, 12000), ev('k', 1, 7000), ev('k', 1, 4000)];
    const run = runToEnd(scripted(entries, { ...ks, window: { type: 'sliding', size: 10000, slide: 5000 } }));
    expect(streamingRows(run)).toEqual([
      ['k', 5000, 15000, 1, 'update', 0],
      ['k', 10000, 20000, 1, 'update', 0],
      ['k', 5000, 15000, 2, 'update', 1],
    ]);
    expect(drops(run)).toEqual([
      [7000, 'late', 1, { start: 0, end: 10000 }],
      [4000, 'late', 2, { start: 0, end: 10000 }],
    ]);
    expect(run.modes.streaming.counters.droppedLate).toBe(1);
    expect(run.modes.streaming.counters.counted).toBe(2);
  });
});

describe('kafka-streams: suppress(untilWindowCloses)', () => {
  it('grace 0: emits once, on time, when the record that makes stream time = end arrives (it counts itself)', () => {
    // k@5 @0 (st 5), k@9999 @1 (st 9999: 10000 <= 9999 false, still open).
    // k@10000 @2: st becomes 10000 before it is processed: 10000 + 0 <= 10000 -> [0,10000)
    // emits its final count 2 at @2 (not at the next record). k@10001 @3: no second emission.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 9999), ev('k', 1, 10000), ev('k', 1, 10001)], suppressed));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 2, 'on-time', 2]]);
    expect(run.modes.streaming.results[0].watermark).toBe(10000);
  });

  it('grace 1000: not at stream time end + grace - 1, at end + grace', () => {
    // k@5 @0 -> [0,10000). k@10999 @1: st 10999, 11000 <= 10999 false. k@11000 @2: 11000 <= 11000:
    // [0,10000) emits 1 (k@10999 and k@11000 are in [10000,20000), which stays open).
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 10999), ev('k', 1, 11000)], { ...suppressed, allowedLateness: 1000 }));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'on-time', 2]]);
  });

  it('windows closed by one record come out by window end, then key', () => {
    // grace 10000. a@15000 @0 (st 15000) -> a[10000,20000). b@5 @1 and a@6 @2: [0,10000) has
    // 10000 + 10000 = 20000 <= 15000 false -> accepted. c@30000 @3: st 30000 closes a[0,10000) and
    // b[0,10000) (20000 <= 30000) and a[10000,20000) (30000 <= 30000), all at @3; c[30000,40000) stays open.
    const entries = [ev('a', 1, 15000), ev('b', 1, 5), ev('a', 1, 6), ev('c', 1, 30000)];
    const run = runToEnd(scripted(entries, { ...suppressed, allowedLateness: 10000 }));
    expect(streamingRows(run)).toEqual([
      ['a', 0, 10000, 1, 'on-time', 3],
      ['b', 0, 10000, 1, 'on-time', 3],
      ['a', 10000, 20000, 1, 'on-time', 3],
    ]);
  });

  it('with flushAtEnd, windows still open at the end of input emit then', () => {
    // k@5 @0; k@10000 @1 closes [0,10000) (1 at @1). End of input at @1: [10000,20000) emits 1.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 10000)], { ...suppressed, flushAtEnd: true }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 10000, 20000, 1, 'on-time', 1],
    ]);
  });
});

describe('kafka-streams: sessions are closed intervals [first, last]', () => {
  it('records at 0 and 1000 with gap 1000 merge into {0, 1000}: the old session is retracted, then the update', () => {
    // k@0 @0 -> {0,0} = 1. k@1000 @1: merges sessions with start <= 2000 and end >= 0: {0,0}.
    // Retract {0,0} (its last value 1), then {0,1000} = 2, both at @1.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 1000)], sessions));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 0, 1, 'update', 0],
      ['k', 0, 0, 1, '-update', 1],
      ['k', 0, 1000, 2, 'update', 1],
    ]);
  });

  it('records at 0 and 1001 with gap 1000 do not merge', () => {
    // k@1001: end >= 1001 - 1000 = 1 is false for {0,0} -> a new session {1001,1001}.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 1001)], sessions));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 0, 1, 'update', 0],
      ['k', 1001, 1001, 1, 'update', 1],
    ]);
  });

  it('a record bridging two sessions retracts both, in start order, then emits the merged one', () => {
    // gap 2000. k@0 @0 -> {0,0}. k@3000 @1: {0,0} has end 0 >= 1000 false -> {3000,3000}.
    // k@1500 @2: start <= 3500 and end >= -500: both -> {0,3000} = 3; 3000 < 3000 - 0 - 2000 false: kept.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 3000), ev('k', 1, 1500)], { ...sessions, window: { type: 'session', gap: 2000 } }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 0, 1, 'update', 0],
      ['k', 3000, 3000, 1, 'update', 1],
      ['k', 0, 0, 1, '-update', 2],
      ['k', 3000, 3000, 1, '-update', 2],
      ['k', 0, 3000, 3, 'update', 2],
    ]);
  });

  it('drop rule at its boundary: merged end < stream time - grace - gap', () => {
    // gap 1000, grace 500. k@5000 @0: st 5000, {5000,5000}. Threshold: 5000 - 500 - 1000 = 3500.
    // k@3499 @1: 3499 + 1000 = 4499 < 5000, no merge; session {3499,3499}: 3499 < 3500 -> dropped at @1.
    // k@3500 @2: no merge (4500 < 5000); 3500 < 3500 false -> kept: {3500,3500} = 1 at @2.
    const run = runToEnd(scripted([ev('k', 1, 5000), ev('k', 1, 3499), ev('k', 1, 3500)], { ...sessions, allowedLateness: 500 }));
    expect(streamingRows(run)).toEqual([
      ['k', 5000, 5000, 1, 'update', 0],
      ['k', 3500, 3500, 1, 'update', 2],
    ]);
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt])).toEqual([[3499, 'late', 1]]);
  });

  it('suppressed: a session emits once, when stream time reaches end + gap + grace', () => {
    // gap 1000, grace 0. k@0 @0 -> {0,0}; k@999 @1 merges (start 0 <= 1999, end 0 >= -1): {0,999} = 2.
    // Key j moves stream time: j@1998 @2: st 1998 < 999 + 1000 = 1999, k still open.
    // j@1999 @3: st 1999 >= 1999 -> k's {0,999} emits 2, on time, at @3. (j's {1998,1999} stays open.)
    const entries = [ev('k', 1, 0), ev('k', 1, 999), ev('j', 1, 1998), ev('j', 1, 1999)];
    const run = runToEnd(scripted(entries, { ...sessions, suppress: 'untilWindowCloses' }));
    expect(streamingRows(run)).toEqual([['k', 0, 999, 2, 'on-time', 3]]);
  });
});

describe('kafka-streams: a negative timestamp fits no window', () => {
  it('is late, with one drop that names no window', () => {
    // k@-1 @0: windows start at multiples of 10000 from 0, and [0, 10000) does not hold -1, so
    // the record is in no window at all: fate late, one windowless drop at @0. k@5 @1 counts.
    const run = runToEnd(scripted([ev('k', 1, -1), ev('k', 1, 5)], ks));
    expect(drops(run)).toEqual([[-1, 'late', 0, undefined]]);
    expect(run.modes.streaming.counters).toMatchObject({ counted: 1, droppedLate: 1 });
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'update', 1]]);
  });
});

describe('kafka-streams: a repeat of a one-record session overwrites it in place', () => {
  it('k@0 twice: [0, 0] = 1, then [0, 0] = 2, with no tombstone between', () => {
    // KStreamSessionWindowAggregate tombstones merged sessions only when the merged window is
    // not the record's own [t, t]; here it is [0, 0] both times, so the store entry is replaced.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 0)], sessions));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 0, 1, 'update', 0],
      ['k', 0, 0, 2, 'update', 1],
    ]);
  });
});
