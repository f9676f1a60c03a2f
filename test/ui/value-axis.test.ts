/**
 * The value chart's y-axis fits the data. late-ctr's ad-A [0 s, 10 s): streaming 0.037, 0.046,
 * 0.055 and truth 0.064 (npm run -s sim -- scenarios/late-ctr.json) drew on a fixed 0–1.2 axis.
 */
import { describe, expect, test } from 'vitest';
import { valueDomain, valueTicks } from '../../src/ui/outputs/value-axis';

describe('value axis', () => {
  test('ratios 0.037 … 0.064 get an axis of about that range, labelled with two decimals', () => {
    // Spread 0.027, padded by a fifth (0.0054) each side: [0.0316, 0.0694], made nice at a step of
    // 0.01: [0.03, 0.07]; ticks 0.03 … 0.07.
    const domain = valueDomain([0.037, 0.046, 0.055, 0.064], false);
    expect(domain[0]).toBeCloseTo(0.03, 12);
    expect(domain[1]).toBeCloseTo(0.07, 12);
    const ticks = valueTicks(domain, false);
    expect(ticks.values.map(ticks.label)).toEqual(['0.03', '0.04', '0.05', '0.06', '0.07']);
  });

  test('counts 3 … 7 keep whole-number ticks and a pad of at least 1', () => {
    // [3 - 1, 7 + 1] = [2, 8] (a fifth of 4 is 0.8 < 1); nice at step 1 leaves it.
    const domain = valueDomain([3, 5, 7], true);
    expect(domain).toEqual([2, 8]);
    const ticks = valueTicks(domain, true);
    expect(ticks.values.every(Number.isInteger)).toBe(true);
    expect(ticks.values.map(ticks.label)).toEqual(['2', '3', '4', '5', '6', '7', '8']);
  });

  test('one value: padded by a tenth of itself; nothing finite: 0 to 1; negatives below 0', () => {
    // 0.5 ± 0.05 = [0.45, 0.55], nice at 0.02: [0.44, 0.56].
    const one = valueDomain([0.5], false);
    expect(one[0]).toBeCloseTo(0.44, 12);
    expect(one[1]).toBeCloseTo(0.56, 12);
    expect(valueDomain([NaN], false)).toEqual([0, 1]);
    // -4 … 2: spread 6, pad 1.2: [-5.2, 3.2], nice at 2: [-6, 4].
    expect(valueDomain([-4, 2], true)).toEqual([-6, 4]);
  });
});
