/**
 * The flink profile, pinned at the one-millisecond boundaries where it disagrees with the
 * other profiles (streaming.test.ts pins the rest of Flink's rules). Every expected value is
 * worked out by hand from the contract (docs/semantics.md, "Semantics profiles"):
 *   - on-time fire when watermark >= end - 1;
 *   - dropped for a window when end - 1 + allowedLateness <= watermark;
 *   - an element landing in a window with end - 1 <= watermark (not dropped) fires a late firing at once;
 *   - sessions [t, t + gap) merge when they overlap or touch;
 *   - `afterWatermark` early/late sub-triggers work as Beam's, without Beam's extras
 *     (no empty on-time pane, no flush of pending late data at expiry, no pane index).
 * Arrival rule: an entry without arrivalTime arrives 1 ms after the previous one (the first at 0),
 * so "@n" is the processing time of the n-th entry (from 0) until the first processingTime entry.
 * Rows are [key, window start, window end, value, firing, emittedAt].
 */
import { describe, expect, it } from 'vitest';
import { ev, runToEnd, scripted, streamingRows, wm } from '../../helpers/scripted';

const tumbling10s = { window: { type: 'tumbling', size: 10000 }, aggregate: 'count' };
const unnamed = { ...tumbling10s, flushAtEnd: false };
const flink = { semantics: 'flink', ...unnamed };

describe('flink: on-time firing at end - 1', () => {
  it('fires [0, 10000) at watermark 9999 (Beam waits for 10000); results carry no pane index', () => {
    // k@5 @0 -> [0,10000). wm 9999 @1: 9999 >= 10000 - 1, on time, count 1, at @1.
    const entries = [ev('k', 1, 5), wm(9999)];
    const run = runToEnd(scripted(entries, flink));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'on-time', 1]]);
    expect(run.modes.streaming.results[0].pane).toBeUndefined();
  });

  it('is the default profile: the same stream without `semantics` gives the same rows', () => {
    // Same derivation as above: one on-time firing of 1 at @1.
    const entries = [ev('k', 1, 5), wm(9999)];
    expect(streamingRows(runToEnd(scripted(entries, unnamed)))).toEqual([['k', 0, 10000, 1, 'on-time', 1]]);
  });

  it('a new window already behind a watermark of exactly end - 1 fires late at once (Beam would not: 9999 < end)', () => {
    // wm 9999 @0, then k@5 @1 with allowedLateness 1000: [0,10000) is behind (9999 <= 9999)
    // but not late (9999 + 1000 = 10999 > 9999): a late firing with count 1 at @1.
    const run = runToEnd(scripted([wm(9999), ev('k', 1, 5)], { ...flink, allowedLateness: 1000 }));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'late', 1]]);
    expect(run.modes.streaming.dropped).toEqual([]);
  });
});

describe('flink: allowed lateness, the element at watermark end - 1 + L', () => {
  // L = 1000, window [0,10000): the limit is end - 1 + L = 9999 + 1000 = 10999.
  const processor = { ...flink, allowedLateness: 1000 };

  it('at watermark 10998 (one ms before the limit) a late element is kept and fires a late firing', () => {
    // k@5 @0; wm 10998 @1 fires on time (10998 >= 9999): count 1 at @1.
    // k@6 @2: 10999 <= 10998 is false -> not dropped; behind -> late firing, accumulating 1 + 1 = 2 at @2.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10998), ev('k', 1, 6)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 0, 10000, 2, 'late', 2],
    ]);
    expect(run.modes.streaming.dropped).toEqual([]);
  });

  it('at watermark 10999 (= end - 1 + L) the element is dropped (Beam keeps it until 11000)', () => {
    // k@5 @0; wm 10999 @1 fires on time, count 1 at @1. k@6 @2: 10999 <= 10999 -> dropped late at @2.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10999), ev('k', 1, 6)], processor));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'on-time', 1]]);
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt])).toEqual([[6, 'late', 2]]);
  });
});

describe('flink: sessions merge on touch, not across a 1 ms hole', () => {
  // (Events at 0 and 1000 with gap 1000 touching into [0, 2000) are pinned in streaming.test.ts.)
  it('events at 0 and 1001 with gap 1000 stay two sessions [0,1000) and [1001,2001)', () => {
    // [0,1000) and [1001,2001): 1000 < 1001, neither overlap nor touch. End of input at @1
    // (+infinity watermark) fires both, in order of window end, count 1 each.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 1001)], { semantics: 'flink', window: { type: 'session', gap: 1000 }, aggregate: 'count' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 1],
      ['k', 1001, 2001, 1, 'on-time', 1],
    ]);
  });
});

describe('flink: sliding windows are placed before 0 too (Kafka Streams starts at 0)', () => {
  it('a record at 3000 with size 10000 slide 5000 is in [-5000,5000) and [0,10000)', () => {
    // Window starts are multiples of 5000 with s <= 3000 < s + 10000: s = -5000 and s = 0.
    // End of input at @0 fires both, by window end: count 1 each.
    const run = runToEnd(scripted([ev('k', 1, 3000)], { semantics: 'flink', window: { type: 'sliding', size: 10000, slide: 5000 }, aggregate: 'count' }));
    expect(streamingRows(run)).toEqual([
      ['k', -5000, 5000, 1, 'on-time', 0],
      ['k', 0, 10000, 1, 'on-time', 0],
    ]);
  });
});

describe('flink with the afterWatermark trigger: none of Beam\'s extras', () => {
  it('discarding: after an early count pane took everything, the on-time firing emits nothing (Beam emits 0)', () => {
    // early elementCountAtLeast 2: k@1 @0, k@2 @1 -> 2 elements at @1: early firing of 2.
    // wm 9999 @2: on time, but discarding with nothing new since the last firing -> nothing.
    const processor = { ...flink, accumulation: 'discarding', trigger: { type: 'afterWatermark', early: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 1), ev('k', 1, 2), wm(9999)], processor));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 2, 'early', 1]]);
    expect(run.modes.streaming.results[0].pane).toBeUndefined();
  });

  it('late elementCountAtLeast 2 with a single late element: nothing is flushed when the state is released', () => {
    // allowedLateness 1000. k@5 @0; wm 9999 @1: on time, 1 at @1. k@6 @2: behind, not late
    // (10999 > 9999); the late sub-trigger needs 2 elements and has 1. wm 11000 @3 >= 10999:
    // state released; Flink does not flush the pending element (Beam would emit a late pane).
    const processor = { ...flink, allowedLateness: 1000, trigger: { type: 'afterWatermark', late: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 5), wm(9999), ev('k', 1, 6), wm(11000)], processor));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'on-time', 1]]);
  });

  it('early processingTimeAfterFirstElementInPane: no fire at first + delay - 1, fires at first + delay', () => {
    // delay 1000. k@1 arrives at 100 (first element of the pane: timer due at 100 + 1000 = 1100).
    // processingTime 1099: not due; k@2 arrives at 1099. processingTime 1100: the timer fires
    // before the marker read at 1100: early, count 2. Then wm 9999 at 1100: on time (9999 >= 9999),
    // accumulating: 2 again.
    const processor = { ...flink, trigger: { type: 'afterWatermark', early: { type: 'processingTimeAfterFirstElementInPane', delay: 1000 } } };
    const entries = [{ processingTime: 100 }, ev('k', 1, 1), { processingTime: 1099 }, ev('k', 1, 2), { processingTime: 1100 }, wm(9999)];
    const run = runToEnd(scripted(entries, processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 2, 'early', 1100],
      ['k', 0, 10000, 2, 'on-time', 1100],
    ]);
  });
});
