/**
 * The results table's two readers of a sink: everything written, or only committed data. Every
 * expected value below is worked out by hand from a small WindowDivergence built here: list the
 * emissions whose time (`at` for the written view, `visibleAt` for the committed one) is at or
 * before t, then take the last value (accumulating) or add the panes (discarding count).
 */
import { describe, expect, test } from 'vitest';
import { type WindowDivergence } from '../../src/engine/index';
import { finishedLesson } from '../helpers/scripted';
import { compareRun, valueAt, valueSteps, windowId, type AbortedEmission, type ModeFolding, type WindowRow } from '../../src/ui/outputs/truth-divergence';
import { momentText, pendingCommitText, sinkBasisNote, sinkCell, sinkVisibility, tableCell, uncommittedMarker, uncommittedText } from '../../src/ui/outputs/sink-view';

const LAST: ModeFolding = { combine: null, absorbed: new Map() };
const ADD: ModeFolding = { combine: (a, b) => a + b, absorbed: new Map() };

/** A window [0, 5 s) written at 5.8 s (value 8) and 11.8 s (value 10); committed at the 10 s and 20 s checkpoints. */
function window(emissions: WindowDivergence['emissions']): WindowDivergence {
  return { key: 'eu', window: { start: 0, end: 5000 }, truth: 10, final: null, error: null, firstEmittedAt: null, latency: null, lastInputAt: null, firstVisibleAt: null, emissions };
}
const TWO = window([
  { at: 5800, visibleAt: 10_000, value: 8, firing: 'early' },
  { at: 11_800, visibleAt: 20_000, value: 10, firing: 'on-time' },
]);

describe('valueAt on each basis', () => {
  test('written counts from `at`, committed from `visibleAt`', () => {
    // t = 6 s: written has 8 (5.8 s ≤ 6 s); nothing committed yet (10 s > 6 s).
    expect(valueAt(TWO, 6000, LAST)?.value).toBe(8);
    expect(valueAt(TWO, 6000, LAST, 'committed')).toBeNull();
    // t = 12 s: written has 10 (11.8 s); committed has 8 (visible at 10 s), not 10 (20 s).
    expect(valueAt(TWO, 12_000, LAST)).toMatchObject({ value: 10, at: 11_800, visibleAt: 20_000, emissions: 2 });
    expect(valueAt(TWO, 12_000, LAST, 'committed')).toMatchObject({ value: 8, at: 5800, visibleAt: 10_000, emissions: 1 });
    // t = 20 s: both have 10.
    expect(valueAt(TWO, 20_000, LAST, 'committed')?.value).toBe(10);
  });

  test('discarding panes add up; visible once the last pane counted is', () => {
    // Panes 8 then 10: written at 12 s is 8 + 10 = 18, visible when 10 is (20 s); committed at 12 s is 8.
    expect(valueAt(TWO, 12_000, ADD)).toMatchObject({ value: 18, visibleAt: 20_000 });
    expect(valueAt(TWO, 12_000, ADD, 'committed')).toMatchObject({ value: 8, visibleAt: 10_000 });
  });

  test('an open transaction (visibleAt NaN) is never committed', () => {
    const open = window([{ at: 5800, visibleAt: NaN, value: 8, firing: 'on-time' }]);
    expect(valueAt(open, 60_000, LAST)?.value).toBe(8);
    expect(valueAt(open, 60_000, LAST, 'committed')).toBeNull();
  });

  test('aborted results count on the written basis only, in emission order', () => {
    // Written 8 at 21 s in a transaction aborted at 27 s, written again (8) at 30.2 s, committed at 40 s.
    const w = window([{ at: 30_200, visibleAt: 40_000, value: 8, firing: 'on-time' }]);
    const aborted: AbortedEmission[] = [{ at: 21_000, value: 8, firing: 'on-time', abortedAt: 27_000 }];
    // t = 25 s: written holds the aborted 8 (never visible: visibleAt NaN); committed holds nothing.
    const at25 = valueAt(w, 25_000, LAST, 'written', aborted);
    expect(at25).toMatchObject({ value: 8, at: 21_000, aborted: { at: 27_000 } });
    expect(at25?.visibleAt).toBeNaN();
    expect(valueAt(w, 25_000, LAST, 'committed', aborted)).toBeNull();
    // t = 31 s: the kept 8 replaces it (no longer aborted, visible at 40 s).
    const at31 = valueAt(w, 31_000, LAST, 'written', aborted);
    expect(at31).toMatchObject({ value: 8, at: 30_200, visibleAt: 40_000, emissions: 2 });
    expect(at31?.aborted).toBeUndefined();
    // Discarding: the aborted pane stays in the written sum, 8 + 8 = 16.
    expect(valueAt(w, 31_000, ADD, 'written', aborted)).toMatchObject({ value: 16, aborted: { at: 27_000 } });
  });

  test('committed steps sit at visibleAt', () => {
    // Written steps at 5.8 s (8) and 11.8 s (10); committed steps at 10 s (8) and 20 s (10).
    expect(valueSteps(TWO, LAST).map((s) => [s.at, s.value])).toEqual([[5800, 8], [11_800, 10]]);
    expect(valueSteps(TWO, LAST, 'committed').map((s) => [s.visibleAt, s.value])).toEqual([[10_000, 8], [20_000, 10]]);
    // Two results committed by one checkpoint make one step.
    const together = window([
      { at: 1000, visibleAt: 10_000, value: 1, firing: 'early' },
      { at: 2000, visibleAt: 10_000, value: 2, firing: 'early' },
    ]);
    expect(valueSteps(together, LAST, 'committed').map((s) => [s.visibleAt, s.value])).toEqual([[10_000, 2]]);
  });
});

describe('sinkCell and tableCell', () => {
  test('committed view: a written value not visible yet says when it commits', () => {
    // t = 12 s: written 10 (11.8 s) commits at 20 s; the committed reader still sees 8.
    const committed = sinkCell(TWO, 12_000, LAST, 'committed');
    expect(committed.shown?.value).toBe(8);
    expect(committed.uncommitted).toEqual({ value: 10, at: 11_800, commitsAt: 20_000, aborted: null });
    expect(pendingCommitText(committed.uncommitted!, 12_000)).toBe('10 · commits at 20 s');
    // The written view shows 10 with the same pending commit; at 20 s nothing is pending.
    expect(sinkCell(TWO, 12_000, LAST, 'written').shown?.value).toBe(10);
    expect(uncommittedMarker(sinkCell(TWO, 12_000, LAST, 'written').uncommitted!, 12_000).text).toBe('not yet committed');
    expect(sinkCell(TWO, 20_000, LAST, 'committed').uncommitted).toBeNull();
  });

  test('table cell states', () => {
    const row: WindowRow = { id: 'x', key: 'eu', keyIndex: 0, start: 0, end: 5000, truth: 10, microbatch: null, streaming: TWO, extra: false, superseded: false, disagrees: false };
    const comparison = { folding: { microbatch: LAST, streaming: LAST }, aborted: { microbatch: new Map(), streaming: new Map() } };
    const end = 50_000;
    // 6 s: written 8 ≠ truth 10; committed has nothing but 8 commits at 10 s.
    expect(tableCell(row, 'streaming', 6000, comparison, 'written', end)).toMatchObject({ state: 'value', differs: true });
    expect(tableCell(row, 'streaming', 6000, comparison, 'committed', end)).toMatchObject({ state: 'pending-commit', differs: false });
    // 3 s: nothing written yet.
    expect(tableCell(row, 'streaming', 3000, comparison, 'committed', end).state).toBe('pending');
    // 20 s: 10 = truth in both views.
    expect(tableCell(row, 'streaming', 20_000, comparison, 'committed', end)).toMatchObject({ state: 'value', differs: false });
    // Micro-batch never emitted it: known at the end only.
    expect(tableCell(row, 'microbatch', 20_000, comparison, 'written', end).state).toBe('pending');
    expect(tableCell(row, 'microbatch', end, comparison, 'written', end)).toMatchObject({ state: 'never', differs: true });
  });

  test('aborted results: "aborts at" before the failure, "aborted at" after', () => {
    const u = { value: 8, at: 21_000, commitsAt: null, aborted: { at: 27_000 } };
    expect(uncommittedText(u, 25_000)).toBe('aborts at 27 s');
    expect(uncommittedText(u, 28_000)).toBe('aborted at 27 s');
    expect(uncommittedMarker(u, 25_000).text).toBe('not yet committed');
    expect(uncommittedMarker(u, 28_000).text).toBe('aborted');
    expect(uncommittedText({ value: 1, at: 1, commitsAt: null, aborted: null }, 2)).toBe('not yet committed');
    expect(momentText(40_000)).toBe('40 s');
    expect(momentText(11_800)).toBe('11.800 s');
  });
});


describe('on real runs', () => {
  test('exactly-once-latency: eu [5 s, 10 s) is written at 11.8 s and visible at 20 s', () => {
    // From `npm run sim -- scenarios/exactly-once-latency.json`: streaming emits eu [5 s, 10 s) = 10
    // at 11,800 ms, visible at 20,000 ms (the next checkpoint).
    const run = finishedLesson('exactly-once-latency.json');
    const comparison = compareRun(run);
    const row = comparison.byId.get(windowId('eu', 5000, 10_000))!;
    expect(tableCell(row, 'streaming', 12_000, comparison, 'written', run.endTime)).toMatchObject({ state: 'value', shown: { value: 10 } });
    const committed = tableCell(row, 'streaming', 12_000, comparison, 'committed', run.endTime);
    expect(committed.state).toBe('pending-commit');
    expect(pendingCommitText(committed.uncommitted!, 12_000)).toBe('10 · commits at 20 s');
    // The failure at 27 s aborted eu [15 s, 20 s) = 8, written at 21 s (the CLI lists 4 aborted results).
    const aborted = comparison.byId.get(windowId('eu', 15_000, 20_000))!;
    const written = tableCell(aborted, 'streaming', 28_000, comparison, 'written', run.endTime);
    expect(written.shown).toMatchObject({ value: 8, aborted: { at: 27_000 } });
    expect(uncommittedText(written.uncommitted!, 28_000)).toBe('aborted at 27 s');

    const visibility = sinkVisibility(run);
    expect(visibility.same).toBe(false);
    expect(visibility.aborted.streaming).toBe(4);
    expect(sinkBasisNote(visibility, run)).toMatch(/^Streaming writes to a transactional sink: .*streaming at the next checkpoint.* 4 results were written in a transaction a failure aborted/);
  });

  test('consumer-crash: nothing transactional, both views the same, and the note says why', () => {
    const run = finishedLesson('consumer-crash.json');
    const visibility = sinkVisibility(run);
    expect(visibility).toMatchObject({ transactional: [], same: true });
    expect(sinkBasisNote(visibility, run)).toMatch(/^Here both views are the same: neither sink is transactional/);
  });
});
