/**
 * Sampling from the distributions scenarios use for payload sizes, processing
 * times, inter-arrival gaps and key popularity.
 *
 * Each sampler consumes a fixed number of rng.next() values per call for a
 * given distribution type (listed on `sample`). That keeps streams easy to
 * reason about and means no hidden state (such as Box–Muller's spare value)
 * lives outside the Random, so checkpointing the Random checkpoints sampling.
 *
 * Pure module: no DOM, no Node APIs.
 */
import type { Random } from './prng';

export type Distribution =
  | { type: 'constant'; value: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'normal'; mean: number; stddev: number }
  | { type: 'exponential'; mean: number }
  | { type: 'lognormal'; median: number; sigma: number };

/**
 * A standard normal deviate via Box–Muller (2 draws). The sine twin is thrown
 * away rather than cached: caching would be state outside the Random.
 */
function standardNormal(rng: Random): number {
  const u1 = 1 - rng.next(); // (0, 1]: log(0) is impossible
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function requireFinite(name: string, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
}

/**
 * Draw one value from `d`.
 *
 * Draws per call: constant 0, uniform 1, exponential 1, normal 2, lognormal 2.
 * Parameters are checked (RangeError): min <= max, stddev >= 0, mean >= 0 for
 * exponential, median > 0 and sigma >= 0 for lognormal.
 *
 * @example
 * const rng = createRandom(1);
 * sample(rng, { type: 'uniform', min: 10, max: 20 });        // in [10, 20)
 * sample(rng, { type: 'lognormal', median: 200, sigma: 0.5 }); // > 0, half below 200
 */
export function sample(rng: Random, d: Distribution): number {
  switch (d.type) {
    case 'constant':
      requireFinite('constant value', d.value);
      return d.value;
    case 'uniform': {
      requireFinite('uniform min', d.min);
      requireFinite('uniform max', d.max);
      if (d.min > d.max) throw new RangeError(`uniform needs min <= max, got [${d.min}, ${d.max})`);
      return d.min + (d.max - d.min) * rng.next();
    }
    case 'normal':
      requireFinite('normal mean', d.mean);
      requireFinite('normal stddev', d.stddev);
      if (d.stddev < 0) throw new RangeError(`normal needs stddev >= 0, got ${d.stddev}`);
      return d.mean + d.stddev * standardNormal(rng);
    case 'exponential':
      requireFinite('exponential mean', d.mean);
      if (d.mean < 0) throw new RangeError(`exponential needs mean >= 0, got ${d.mean}`);
      // Inverse CDF; 1 - u is in (0, 1] so the log is finite. `0 - log` rather
      // than `-log` so u = 0 gives +0, not -0 (which would leak into sums and Object.is).
      return d.mean * (0 - Math.log(1 - rng.next()));
    case 'lognormal':
      requireFinite('lognormal median', d.median);
      requireFinite('lognormal sigma', d.sigma);
      if (d.median <= 0) throw new RangeError(`lognormal needs median > 0, got ${d.median}`);
      if (d.sigma < 0) throw new RangeError(`lognormal needs sigma >= 0, got ${d.sigma}`);
      // median = exp(mu), so median * exp(sigma * z) = exp(mu + sigma * z).
      return d.median * Math.exp(d.sigma * standardNormal(rng));
    default: {
      const never: never = d;
      throw new RangeError(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Milliseconds until the next arrival of a Poisson process with the given rate
 * (events per second): an exponential gap with mean 1000 / rate. One draw per
 * call, even for rate 0, which returns Infinity (the source never fires) so a
 * paused producer does not shift the stream's later numbers.
 *
 * @example
 * const rng = createRandom(3);
 * let t = 0;
 * t += exponentialGap(rng, 50); // next event, on average 20 ms later
 */
export function exponentialGap(rng: Random, ratePerSecond: number): number {
  if (!(ratePerSecond >= 0) || ratePerSecond === Infinity) {
    throw new RangeError(`ratePerSecond must be finite and >= 0, got ${ratePerSecond}`);
  }
  const u = rng.next();
  if (ratePerSecond === 0) return Infinity;
  return (1000 / ratePerSecond) * (0 - Math.log(1 - u)); // +0, never -0, at u = 0
}

/**
 * Inverse-CDF sampler over precomputed cumulative weights: one draw, a binary
 * search (O(log n)) and no allocation per call.
 */
function cumulativeSampler(cumulative: Float64Array): (rng: Random) => number {
  const last = cumulative.length - 1;
  const total = cumulative[last];
  return (rng: Random): number => {
    const u = rng.next() * total; // < total, since next() <= 1 - 2^-32
    // First index whose cumulative weight exceeds u. Zero-weight entries repeat
    // their predecessor's cumulative value, so they can never be that index.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * A sampler of key indices in [0, count) with Zipf popularity: index i has
 * weight 1 / (i + 1)^skew. Skew 0 is uniform; skew 1 is classic Zipf, where
 * key 0 is twice as popular as key 1. One rng draw per call.
 *
 * @example
 * const pickKey = createKeySampler(1000, 1.1);
 * const key = `user-${pickKey(rng)}`; // user-0 is the hottest key
 */
export function createKeySampler(count: number, skew: number): (rng: Random) => number {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`key count must be a positive integer, got ${count}`);
  }
  if (!Number.isFinite(skew) || skew < 0) {
    throw new RangeError(`skew must be a finite number >= 0, got ${skew}`);
  }
  if (skew === 0) {
    // Equal weights: the cumulative search would return floor(next() * count),
    // which is exactly rng.int(count); skipping the table saves memory for big key spaces.
    if (count > 0x1_0000_0000) throw new RangeError(`uniform key count must be <= 2^32, got ${count}`);
    return (rng: Random): number => rng.int(count);
  }
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += 1 / Math.pow(i + 1, skew);
    cumulative[i] = sum;
  }
  return cumulativeSampler(cumulative);
}

/**
 * A sampler returning index i with probability weights[i] / sum(weights).
 * Weights must be finite and >= 0 with a positive finite sum (RangeError
 * otherwise). Zero-weight indices are never returned. One rng draw per call.
 *
 * @example
 * const pickPartition = createWeightedSampler([5, 3, 2]);
 * pickPartition(rng); // 0 half the time, 1 30%, 2 20%
 */
export function createWeightedSampler(weights: readonly number[]): (rng: Random) => number {
  if (weights.length === 0) {
    throw new RangeError('weights must not be empty (sum of weights must be > 0)');
  }
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`weights must be finite and >= 0, but weights[${i}] is ${w}`);
    }
    sum += w;
    cumulative[i] = sum;
  }
  if (!(sum > 0) || !Number.isFinite(sum)) {
    throw new RangeError(`sum of weights must be > 0 and finite, got ${sum}`);
  }
  return cumulativeSampler(cumulative);
}
