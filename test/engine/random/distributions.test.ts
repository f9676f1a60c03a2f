import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../src/engine/random/prng';
import {
  createKeySampler,
  createWeightedSampler,
  exponentialGap,
  sample,
  type Distribution,
} from '../../../src/engine/random/distributions';

const N = 100_000;

function stats(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

function drawMany(seed: number, d: Distribution, n = N): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => sample(rng, d));
}

function frequencies(pick: (rng: Random) => number, size: number, seed: number, n: number): number[] {
  const rng = createRandom(seed);
  const counts = new Array<number>(size).fill(0);
  for (let i = 0; i < n; i++) counts[pick(rng)]++;
  return counts.map((c) => c / n);
}

/** A Random that always returns `u`, to probe the ends of [0, 1). */
function stuckAt(u: number): Random {
  return {
    next: () => u,
    int: (n) => Math.floor(u * n),
    getState: () => [],
    setState: () => {},
  };
}
const LARGEST_U = 1 - 2 ** -32;

describe('sample', () => {
  it('constant returns its value and draws nothing', () => {
    const rng = createRandom(1);
    const before = rng.getState();
    expect(sample(rng, { type: 'constant', value: 42 })).toBe(42);
    expect(rng.getState()).toEqual(before);
  });

  it('uniform(2, 5): within [2, 5), mean ≈ 3.5, variance ≈ (5-2)^2/12 = 0.75', () => {
    const xs = drawMany(11, { type: 'uniform', min: 2, max: 5 });
    expect(xs.every((x) => x >= 2 && x < 5)).toBe(true);
    const { mean, variance } = stats(xs);
    // SE(mean) = sqrt(0.75 / 1e5) ≈ 0.0027.
    expect(Math.abs(mean - 3.5)).toBeLessThan(0.015);
    expect(Math.abs(variance - 0.75)).toBeLessThan(0.015);
  });

  it('uniform stays inside [min, max) at the extreme draws, and min = max gives min', () => {
    const d: Distribution = { type: 'uniform', min: -3, max: 7 };
    expect(sample(stuckAt(0), d)).toBe(-3);
    expect(sample(stuckAt(LARGEST_U), d)).toBeLessThan(7);
    expect(sample(createRandom(1), { type: 'uniform', min: 4, max: 4 })).toBe(4);
  });

  it('normal(10, 2): mean ≈ 10, variance ≈ 4, ~68.27% within one stddev', () => {
    const xs = drawMany(12, { type: 'normal', mean: 10, stddev: 2 });
    const { mean, variance } = stats(xs);
    // SE(mean) = 2 / sqrt(1e5) ≈ 0.0063; SE(variance) = 4 * sqrt(2 / 1e5) ≈ 0.018.
    expect(Math.abs(mean - 10)).toBeLessThan(0.03);
    expect(Math.abs(variance - 4)).toBeLessThan(0.09);
    // P(|Z| < 1) = erf(1/sqrt 2) ≈ 0.6827; SE ≈ 0.0015. Catches a wrong shape that
    // happens to have the right first two moments (e.g. a scaled uniform: 0.577).
    const within = xs.filter((x) => Math.abs(x - 10) < 2).length / xs.length;
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.008);
  });

  it('normal stays finite when the underlying draws hit 0 or the largest value', () => {
    for (const u of [0, LARGEST_U]) {
      expect(Number.isFinite(sample(stuckAt(u), { type: 'normal', mean: 0, stddev: 1 }))).toBe(true);
    }
    // u1 = 1 - 0 = 1 gives radius sqrt(-2 ln 1) = 0.
    expect(sample(stuckAt(0), { type: 'normal', mean: 5, stddev: 3 })).toBe(5);
  });

  it('exponential(3): mean ≈ 3, variance ≈ 9, all values >= 0', () => {
    const xs = drawMany(13, { type: 'exponential', mean: 3 });
    expect(xs.every((x) => x >= 0)).toBe(true);
    const { mean, variance } = stats(xs);
    // SE(mean) = 3 / sqrt(1e5) ≈ 0.0095; SE(variance) = 9 * sqrt(8 / 1e5) ≈ 0.08.
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(variance - 9)).toBeLessThan(0.4);
    // Median of an exponential is mean * ln 2.
    const belowMedian = xs.filter((x) => x < 3 * Math.LN2).length / xs.length;
    expect(Math.abs(belowMedian - 0.5)).toBeLessThan(0.008);
  });

  it('exponential is 0 at u = 0 and finite (mean * 32 ln 2) at the largest u', () => {
    expect(sample(stuckAt(0), { type: 'exponential', mean: 3 })).toBe(0);
    // 1 - (1 - 2^-32) = 2^-32, so -3 ln(2^-32) = 3 * 32 ln 2.
    expect(sample(stuckAt(LARGEST_U), { type: 'exponential', mean: 3 })).toBeCloseTo(96 * Math.LN2, 9);
  });

  it('lognormal(median 2, sigma 0.5): half below the median, moments of a lognormal', () => {
    const median = 2;
    const sigma = 0.5;
    const xs = drawMany(14, { type: 'lognormal', median, sigma });
    expect(xs.every((x) => x > 0)).toBe(true);
    const belowMedian = xs.filter((x) => x < median).length / xs.length;
    expect(Math.abs(belowMedian - 0.5)).toBeLessThan(0.008);
    // With mu = ln(median): E[X] = exp(mu + sigma^2/2), Var[X] = (exp(sigma^2) - 1) exp(2 mu + sigma^2).
    const expectedMean = median * Math.exp(sigma ** 2 / 2); // ≈ 2.2663
    const expectedVar = (Math.exp(sigma ** 2) - 1) * median ** 2 * Math.exp(sigma ** 2); // ≈ 1.4630
    const { mean, variance } = stats(xs);
    expect(Math.abs(mean / expectedMean - 1)).toBeLessThan(0.01);
    expect(Math.abs(variance / expectedVar - 1)).toBeLessThan(0.05);
    // ln X should be normal(ln median, sigma).
    const logs = stats(xs.map(Math.log));
    expect(Math.abs(logs.mean - Math.log(median))).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(logs.variance) - sigma)).toBeLessThan(0.01);
  });

  it.each<[Distribution, number]>([
    [{ type: 'constant', value: 1 }, 0],
    [{ type: 'uniform', min: 0, max: 1 }, 1],
    [{ type: 'exponential', mean: 1 }, 1],
    [{ type: 'normal', mean: 0, stddev: 1 }, 2],
    [{ type: 'lognormal', median: 1, sigma: 1 }, 2],
  ])('%o draws exactly %d values per call', (d, perCall) => {
    const a = createRandom(77);
    const b = createRandom(77);
    for (let i = 0; i < 10; i++) sample(a, d);
    for (let i = 0; i < 10 * perCall; i++) b.next();
    expect(a.getState()).toEqual(b.getState());
  });

  it('is reproducible: same seed, same samples', () => {
    const d: Distribution = { type: 'lognormal', median: 100, sigma: 1 };
    expect(drawMany(5, d, 500)).toEqual(drawMany(5, d, 500));
    expect(drawMany(5, d, 500)).not.toEqual(drawMany(6, d, 500));
  });

  it('rejects invalid parameters with RangeError', () => {
    const rng = createRandom(1);
    const bad: Distribution[] = [
      { type: 'uniform', min: 5, max: 2 },
      { type: 'uniform', min: 0, max: Infinity },
      { type: 'normal', mean: 0, stddev: -1 },
      { type: 'normal', mean: Number.NaN, stddev: 1 },
      { type: 'exponential', mean: -1 },
      { type: 'lognormal', median: 0, sigma: 1 },
      { type: 'lognormal', median: 1, sigma: -0.1 },
      { type: 'constant', value: Number.NaN },
    ];
    for (const d of bad) expect(() => sample(rng, d), JSON.stringify(d)).toThrow(RangeError);
  });
});

describe('exponentialGap', () => {
  it('has mean ≈ 1000 / rate ms (rate 50/s → 20 ms) and variance ≈ mean^2', () => {
    const rng = createRandom(21);
    const gaps = Array.from({ length: N }, () => exponentialGap(rng, 50));
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const { mean, variance } = stats(gaps);
    // SE(mean) = 20 / sqrt(1e5) ≈ 0.063 ms.
    expect(Math.abs(mean - 20)).toBeLessThan(0.3);
    expect(Math.abs(variance / 400 - 1)).toBeLessThan(0.05);
  });

  it('scales inversely with the rate: 1,000 arrivals at 200/s span about 5 s', () => {
    const rng = createRandom(22);
    let t = 0;
    for (let i = 0; i < 1000; i++) t += exponentialGap(rng, 200);
    // Sum of 1000 gaps: mean 5000 ms, sd 5 * sqrt(1000) ≈ 158 ms.
    expect(Math.abs(t - 5000)).toBeLessThan(700);
  });

  it('rate 0 never fires but still consumes one draw; invalid rates throw', () => {
    const a = createRandom(3);
    const b = createRandom(3);
    expect(exponentialGap(a, 0)).toBe(Infinity);
    expect(exponentialGap(stuckAt(0), 10)).toBe(0); // +0, not -0
    b.next();
    expect(a.getState()).toEqual(b.getState());
    for (const r of [-1, Number.NaN, Infinity]) {
      expect(() => exponentialGap(a, r)).toThrow(RangeError);
    }
  });
});

describe('createKeySampler', () => {
  it('Zipf with skew 1 over 3 keys gives frequencies ≈ 6/11, 3/11, 2/11', () => {
    // Weights 1/1, 1/2, 1/3 sum to 6/6 + 3/6 + 2/6 = 11/6, so the
    // probabilities are (1, 1/2, 1/3) / (11/6) = 6/11, 3/11, 2/11.
    const freq = frequencies(createKeySampler(3, 1), 3, 101, 60_000);
    // SE of each frequency ≤ sqrt(0.25 / 60000) ≈ 0.002.
    expect(freq[0]).toBeCloseTo(6 / 11, 2);
    expect(freq[1]).toBeCloseTo(3 / 11, 2);
    expect(freq[2]).toBeCloseTo(2 / 11, 2);
  });

  it('Zipf with skew 2 over 1,000 keys puts 1/H(1000, 2) of draws on key 0', () => {
    let h = 0;
    for (let i = 1; i <= 1000; i++) h += 1 / (i * i); // ≈ 1.6439
    const pick = createKeySampler(1000, 2);
    const rng = createRandom(102);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < N; i++) counts[pick(rng)]++;
    expect(counts[0] / N).toBeCloseTo(1 / h, 2); // ≈ 0.608
    expect(counts[1] / N).toBeCloseTo(1 / (4 * h), 2); // ≈ 0.152
    expect(counts.every((c, i) => i === 0 || c <= counts[0])).toBe(true);
  });

  it('skew 0 is uniform (chi-square over 60,000 draws into 12 keys) and equals rng.int(count)', () => {
    const freq = frequencies(createKeySampler(12, 0), 12, 103, 60_000);
    const expected = 60_000 / 12;
    const chi2 = freq.reduce((s, f) => s + (f * 60_000 - expected) ** 2 / expected, 0);
    // 11 degrees of freedom: mean 11, sd ≈ 4.7; 45 is far in the tail.
    expect(chi2).toBeLessThan(45);

    const a = createRandom(104);
    const b = createRandom(104);
    const pick = createKeySampler(12, 0);
    for (let i = 0; i < 1000; i++) expect(pick(a)).toBe(b.int(12));
  });

  it('a tiny skew behaves like uniform through the cumulative-table path', () => {
    // skew 1e-9 forces the table; its weights differ from 1 by < 1e-8.
    const a = createRandom(105);
    const b = createRandom(105);
    const pick = createKeySampler(7, 1e-9);
    let agree = 0;
    for (let i = 0; i < 10_000; i++) if (pick(a) === b.int(7)) agree++;
    expect(agree).toBeGreaterThan(9_990);
  });

  it('covers both ends: u = 0 gives key 0, the largest u gives the last key', () => {
    const pick = createKeySampler(50, 1.2);
    expect(pick(stuckAt(0))).toBe(0);
    expect(pick(stuckAt(LARGEST_U))).toBe(49);
    expect(createKeySampler(1, 3)(createRandom(1))).toBe(0);
  });

  it('draws exactly one value per call', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const pick = createKeySampler(100, 0.8);
    for (let i = 0; i < 25; i++) pick(a);
    for (let i = 0; i < 25; i++) b.next();
    expect(a.getState()).toEqual(b.getState());
  });

  it('rejects a non-positive or fractional count and a negative or non-finite skew', () => {
    expect(() => createKeySampler(0, 1)).toThrow(RangeError);
    expect(() => createKeySampler(2.5, 1)).toThrow(RangeError);
    expect(() => createKeySampler(10, -0.5)).toThrow(RangeError);
    expect(() => createKeySampler(10, Number.NaN)).toThrow(RangeError);
  });
});

describe('createWeightedSampler', () => {
  it('never returns a zero-weight index: weights [0, 1]', () => {
    const pick = createWeightedSampler([0, 1]);
    const rng = createRandom(201);
    for (let i = 0; i < 10_000; i++) expect(pick(rng)).toBe(1);
    // Including at the extreme draws, where an off-by-one would show.
    expect(pick(stuckAt(0))).toBe(1);
    expect(pick(stuckAt(LARGEST_U))).toBe(1);
  });

  it('never returns zero-weight indices at the end or in the middle', () => {
    const pick = createWeightedSampler([1, 0, 2, 0, 0]);
    const freq = frequencies(pick, 5, 202, 30_000);
    expect(freq[1]).toBe(0);
    expect(freq[3]).toBe(0);
    expect(freq[4]).toBe(0);
    expect(pick(stuckAt(LARGEST_U))).toBe(2);
  });

  it('weights [5, 3, 2] give frequencies ≈ 0.5, 0.3, 0.2', () => {
    const freq = frequencies(createWeightedSampler([5, 3, 2]), 3, 203, 60_000);
    expect(freq[0]).toBeCloseTo(0.5, 2);
    expect(freq[1]).toBeCloseTo(0.3, 2);
    expect(freq[2]).toBeCloseTo(0.2, 2);
  });

  it('is not affected by later changes to the weights array', () => {
    const weights = [0, 1];
    const pick = createWeightedSampler(weights);
    weights[0] = 1000;
    expect(pick(stuckAt(0))).toBe(1);
  });

  it('throws a RangeError naming the broken rule', () => {
    expect(() => createWeightedSampler([])).toThrow(/sum of weights must be > 0/);
    expect(() => createWeightedSampler([0, 0])).toThrow(/sum of weights must be > 0/);
    expect(() => createWeightedSampler([1, -1])).toThrow(/>= 0/);
    expect(() => createWeightedSampler([1, Number.NaN])).toThrow(/finite/);
    expect(() => createWeightedSampler([Infinity])).toThrow(RangeError);
    expect(() => createWeightedSampler([Number.MAX_VALUE, Number.MAX_VALUE])).toThrow(RangeError);
  });
});
