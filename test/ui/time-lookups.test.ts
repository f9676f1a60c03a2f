/**
 * The UI's lookups by time over the engine's sorted logs, all d3 bisectors now. These pin the
 * edge cases a hand-written binary search gets wrong: equal times (left vs right), an empty log,
 * a time before the first entry and after the last, and a bound shorter than the array.
 * Every expected index is counted by hand from the small arrays written out beside it.
 */
import { describe, expect, test } from 'vitest';
import type { ModeOutput, Result } from '../../src/engine/index';
import { byEmittedAt, byTime, countUntilTimes, resultsUntil, watermarkAt } from '../../src/ui/state/at-time';
import { watermarkWhenProcessed } from '../../src/ui/inspect/lookup';
import { snapshotAt } from '../../src/ui/pipeline/frame';
import type { GroupSnapshot, PipelineData } from '../../src/ui/pipeline/data';
import { firstReach, watermarkReach } from '../../src/ui/outputs/closed-at';

// Times 10, 20, 20, 20, 30: three entries share 20.
const TIMES = Float64Array.of(10, 20, 20, 20, 30);
const WATERMARKS = [
  { time: 10, watermark: 100 },
  { time: 20, watermark: 200 },
  { time: 20, watermark: 250 },
  { time: 30, watermark: 300 },
];

/** Only the fields the lookups read; the rest of a ModeOutput is not involved. */
function modeOutput(results: { emittedAt: number }[], watermarks = WATERMARKS): ModeOutput {
  return { results: results as unknown as Result[], watermarks } as unknown as ModeOutput;
}

describe('counting entries at or before a time', () => {
  test('equal times all count (right bisection); before the first is 0, after the last is all', () => {
    expect(countUntilTimes(TIMES, 5)).toBe(0); // nothing at or before 5
    expect(countUntilTimes(TIMES, 10)).toBe(1); // exactly the first
    expect(countUntilTimes(TIMES, 19.999)).toBe(1);
    expect(countUntilTimes(TIMES, 20)).toBe(4); // 10 and all three 20s
    expect(countUntilTimes(TIMES, 30)).toBe(5);
    expect(countUntilTimes(TIMES, 1e9)).toBe(5);
    expect(countUntilTimes(TIMES, -Infinity)).toBe(0);
    expect(countUntilTimes(TIMES, Infinity)).toBe(5);
  });

  test('an empty log counts 0 at any time', () => {
    expect(countUntilTimes(new Float64Array(0), 0)).toBe(0);
    expect(countUntilTimes(new Float64Array(0), Infinity)).toBe(0);
    expect(byTime.right([], 10)).toBe(0);
    expect(byEmittedAt.right([], 10)).toBe(0);
  });

  test('a length shorter than the array stops the count there (the log columns have spare capacity)', () => {
    // Only 10, 20 are live; the 20s and 30 after them are capacity not yet written.
    expect(countUntilTimes(TIMES, 100, 2)).toBe(2);
    expect(countUntilTimes(TIMES, 20, 2)).toBe(2);
    expect(countUntilTimes(TIMES, 15, 2)).toBe(1);
  });

  test('results emitted at or before t, including every result emitted at t itself', () => {
    const out = modeOutput([{ emittedAt: 5 }, { emittedAt: 7 }, { emittedAt: 7 }, { emittedAt: 9 }]);
    expect(resultsUntil(out, 4)).toHaveLength(0);
    expect(resultsUntil(out, 7)).toHaveLength(3);
    expect(resultsUntil(out, 8)).toHaveLength(3);
    expect(resultsUntil(out, 9)).toHaveLength(4);
    expect(byEmittedAt.right(out.results, 7, 0, 2)).toBe(2); // bounded to the first two
  });
});

describe('the watermark in force at a time', () => {
  test('the last of several watermarks noted at the same time wins; before the first there is none', () => {
    const out = modeOutput([]);
    expect(watermarkAt(out, 9)).toBe(-Infinity);
    expect(watermarkAt(out, 10)).toBe(100);
    expect(watermarkAt(out, 20)).toBe(250); // two at 20: the later one
    expect(watermarkAt(out, 29)).toBe(250);
    expect(watermarkAt(out, 1e9)).toBe(300);
    expect(watermarkAt(modeOutput([], []), 50)).toBe(-Infinity);
  });

  test('streaming counts a watermark noted at the read time; a micro-batch only one noted strictly before', () => {
    const out = modeOutput([]);
    // Read at 20: streaming applies timers before reads at one instant, so 250 is in force.
    expect(watermarkWhenProcessed('streaming', out, 20)).toBe(250);
    // A micro-batch notes its new watermark after the batch: at 20 only the one from 10 counts.
    expect(watermarkWhenProcessed('microbatch', out, 20)).toBe(100);
    expect(watermarkWhenProcessed('microbatch', out, 10)).toBe(-Infinity);
    expect(watermarkWhenProcessed('streaming', out, 10)).toBe(100);
    expect(watermarkWhenProcessed('streaming', out, 9)).toBe(-Infinity);
    expect(watermarkWhenProcessed('microbatch', out, 31)).toBe(300);
  });
});

describe('the consumer group snapshot at a time', () => {
  const snap = (generation: number) => ({ generation }) as unknown as GroupSnapshot;
  const data = { initialSnapshot: snap(0), snapshots: [ { ...snap(1), time: 10 }, { ...snap(2), time: 20 }, { ...snap(3), time: 20 } ] } as unknown as PipelineData;

  test('before the first change it is the initial one; at a time with two changes, the later', () => {
    expect((snapshotAt(data, 9) as unknown as { generation: number }).generation).toBe(0);
    expect((snapshotAt(data, 10) as unknown as { generation: number }).generation).toBe(1);
    expect((snapshotAt(data, 20) as unknown as { generation: number }).generation).toBe(3);
    expect((snapshotAt(data, 1e9) as unknown as { generation: number }).generation).toBe(3);
  });
});

describe('when the watermark first reached a window end', () => {
  test('reaching the end exactly counts (left bisection over the running highest); never reached is Infinity', () => {
    // Watermarks 500 @10, 1000 @20, 1000 @30: the first time at >= 1000 is 20, not 30.
    const reach = watermarkReach({ watermarks: [ { time: 10, watermark: 500 }, { time: 20, watermark: 1000 }, { time: 30, watermark: 1000 } ] });
    expect(firstReach(reach, 1000)).toBe(20);
    expect(firstReach(reach, 0)).toBe(10); // already past before the first entry: its time
    expect(firstReach(reach, 1001)).toBe(Infinity);
    expect(firstReach(watermarkReach({ watermarks: [] }), 0)).toBe(Infinity);
  });
});
