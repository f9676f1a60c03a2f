/**
 * Two of Beam's rules, pinned by hand (docs/semantics.md, "Semantics profiles"):
 *
 * 1. Merged sessions keep the earliest pending processing-time timer of the sessions they merge.
 *    Beam's AfterProcessingTime keeps its "delayed until" time as combining state with a minimum,
 *    and on merge combines the merging windows' values and sets a timer at the result
 *    (runners/core-java/.../triggers/AfterDelayFromFirstElementStateMachine.java, onMerge).
 *
 * 2. Late data is dropped per window: LateDataDroppingDoFnRunner's LateDataFilter looks at each
 *    window of each element and drops (and counts in droppedDueToLateness) only the windows whose
 *    garbage-collection time is before the input watermark; the element goes on in its other
 *    windows. Streamlab lists one drop per element and window; the record's fate is late only
 *    when every window dropped it.
 *
 * Arrival rule (test/helpers/scripted.ts): an entry arrives 1 ms after the previous one, or at the
 * last {processingTime T}; timers due at or before T fire before the entries that arrive at T.
 * Rows are [key, window start, window end, value, firing, emittedAt].
 */
import { describe, expect, it } from 'vitest';
import { ev, runToEnd, scripted, streamingRows, wm } from '../../helpers/scripted';

describe('beam: a merged session keeps the earliest pending processing-time timer', () => {
  const processor = {
    semantics: 'beam',
    window: { type: 'session', gap: 1000 },
    aggregate: 'count',
    flushAtEnd: false,
    trigger: { type: 'afterWatermark', early: { type: 'processingTimeAfterFirstElementInPane', delay: 1000 } },
  };
  const entries = [
    { processingTime: 100 },
    ev('k', 1, 0), // at 100: session [0,1000); the pane's first element arms a timer at 100 + 1000 = 1100
    { processingTime: 500 },
    ev('k', 1, 1500), // at 500: [1500,2500), apart from [0,1000) (1000 <= 1500); its timer at 500 + 1000 = 1500
    { processingTime: 900 },
    ev('k', 1, 800), // at 900: [800,1800) overlaps both (800 < 1000, 1500 < 1800): merged [0,2500)
    { processingTime: 2000 },
    wm(2500), // at 2000: 2500 >= 2500, the on-time pane
  ];

  it('fires the early pane at 1100 (min of 1100 and 1500), not 900 + 1000 = 1900, and before the on-time pane', () => {
    // The merged [0,2500) keeps min(1100, 1500) = 1100; the merging element finds a timer set and
    // arms none (as AfterDelayFromFirstElement.onElement). At 1100: early, count 3, pane 0. No new
    // element after it, so no new timer. At 2000: wm 2500 fires on time, accumulating 3, pane 1.
    const run = runToEnd(scripted(entries, processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 2500, 3, 'early', 1100],
      ['k', 0, 2500, 3, 'on-time', 2000],
    ]);
    expect(run.modes.streaming.results.map((r) => r.pane)).toEqual([0, 1]);
    const d = run.modes.streaming.decisions.at(0);
    expect([d.rule, d.time, d.threshold, d.windowStart, d.windowEnd]).toEqual(['trigger.processing-time', 1100, 1100, 0, 2500]);
  });

  it('Flink keeps its rule: the early-interval trigger re-arms on the merging element', () => {
    // Flink sessions with an aligned early interval of 1000: [0,1000) arms at the next multiple
    // after 100, 1000; [1500,2500) at the next multiple after 500, also 1000. The merge at 900
    // stops both; the merging element arms the next multiple after 900: 1000. At 1000: early 3.
    // At 2000: wm 2499 (Flink's on-time point, end - 1) fires on time, 3.
    const flink = { window: { type: 'session', gap: 1000 }, aggregate: 'count', flushAtEnd: false, trigger: { type: 'early', interval: 1000 } };
    const flinkEntries = entries.map((e) => ('watermark' in e ? wm(2499) : e));
    const run = runToEnd(scripted(flinkEntries, flink));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 2500, 3, 'early', 1000],
      ['k', 0, 2500, 3, 'on-time', 2000],
    ]);
  });
});

describe('beam: late data is dropped per window', () => {
  const sliding = { window: { type: 'sliding', size: 10000, slide: 5000 }, aggregate: 'count', flushAtEnd: false };
  const drops = (run: ReturnType<typeof runToEnd>) =>
    run.modes.streaming.dropped.map((d) => [d.eventTime, d.window ? [d.window.start, d.window.end] : null, d.droppedAt]);

  it('an element too late for one sliding window is listed as dropped there and still counts in the other', () => {
    // k@7000 @0 goes to [5000,15000) and [0,10000). wm 10000 @1: [0,10000) on time, 1; it expires at
    // 10000 + 0 <= 10000. k@8000 @2: [5000,15000) takes it; [0,10000) drops it: one drop, with that
    // window; the record is counted. k@3000 @3: [0,10000) and [-5000,5000) (5000 <= 10000) are both
    // expired: two drops (latest window first, as the assigner lists them); the record is late.
    // wm 15000 @4: [5000,15000) on time with k@7000 and k@8000: 2.
    const entries = [ev('k', 1, 7000), wm(10000), ev('k', 1, 8000), ev('k', 1, 3000), wm(15000)];
    const run = runToEnd(scripted(entries, { ...sliding, semantics: 'beam' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'on-time', 1],
      ['k', 5000, 15000, 2, 'on-time', 4],
    ]);
    expect(drops(run)).toEqual([
      [8000, [0, 10000], 2],
      [3000, [0, 10000], 3],
      [3000, [-5000, 5000], 3],
    ]);
    const c = run.modes.streaming.counters;
    expect([c.counted, c.droppedLate]).toEqual([2, 1]);
  });

  it('Flink keeps its rule: one drop per record, only when every window skipped it', () => {
    // The same with Flink's thresholds (wm 9999 = 10000 - 1, wm 14999): k@8000 is counted in
    // [5000,15000) and not listed; k@3000 is skipped by both its windows: one drop, no window.
    const entries = [ev('k', 1, 7000), wm(9999), ev('k', 1, 8000), ev('k', 1, 3000), wm(14999)];
    const run = runToEnd(scripted(entries, sliding));
    expect(drops(run)).toEqual([[3000, null, 3]]);
    const c = run.modes.streaming.counters;
    expect([c.counted, c.droppedLate]).toEqual([2, 1]);
  });
});
