/**
 * The beam profile, pinned with small scripted streams. Every expected value is worked out by
 * hand from the contract (docs/semantics.md, "Semantics profiles"):
 *   - on-time pane when watermark >= end (a watermark of exactly end - 1 does not fire);
 *   - droppable when end - 1 + allowedLateness < watermark (strict); the state expires at the same
 *     point, and late data still pending then is emitted as a final late pane;
 *   - the on-time pane fires even when empty; empty early and late panes never fire;
 *   - a new or merged window already behind the watermark fires at once as a late pane;
 *   - afterWatermark early/late sub-triggers repeat; without `late`, every late element fires a late pane;
 *   - `pane`: 0 for a window's first pane, +1 per pane; a merged session starts again at 0;
 *   - sessions [t, t + gap) merge only when they strictly overlap (touching ones stay apart).
 * Arrival rule: an entry without arrivalTime arrives 1 ms after the previous one (the first at 0),
 * so "@n" is the processing time of the n-th entry (from 0) until the first processingTime entry;
 * after it, entries arrive at the last processingTime T (timers due at or before T fire first).
 * Rows are [key, window start, window end, value, firing, emittedAt].
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/index';
import { ev, runToEnd, scripted, streamingRows, wm } from '../../helpers/scripted';

const beam = { semantics: 'beam', window: { type: 'tumbling', size: 10000 }, aggregate: 'count', flushAtEnd: false };
const beamSessions = { semantics: 'beam', window: { type: 'session', gap: 1000 }, aggregate: 'count' };
const panes = (run: Run) => run.modes.streaming.results.map((r) => r.pane);
const drops = (run: Run) => run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt]);

describe('beam: the on-time pane needs watermark >= end', () => {
  it('a watermark of 9999 (= end - 1) does not fire [0, 10000) (Flink would)', () => {
    // k@5 @0, wm 9999 @1: 9999 >= 10000 is false. No end of input flush: nothing at all.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(9999)], beam));
    expect(streamingRows(run)).toEqual([]);
  });

  it('a watermark of 10000 fires the on-time pane, pane index 0', () => {
    // k@5 @0, wm 9999 @1 (nothing), wm 10000 @2: 10000 >= 10000, on time, count 1 at @2.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(9999), wm(10000)], beam));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'on-time', 2]]);
    expect(panes(run)).toEqual([0]);
    expect(run.modes.streaming.results[0].watermark).toBe(10000);
  });
});

describe('beam: allowed lateness L = 1000 on [0, 10000): the limit is end - 1 + L = 10999, strict', () => {
  const processor = { ...beam, allowedLateness: 1000 };

  it('at watermark 10999 a late element is kept: a late pane at once (Flink drops it); nothing more at expiry', () => {
    // k@5 @0; wm 10999 @1: on-time pane, count 1, pane 0 at @1. 10999 > 10999 is false: not expired.
    // k@6 @2: 10999 < 10999 is false -> not droppable; no late sub-trigger -> late pane at once,
    // accumulating 1 + 1 = 2, pane 1, at @2.
    // wm 11000 @3: 11000 > 10999 -> state expires; no late data pending -> no (empty) late pane.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10999), ev('k', 1, 6), wm(11000)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 0, 10000, 2, 'late', 2],
    ]);
    expect(panes(run)).toEqual([0, 1]);
    expect(run.modes.streaming.dropped).toEqual([]);
  });

  it('at watermark 11000 (= 10000 + L) the element is dropped', () => {
    // k@5 @0; wm 11000 @1: on-time pane (11000 >= 10000) with count 1 at @1, then the state expires
    // (11000 > 10999). k@6 @2: 10999 < 11000 -> droppable: dropped late at @2.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(11000), ev('k', 1, 6)], processor));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'on-time', 1]]);
    expect(drops(run)).toEqual([[6, 'late', 2]]);
  });

  it('retracting: the late pane retracts the on-time value, then emits the new one', () => {
    // As two tests above: on-time 1 at @1; k@6 @2 fires a late pane: retract 1, emit 2, both at @2.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10999), ev('k', 1, 6)], { ...processor, accumulation: 'retracting' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 0, 10000, 1, '-late', 2],
      ['k', 0, 10000, 2, 'late', 2],
    ]);
  });
});

describe('beam: a new window already behind the watermark fires at once as late', () => {
  const processor = { ...beam, allowedLateness: 5000 };

  it('wm 10000 then k@5: [0,10000) is new and behind (10000 >= 10000), not droppable: late pane 0 at once', () => {
    // 9999 + 5000 = 14999 < 10000 is false -> kept. Behind -> late pane, count 1, pane 0, at @1.
    const run = runToEnd(scripted([wm(10000), ev('k', 1, 5)], processor));
    expect(streamingRows(run)).toEqual([['k', 0, 10000, 1, 'late', 1]]);
    expect(panes(run)).toEqual([0]);
  });

  it('wm 9999 then k@5: not behind yet (9999 < 10000), so nothing fires (Flink fires late here)', () => {
    const run = runToEnd(scripted([wm(9999), ev('k', 1, 5)], processor));
    expect(streamingRows(run)).toEqual([]);
  });
});

describe('beam: panes and their indices', () => {
  it('discarding after an early count pane: the on-time pane fires empty (0), then a late pane; panes 0, 1, 2', () => {
    // early elementCountAtLeast 2, allowedLateness 5000.
    // k@1 @0, k@2 @1: 2 elements -> early pane with 2 at @1, pane 0 (discarding: the pane is emptied).
    // wm 10000 @2: on-time pane even though empty: count 0 at @2, pane 1.
    // k@3 @3: late (behind: 10000 >= 10000), not droppable (14999 < 10000 false); no late trigger ->
    // late pane at once with only itself (discarding): 1 at @3, pane 2.
    const processor = { ...beam, allowedLateness: 5000, accumulation: 'discarding', trigger: { type: 'afterWatermark', early: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 1), ev('k', 1, 2), wm(10000), ev('k', 1, 3)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 2, 'early', 1],
      ['k', 0, 10000, 0, 'on-time', 2],
      ['k', 0, 10000, 1, 'late', 3],
    ]);
    expect(panes(run)).toEqual([0, 1, 2]);
  });

  it('the early count sub-trigger repeats: panes at the 2nd and 4th element, then on time (accumulating)', () => {
    // early elementCountAtLeast 2; k@1..k@4 at @0..@3, wm 10000 @4.
    // 2nd element @1: early 2, pane 0. The sub-trigger starts again: 4th element @3: early 4, pane 1.
    // wm 10000 @4: on time, accumulating 4, pane 2.
    const processor = { ...beam, trigger: { type: 'afterWatermark', early: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 1), ev('k', 1, 2), ev('k', 1, 3), ev('k', 1, 4), wm(10000)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 2, 'early', 1],
      ['k', 0, 10000, 4, 'early', 3],
      ['k', 0, 10000, 4, 'on-time', 4],
    ]);
    expect(panes(run)).toEqual([0, 1, 2]);
  });

  it('early processingTimeAfterFirstElementInPane: no pane at first + delay - 1, a pane at first + delay', () => {
    // delay 1000. {processingTime 100}: k@1 arrives at 100, the pane's first element: due at 1100.
    // {processingTime 1099}: 1099 < 1100, no pane; k@2 arrives at 1099 (so a pane at 1099 would hold 1).
    // {processingTime 1100}: the timer fires before the marker read at 1100: early 2, pane 0.
    // wm 10000 arrives at 1100: on time, accumulating 2, pane 1.
    const processor = { ...beam, trigger: { type: 'afterWatermark', early: { type: 'processingTimeAfterFirstElementInPane', delay: 1000 } } };
    const entries = [{ processingTime: 100 }, ev('k', 1, 1), { processingTime: 1099 }, ev('k', 1, 2), { processingTime: 1100 }, wm(10000)];
    const run = runToEnd(scripted(entries, processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 2, 'early', 1100],
      ['k', 0, 10000, 2, 'on-time', 1100],
    ]);
    expect(panes(run)).toEqual([0, 1]);
  });

  it('late elementCountAtLeast 2 with one late element: flushed as a final late pane when the state expires', () => {
    // allowedLateness 1000: expiry when watermark > 9999 + 1000 = 10999.
    // k@5 @0; wm 10000 @1: on time, 1, pane 0. k@6 @2: late, kept (10999 < 10000 false); the late
    // sub-trigger has 1 of 2 elements: pending. wm 10999 @3: 10999 > 10999 false, not expired: nothing.
    // wm 11000 @4: expired; the pending element is flushed: late, accumulating 1 + 1 = 2, pane 1, at @4.
    const processor = { ...beam, allowedLateness: 1000, trigger: { type: 'afterWatermark', late: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10000), ev('k', 1, 6), wm(10999), wm(11000)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 0, 10000, 2, 'late', 4],
    ]);
    expect(panes(run)).toEqual([0, 1]);
  });
});

describe('beam: sessions merge only when they strictly overlap', () => {
  it('events at 0 and 1000 with gap 1000 stay two sessions [0,1000) and [1000,2000) (Flink: one [0,2000))', () => {
    // [0,1000) and [1000,2000): 1000 < 1000 is false -> they touch, no overlap.
    // End of input at @1 (+infinity watermark): both on time, by window end, 1 each, pane 0.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 1000)], beamSessions));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 1],
      ['k', 1000, 2000, 1, 'on-time', 1],
    ]);
    expect(panes(run)).toEqual([0, 0]);
  });

  it('events at 0 and 999 overlap by 1 ms: one session [0, 1999)', () => {
    // [0,1000) and [999,1999): 0 < 1999 && 999 < 1000 -> merged [0,1999), count 2, at end of input @1.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 999)], beamSessions));
    expect(streamingRows(run)).toEqual([['k', 0, 1999, 2, 'on-time', 1]]);
  });

  it('an element overlapping two touching sessions bridges them', () => {
    // [0,1000) and [1000,2000) stay apart; k@500 -> [500,1500) overlaps both -> [0,2000), count 3 at @2.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 1000), ev('k', 1, 500)], beamSessions));
    expect(streamingRows(run)).toEqual([['k', 0, 2000, 3, 'on-time', 2]]);
  });

  it('a merged session is a new window: its first pane is 0 again, and behind the watermark it fires late at once', () => {
    // gap 1000, allowedLateness 5000, no end of input flush.
    // k@0 @0 -> A [0,1000). wm 3000 @1: A on time, 1, pane 0.
    // k@1500 @2 -> B [1500,2500): new, behind (3000 >= 2500), not droppable (2499 + 5000 < 3000 false):
    // late pane at once, 1, pane 0.
    // k@900 @3 -> [900,1900) overlaps A (0 < 1900 && 900 < 1000) and B (900 < 2500 && 1500 < 1900):
    // merged [0,2500), behind (3000 >= 2500): late at once, accumulating 3, pane 0 (not 1: a new window).
    const processor = { ...beamSessions, allowedLateness: 5000, flushAtEnd: false };
    const run = runToEnd(scripted([ev('k', 1, 0), wm(3000), ev('k', 1, 1500), ev('k', 1, 900)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 1],
      ['k', 1500, 2500, 1, 'late', 2],
      ['k', 0, 2500, 3, 'late', 3],
    ]);
    expect(panes(run)).toEqual([0, 0, 0]);
  });
});

describe('beam: a session element is judged late by its own window, before merging', () => {
  it('k@4500 at watermark 5500 is dropped although it would merge into the live [5000, 6000)', () => {
    // gap 1000, lateness 0. k@5000 @0 opens [5000, 6000). wm 5500 @1: nothing fires (5500 < 6000).
    // k@4500 @2: its own window [4500, 5500) has 5499 + 0 < 5500: droppable, dropped at @2
    // (Flink merges first: [4500, 6000) is not late, so it would count 2).
    // End of input: +inf fires [5000, 6000) = 1 on time, pane 0.
    const run = runToEnd(scripted([ev('k', 1, 5000), wm(5500), ev('k', 1, 4500)], beamSessions));
    expect(streamingRows(run)).toEqual([['k', 5000, 6000, 1, 'on-time', 2]]);
    expect(drops(run)).toEqual([[4500, 'late', 2]]);
    const flink = runToEnd(scripted([ev('k', 1, 5000), wm(5500), ev('k', 1, 4500)], { ...beamSessions, semantics: 'flink' }));
    expect(streamingRows(flink)).toEqual([['k', 4500, 6000, 2, 'on-time', 2]]);
  });
});

describe('beam: a "never" late sub-trigger holds late data for the final pane', () => {
  it('late elements wait until the window expires, then go out as one late pane', () => {
    // [0, 10000), lateness 1000, late: never. k@5 @0; wm 10000 @1: on-time 1, pane 0.
    // k@6 @2, k@7 @3: late, not droppable (9999 + 1000 < 10000 is false); never fires them.
    // wm 11000 @4: 11000 > 10999, the window expires with 2 pending: final late pane 3, pane 1.
    const processor = { ...beam, allowedLateness: 1000, trigger: { type: 'afterWatermark', late: { type: 'never' } } };
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10000), ev('k', 1, 6), ev('k', 1, 7), wm(11000)], processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 0, 10000, 3, 'late', 4],
    ]);
    expect(panes(run)).toEqual([0, 1]);
    // Flink has no final pane: the pending late elements go with the state.
    const flink = runToEnd(scripted([ev('k', 1, 5), wm(10000), ev('k', 1, 6), ev('k', 1, 7), wm(11000)], { ...processor, semantics: 'flink' }));
    expect(streamingRows(flink)).toEqual([['k', 0, 10000, 1, 'on-time', 1]]);
  });
});
