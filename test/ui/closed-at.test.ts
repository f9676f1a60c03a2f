/**
 * "Closed by now" from the engine's data: a mode's watermark reaching the window's end, a result
 * only a closed window gets, or batch's run. Not "window end (event time) <= now (processing time)",
 * which is empty to the end in four-engines, whose event times run ahead of processing time.
 */
import { describe, expect, test } from 'vitest';
import type { WindowDivergence } from '../../src/engine/index';
import { finishedLesson } from '../helpers/scripted';
import { compareRun } from '../../src/ui/outputs/truth-divergence';
import { closedBy, firstReach, modeClosedAt, watermarkReach } from '../../src/ui/outputs/closed-at';

const emitted = (emissions: WindowDivergence['emissions']): WindowDivergence => ({
  key: 'k',
  window: { start: 0, end: 1000 },
  truth: 1,
  final: 1,
  error: 0,
  firstEmittedAt: emissions[0]?.at ?? null,
  latency: null,
  lastInputAt: null,
  firstVisibleAt: null,
  emissions,
});

describe('closed-at', () => {
  test('the first time the watermark reached the end, holding its highest value through a lower restore', () => {
    // Watermarks 500 @10, 999 @20, 1000 @30, 400 @40 (a restart), 1200 @50.
    const reach = watermarkReach({ watermarks: [ { time: 10, watermark: 500 }, { time: 20, watermark: 999 }, { time: 30, watermark: 1000 }, { time: 40, watermark: 400 }, { time: 50, watermark: 1200 } ] });
    expect(firstReach(reach, 1000)).toBe(30);
    expect(firstReach(reach, 999)).toBe(20);
    expect(firstReach(reach, 1100)).toBe(50);
    expect(firstReach(reach, 5000)).toBe(Infinity);
  });

  test('an on-time or late result closes a window; early panes and updates do not, the watermark does', () => {
    const reach = watermarkReach({ watermarks: [{ time: 30, watermark: 1000 }] });
    expect(modeClosedAt(reach, emitted([{ at: 5, visibleAt: 5, value: 1, firing: 'early' }, { at: 12, visibleAt: 12, value: 1, firing: 'on-time' }]), 1000)).toBe(12);
    // Spark: the watermark of the batch at 30 closes the window in the next batch, at 35.
    expect(modeClosedAt(reach, emitted([{ at: 35, visibleAt: 35, value: 1, firing: 'on-time' }]), 1000)).toBe(35);
    expect(modeClosedAt(reach, emitted([{ at: 5, visibleAt: 5, value: 1, firing: 'early' }]), 1000)).toBe(30);
    expect(modeClosedAt(reach, emitted([{ at: 8, visibleAt: 8, value: 1, firing: 'update' }]), 1000)).toBe(30);
  });

  test('four-engines at 12 s: both windows are closed, although their ends (10,000 and 20,000 ms) are later event times', () => {
    // Flink fires [0, 10 s) on time at 6,600 (watermark 12,500 − 2,001 = 10,499 >= end − 1), so it
    // closed then. [10 s, 20 s): Flink's on-time result at 12,000 (end of input, +inf) and batch's
    // run at 12,000.
    const c = compareRun(finishedLesson('four-engines.json'));
    const closed = c.closing.rows.map((r) => [r.start, c.closedAt.get(r)?.streaming, c.closedAt.get(r)?.any]);
    expect(closed).toEqual([
      [0, 6600, 6600],
      [10_000, 12_000, 12_000],
    ]);
    expect(closedBy(c.closing, 6599)).toBe(0);
    expect(closedBy(c.closing, 12_000)).toBe(2);
  });
});
