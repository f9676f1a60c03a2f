import { describe, expect, it } from 'vitest';
import { tumbling } from '../../../src/engine/windows/tumbling';
import { sliding } from '../../../src/engine/windows/sliding';
import { mergeCandidates, sessionsMerge } from '../../../src/engine/windows/session';
import { windowStart } from '../../../src/engine/windows/window';

const startsOf = (assign: (t: number, out: number[]) => number, t: number) => {
  const out: number[] = [];
  const n = assign(t, out);
  return out.slice(0, n);
};

describe('windowStart', () => {
  // Windows are half-open [start, start + size): start = floor((t - offset) / size) * size + offset.
  it.each([
    [0, 0, 3000, 0],
    [2999, 0, 3000, 0], // the last millisecond of [0, 3000)
    [3000, 0, 3000, 3000], // the first of [3000, 6000)
    [-1, 0, 3000, -3000], // floor(-1/3000) = -1, not 0 as truncation would give
    [-3000, 0, 3000, -3000],
    [-3001, 0, 3000, -6000],
    [999, 1000, 3000, -2000], // offset 1000: windows [-2000, 1000), [1000, 4000)
    [1000, 1000, 3000, 1000],
    [-1, -1000, 3000, -1000], // offset -1000: windows [-1000, 2000)
  ])('t=%i offset=%i size=%i starts at %i', (t, offset, size, start) => {
    expect(windowStart(t, offset, size)).toBe(start);
  });
});

describe('tumbling', () => {
  it('puts each timestamp in exactly one window, correct below zero', () => {
    const a = tumbling(3000);
    expect(startsOf(a.assign, 0)).toEqual([0]);
    expect(startsOf(a.assign, 2999)).toEqual([0]);
    expect(startsOf(a.assign, 3000)).toEqual([3000]);
    expect(startsOf(a.assign, -1)).toEqual([-3000]);
  });

  it('rejects a size <= 0 and an offset as large as the size (Flink factory rule)', () => {
    expect(() => tumbling(0)).toThrow(/size/);
    expect(() => tumbling(1000, 1000)).toThrow(/offset/);
    expect(() => tumbling(1000, -1000)).toThrow(/offset/);
  });
});

describe('sliding', () => {
  it('gives ceil(size / slide) windows, latest start first', () => {
    const a = sliding(10, 5);
    // t=7: windows [5,15) and [0,10) contain 7; [10,20) starts after it, [-5,5) ends before it.
    expect(startsOf(a.assign, 7)).toEqual([5, 0]);
    // t=5: [5,15) and [0,10); not [-5,5), which ends at 5 (half-open).
    expect(startsOf(a.assign, 5)).toEqual([5, 0]);
    // t=-1: [-5,5) and [-10,0).
    expect(startsOf(a.assign, -1)).toEqual([-5, -10]);
  });

  it('with size not a multiple of slide still covers exactly the windows containing t', () => {
    const a = sliding(10, 3);
    // Starts are multiples of 3; t=10 is in [s, s+10) for s in {9, 6, 3} (s=0 ends at 10).
    expect(startsOf(a.assign, 10)).toEqual([9, 6, 3]);
  });
});

describe('sessions', () => {
  it('merge when they overlap or touch (Flink), not when a gap separates them', () => {
    expect(sessionsMerge({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(true); // touching
    expect(sessionsMerge({ start: 0, end: 10 }, { start: 5, end: 15 })).toBe(true);
    expect(sessionsMerge({ start: 0, end: 10 }, { start: 11, end: 21 })).toBe(false);
  });

  it('finds the contiguous run of sessions a new window bridges', () => {
    const sessions = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
      { start: 50, end: 60 },
    ];
    // [10, 20) touches both [0,10) and [20,30): it bridges them.
    expect(mergeCandidates(sessions, { start: 10, end: 20 })).toEqual({ from: 0, to: 2 });
    // [35, 45) touches nothing: insert at index 2.
    expect(mergeCandidates(sessions, { start: 35, end: 45 })).toEqual({ from: 2, to: 2 });
  });
});
