/**
 * The value chart's layout maths (src/ui/outputs/value-chart-layout.ts). Expected numbers are
 * worked by hand from the inputs written beside them.
 */
import { describe, expect, test } from 'vitest';
import { heldSteps, spreadLabels, timeDomain, wholeNumbers } from '../../src/ui/outputs/value-chart-layout';
import type { ValueSoFar } from '../../src/ui/outputs/truth-divergence';

const step = (at: number, value: number, visibleAt = at) => ({ at, value, visibleAt }) as ValueSoFar;

describe('value chart layout', () => {
  test('the time range spans the window and every time, with 6% room each side', () => {
    // Window [0, 1000), an emission at 1500: span 1500, room 90 each side.
    expect(timeDomain(0, 1000, [1500])).toEqual([-90, 1590]);
    // A time before the window widens the left side too: span [-500, 1000] = 1500, room 90.
    expect(timeDomain(0, 1000, [-500])).toEqual([-590, 1090]);
  });

  test('an empty span still gets 1 ms of room each side', () => {
    expect(timeDomain(5, 5, [])).toEqual([4, 6]);
  });

  test('whole numbers: counts yes, a fraction or a fractional truth no; infinities are ignored', () => {
    expect(wholeNumbers([1, 2, 3], 3)).toBe(true);
    expect(wholeNumbers([1, 2.5], null)).toBe(false);
    expect(wholeNumbers([1, 2], 2.5)).toBe(false);
    expect(wholeNumbers([1, Infinity], null)).toBe(true);
  });

  test('end labels closer than the gap are pushed down in order; far ones stay', () => {
    // y 100, 105, 200 (given out of order): 105 goes to 115; 200 is already 85 below.
    const out = spreadLabels([ { text: 'c', y: 200, colour: 'x' }, { text: 'a', y: 100, colour: 'x' }, { text: 'b', y: 105, colour: 'x' } ]);
    expect(out.map((l) => [l.text, l.y])).toEqual([ ['a', 100], ['b', 115], ['c', 200] ]);
    // Three at the same y: 50, 65, 80.
    expect(spreadLabels([50, 50, 50].map((y, i) => ({ text: String(i), y, colour: 'x' }))).map((l) => l.y)).toEqual([50, 65, 80]);
  });

  test('a step line holds its last value to the right edge; committed lines start when visible', () => {
    expect(heldSteps([step(10, 1), step(20, 2)], false, 99)).toEqual([ [10, 1], [20, 2], [99, 2] ]);
    expect(heldSteps([step(10, 1, 30)], true, 99)).toEqual([ [30, 1], [99, 1] ]);
    expect(heldSteps([step(10, NaN)], false, 99)).toEqual([]);
  });
});
