/**
 * The window operator's decision record, pinned with small scripted streams. Each expected
 * decision is worked out by hand from the rules (docs/semantics.md):
 *   Flink: on time at watermark >= end - 1; dropped from a window at watermark >= end - 1 + L.
 *   Beam:  on time at watermark >= end;     dropped from a window at watermark >= end + L.
 * A firing records FIRE (FIRE_AND_PURGE under discarding) with its trigger rule, the watermark
 * and its threshold: the on-time point for watermark and element firings, the due time for
 * processing-time timers, the expiry point for Beam's expiry flush. A late drop or a late
 * acceptance records the watermark and the expiry threshold end + shift + L. CONTINUE is
 * never recorded.
 * Rows are record indices in the log (markers are not records); "@n" is the n-th entry's
 * processing time (1 ms apart from 0, see test/helpers/scripted.ts).
 * Tuples: [time, verdict, rule, row, windowStart, windowEnd, clock (watermark), threshold].
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/index';
import { ev, runToEnd, scripted, wm } from '../../helpers/scripted';

type Tuple = [number, string, string, number, number, number, number, number];

function decisions(run: Run, mode: 'streaming' | 'batch' = 'streaming'): Tuple[] {
  const output = run.modes[mode];
  if (output === null) throw new Error(`no ${mode} output`);
  const log = output.decisions;
  const out: Tuple[] = [];
  for (let i = 0; i < log.length; i++) {
    const d = log.at(i);
    out.push([d.time, d.verdict, d.rule, d.row, d.windowStart, d.windowEnd, d.clock, d.threshold]);
  }
  return out;
}

const flink = { window: { type: 'tumbling', size: 10000 }, aggregate: 'count', flushAtEnd: false };
const beam = { ...flink, semantics: 'beam' };

describe('tumbling windows', () => {
  it('Flink: an on-time firing at end - 1, then a late drop at end - 1 + 0', () => {
    // k@5 (row 0) @0. wm 9999 @1: 9999 >= 10000 - 1: fire [0,10000) on time, threshold 9999;
    // the state expires at the same watermark (9999 >= 9999 + 0). k@6 (row 1) @2: 9999 + 0 <= 9999:
    // dropped from [0,10000), lateness.flink, threshold 9999.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(9999), ev('k', 1, 6)], flink));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.on-time', -1, 0, 10000, 9999, 9999],
      [2, 'late-dropped', 'lateness.flink', 1, 0, 10000, 9999, 9999],
    ]);
  });

  it('Flink with allowedLateness 1000: a late acceptance then a late-element firing naming the record', () => {
    // As above, but the state lives until 9999 + 1000 = 10999. k@6 (row 1) @2 at wm 9999: not
    // dropped (10999 > 9999), past the on-time point 9999: accepted late, threshold 10999; the
    // late element fires the window at once (rule trigger.late-element, threshold the on-time point 9999).
    const run = runToEnd(scripted([ev('k', 1, 5), wm(9999), ev('k', 1, 6)], { ...flink, allowedLateness: 1000 }));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.on-time', -1, 0, 10000, 9999, 9999],
      [2, 'late-accepted', 'lateness.flink', 1, 0, 10000, 9999, 10999],
      [2, 'fire', 'trigger.late-element', 1, 0, 10000, 9999, 9999],
    ]);
  });

  it('Beam: on time at end, dropped at end + 0; discarding records fire-and-purge', () => {
    // k@5 @0. wm 9999 @1: 9999 >= 10000 is false, nothing. wm 10000 @2: on time, threshold 10000;
    // discarding: fire-and-purge. Expired at the same watermark (10000 >= 10000 + 0).
    // k@6 (row 1) @3: dropped, lateness.beam, threshold 10000.
    const run = runToEnd(scripted([ev('k', 1, 5), wm(9999), wm(10000), ev('k', 1, 6)], { ...beam, accumulation: 'discarding' }));
    expect(decisions(run)).toEqual([
      [2, 'fire-and-purge', 'trigger.on-time', -1, 0, 10000, 10000, 10000],
      [3, 'late-dropped', 'lateness.beam', 1, 0, 10000, 10000, 10000],
    ]);
  });

  it('the end of input fires with trigger.end-of-input, at an infinite watermark; batch records its final firings', () => {
    // k@5 @0, k@12000 @1, then the +infinity watermark at @1: [0,10000) then [10000,20000) fire,
    // thresholds their on-time points 9999 and 19999. Batch fires the same two windows.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 12000)], { ...flink, flushAtEnd: true }));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.end-of-input', -1, 0, 10000, Infinity, 9999],
      [1, 'fire', 'trigger.end-of-input', -1, 10000, 20000, Infinity, 19999],
    ]);
    expect(decisions(run, 'batch').map((d) => [d[1], d[2], d[4], d[5], d[6]])).toEqual([
      ['fire', 'trigger.end-of-input', 0, 10000, Infinity],
      ['fire', 'trigger.end-of-input', 10000, 20000, Infinity],
    ]);
  });
});

describe('sliding windows: one lateness verdict per element and window', () => {
  const sliding = { window: { type: 'sliding', size: 10000, slide: 5000 }, aggregate: 'count', flushAtEnd: false };

  it('Flink: k@8000 after wm 9999 is dropped from [0,10000) only, and counted in [5000,15000)', () => {
    // k@7000 (row 0) @0 goes to [5000,15000) and [0,10000). wm 9999 @1: [0,10000) fires (9999 >= 9999)
    // and expires. k@8000 (row 1) @2: [5000,15000) takes it (on time: 9999 < 14999);
    // [0,10000) is expired: one late-dropped verdict for that window, threshold 9999.
    const run = runToEnd(scripted([ev('k', 1, 7000), wm(9999), ev('k', 1, 8000)], sliding));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.on-time', -1, 0, 10000, 9999, 9999],
      [2, 'late-dropped', 'lateness.flink', 1, 0, 10000, 9999, 9999],
    ]);
    expect(run.modes.streaming.counters.droppedLate).toBe(0);
  });

  it('Beam: the same at wm 10000, naming lateness.beam and the threshold end + 0 = 10000', () => {
    const run = runToEnd(scripted([ev('k', 1, 7000), wm(10000), ev('k', 1, 8000)], { ...sliding, semantics: 'beam' }));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.on-time', -1, 0, 10000, 10000, 10000],
      [2, 'late-dropped', 'lateness.beam', 1, 0, 10000, 10000, 10000],
    ]);
  });
});

describe('session windows', () => {
  it('Flink: a merged session fires once on time; an element too late for any session is dropped by its own window', () => {
    // gap 1000. k@0 (row 0) @0 opens [0,1000); k@500 (row 1) @1 merges: [0,1500). wm 1499 @2:
    // 1499 >= 1500 - 1: fire [0,1500), threshold 1499; expired too. k@100 (row 2) @3: its session
    // [100,1100) merges with nothing live and is late: 1100 - 1 + 0 <= 1499, threshold 1099.
    const processor = { window: { type: 'session', gap: 1000 }, aggregate: 'count', flushAtEnd: false };
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 500), wm(1499), ev('k', 1, 100)], processor));
    expect(decisions(run)).toEqual([
      [2, 'fire', 'trigger.on-time', -1, 0, 1500, 1499, 1499],
      [3, 'late-dropped', 'lateness.flink', 2, 100, 1100, 1499, 1099],
    ]);
  });

  it('Beam: an element is judged by its own window before merging', () => {
    // gap 1000, allowedLateness 0. k@5000 (row 0) @0: [5000,6000). wm 5500 @1: nothing fires.
    // k@4500 (row 1) @2: its own [4500,5500) expires at 5500 + 0 <= 5500: dropped (lateness.beam,
    // threshold 5500), although it would merge into the live [5000,6000).
    const processor = { semantics: 'beam', window: { type: 'session', gap: 1000 }, aggregate: 'count', flushAtEnd: false };
    const run = runToEnd(scripted([ev('k', 1, 5000), wm(5500), ev('k', 1, 4500)], processor));
    expect(decisions(run)).toEqual([[2, 'late-dropped', 'lateness.beam', 1, 4500, 5500, 5500, 5500]]);
  });
});

describe('processing-time and count triggers', () => {
  it('Flink early interval: the timer firing records its due time as the threshold', () => {
    // interval 1000. k@5 (row 0) arrives at 0: the window's first element arms the aligned timer at
    // 0 - 0 + 1000 = 1000. {processingTime 1000}: it fires early, watermark still -infinity,
    // threshold 1000. wm 9999 arrives at 1000: on time (accumulating: fires again), threshold 9999.
    const processor = { ...flink, trigger: { type: 'early', interval: 1000 } };
    const run = runToEnd(scripted([ev('k', 1, 5), { processingTime: 1000 }, wm(9999)], processor));
    expect(decisions(run)).toEqual([
      [1000, 'fire', 'trigger.early-interval', -1, 0, 10000, -Infinity, 1000],
      [1000, 'fire', 'trigger.on-time', -1, 0, 10000, 9999, 9999],
    ]);
  });

  it('Beam early elementCountAtLeast 2 (discarding): fire-and-purge naming the 2nd element; then the empty on-time pane', () => {
    // k@1 (row 0) @0: 1 of 2, continue (not recorded). k@2 (row 1) @1: 2 >= 2: fire-and-purge,
    // rule trigger.element-count, threshold the on-time point 10000. wm 10000 @2: Beam's on-time
    // pane fires even empty: fire-and-purge, trigger.on-time.
    const processor = { ...beam, accumulation: 'discarding', trigger: { type: 'afterWatermark', early: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 1), ev('k', 1, 2), wm(10000)], processor));
    expect(decisions(run)).toEqual([
      [1, 'fire-and-purge', 'trigger.element-count', 1, 0, 10000, -Infinity, 10000],
      [2, 'fire-and-purge', 'trigger.on-time', -1, 0, 10000, 10000, 10000],
    ]);
  });

  it('Beam late processingTimeAfterFirstElementInPane: accepted late, then fired by the timer at its due time', () => {
    // allowedLateness 5000, late delay 500. k@1 (row 0) @0; wm 10000 @1: on time, threshold 10000.
    // k@2 (row 1) @2: 10000 + 5000 > 10000, not dropped; 10000 >= 10000: accepted late, threshold
    // 15000. Not a new window, so the late sub-trigger decides: it arms a timer at 2 + 500 = 502.
    // {processingTime 502}: the timer fires a late pane, threshold 502, watermark 10000.
    const processor = { ...beam, allowedLateness: 5000, trigger: { type: 'afterWatermark', late: { type: 'processingTimeAfterFirstElementInPane', delay: 500 } } };
    const run = runToEnd(scripted([ev('k', 1, 1), wm(10000), ev('k', 1, 2), { processingTime: 502 }], processor));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.on-time', -1, 0, 10000, 10000, 10000],
      [2, 'late-accepted', 'lateness.beam', 1, 0, 10000, 10000, 15000],
      [502, 'fire', 'trigger.processing-time', -1, 0, 10000, 10000, 502],
    ]);
  });

  it('Beam expiry flush: late data still pending when the window expires goes out, threshold end + L', () => {
    // allowedLateness 1000, late elementCountAtLeast 2. k@5 @0; wm 10000 @1: on time. k@6 (row 1)
    // @2: accepted late (threshold 11000), 1 of 2: continue. wm 11000 @3: 11000 >= 11000: expired;
    // the pending element is flushed: rule trigger.expiry-flush, threshold 11000, watermark 11000.
    const processor = { ...beam, allowedLateness: 1000, trigger: { type: 'afterWatermark', late: { type: 'elementCountAtLeast', count: 2 } } };
    const run = runToEnd(scripted([ev('k', 1, 5), wm(10000), ev('k', 1, 6), wm(11000)], processor));
    expect(decisions(run)).toEqual([
      [1, 'fire', 'trigger.on-time', -1, 0, 10000, 10000, 10000],
      [2, 'late-accepted', 'lateness.beam', 1, 0, 10000, 10000, 11000],
      [3, 'fire', 'trigger.expiry-flush', -1, 0, 10000, 11000, 11000],
    ]);
  });

  it('onElement: every element fires (trigger.on-element), and nothing fires on the watermark', () => {
    // k@5 (row 0) @0 and k@6 (row 1) @1 each fire [0,10000) early, threshold 9999 (Flink). wm 9999 @2:
    // no on-time firing under onElement.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 6), wm(9999)], { ...flink, trigger: 'onElement' }));
    expect(decisions(run)).toEqual([
      [0, 'fire', 'trigger.on-element', 0, 0, 10000, -Infinity, 9999],
      [1, 'fire', 'trigger.on-element', 1, 0, 10000, -Infinity, 9999],
    ]);
  });
});
