import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom, deriveSeed } from '../../../src/engine/random/prng';

// ---------------------------------------------------------------------------
// Independent reference implementations, written with BigInt so they share no
// code (and none of the `| 0` / Math.imul tricks) with the module under test.
// ---------------------------------------------------------------------------

const MASK32 = (1n << 32n) - 1n;
const u32 = (x: bigint): bigint => x & MASK32;

/** sfc32 straight from its definition: t = a + b + counter++; a = b ^ b>>9; b = c + c<<3; c = rotl(c, 21) + t. */
function refSfc32Step(s: bigint[]): bigint {
  const [a, b, c, d] = s;
  const t = u32(a + b + d);
  s[3] = u32(d + 1n);
  s[0] = b ^ (b >> 9n);
  s[1] = u32(c + (c << 3n));
  s[2] = u32((u32(c << 21n) | (c >> 11n)) + t);
  return t;
}

/** splitmix32 output mixer (Wellons' low-bias constants). */
function refFmix32(x: bigint): bigint {
  let z = x;
  z = u32((z ^ (z >> 16n)) * 0x21f0aaadn);
  z = u32((z ^ (z >> 15n)) * 0x735a2d97n);
  return z ^ (z >> 15n);
}

const GAMMA = 0x9e3779b9n;

/** Seed reduction as specified: integer part as 64-bit two's complement hi:lo, lo ^ fmix(hi). */
function refReduceSeed(seed: bigint): bigint {
  const lo = seed & MASK32;
  const hi = (seed >> 32n) & MASK32; // BigInt >> floors, like two's complement
  return lo ^ refFmix32(hi);
}

/** createRandom as specified: a, b, c from splitmix32, counter 1, discard 12 outputs. */
function refSequence(seed: bigint, count: number): bigint[] {
  let sm = refReduceSeed(seed);
  const words: bigint[] = [];
  for (let i = 0; i < 3; i++) {
    sm = u32(sm + GAMMA);
    words.push(refFmix32(sm));
  }
  const s = [...words, 1n];
  for (let i = 0; i < 12; i++) refSfc32Step(s);
  return Array.from({ length: count }, () => refSfc32Step(s));
}

function refFnv1a32(label: string): bigint {
  let h = 0x811c9dc5n;
  for (let i = 0; i < label.length; i++) {
    h = u32((h ^ BigInt(label.charCodeAt(i))) * 0x01000193n);
  }
  return h;
}

function refDeriveSeed(seed: bigint, label: string): bigint {
  const splitmix = (x: bigint): bigint => refFmix32(u32(x + GAMMA));
  return splitmix(splitmix(refReduceSeed(seed)) ^ refFnv1a32(label));
}

const TWO_POW_32 = 2 ** 32;
const asUint32 = (u: number): number => u * TWO_POW_32;

function draws(seed: number, n: number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => rng.next());
}

describe('reference implementations (sanity of the test oracles themselves)', () => {
  it('refSfc32Step reproduces outputs derived by hand from state [0, 0, 0, 1]', () => {
    // Step 1: t = 0+0+1 = 1; then a = 0, b = 0, c = rotl(0,21) + 1 = 1, d = 2.
    // Step 2: t = 0+0+2 = 2; a = 0, b = 1 + 8 = 9, c = rotl(1,21) + 2 = 2^21 + 2, d = 3.
    // Step 3: t = 0+9+3 = 12; a = 9 ^ 0 = 9, b = 9 * (2^21 + 2) = 18874386,
    //         c = rotl(2^21 + 2, 21) + 12 = (2^22 + 2^10) + 12 = 4195340, d = 4.
    // Step 4: t = 9 + 18874386 + 4 = 18874399.
    const s = [0n, 0n, 0n, 1n];
    expect([refSfc32Step(s), refSfc32Step(s), refSfc32Step(s), refSfc32Step(s)]).toEqual([
      1n, 2n, 12n, 18874399n,
    ]);
  });

  it('refFnv1a32 matches the published FNV-1a 32 test vectors for ASCII', () => {
    // For ASCII, UTF-16 code units equal the bytes of the reference vectors.
    expect(refFnv1a32('')).toBe(0x811c9dc5n);
    expect(refFnv1a32('a')).toBe(0xe40c292cn);
    expect(refFnv1a32('foobar')).toBe(0xbf9cf968n);
  });

  it('refFmix32 maps 0 to 0 (why small seeds reduce to themselves)', () => {
    expect(refFmix32(0n)).toBe(0n);
    expect(refFmix32(1n)).not.toBe(1n);
  });
});

describe('sfc32 core against hand-simulated states', () => {
  it('from state [0, 0, 0, 1] yields 1, 2, 12, 18874399 (each divided by 2^32)', () => {
    const rng = createRandom(0);
    rng.setState([0, 0, 0, 1]);
    const out = [rng.next(), rng.next(), rng.next(), rng.next()].map(asUint32);
    expect(out).toEqual([1, 2, 12, 18874399]);
    // After four steps the state is the one derived by hand for step 5's inputs.
    expect(rng.getState()).toEqual(
      (() => {
        const s = [0n, 0n, 0n, 1n];
        for (let i = 0; i < 4; i++) refSfc32Step(s);
        return s.map(Number);
      })(),
    );
  });

  it('wraps 32-bit arithmetic correctly from the all-ones state', () => {
    // t1 = 3 * (2^32 - 1) mod 2^32 = 2^32 - 3.
    // Then d = 0 (wrapped), a = 0xffffffff ^ 0x007fffff = 0xff800000,
    // b = 9 * 0xffffffff mod 2^32 = 0xfffffff7, so t2 = 0xff800000 + 0xfffffff7 + 0 mod 2^32 = 0xff7ffff7.
    const rng = createRandom(0);
    rng.setState([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    expect(asUint32(rng.next())).toBe(0xfffffffd);
    expect(asUint32(rng.next())).toBe(0xff7ffff7);
  });

  it('matches the BigInt reference from arbitrary states (fast-check, 300 runs × 50 steps)', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.tuple(word, word, word, word), (state) => {
        const rng = createRandom(0);
        rng.setState(state);
        const s = state.map(BigInt);
        for (let i = 0; i < 50; i++) {
          if (asUint32(rng.next()) !== Number(refSfc32Step(s))) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 1234 },
    );
  });
});

describe('createRandom seeding', () => {
  it.each([0, 1, 5, 42, 0xffffffff, 2 ** 40 + 5, 2 ** 53 - 1, -1, -(2 ** 53)])(
    'seed %d gives the specified splitmix32-seeded sfc32 sequence',
    (seed) => {
      const expected = refSequence(BigInt(seed), 20).map(Number);
      expect(draws(seed, 20).map(asUint32)).toEqual(expected);
    },
  );

  it('same seed gives the same sequence', () => {
    expect(draws(2024, 1000)).toEqual(draws(2024, 1000));
  });

  it('different seeds give different sequences, including neighbouring seeds', () => {
    const a = draws(1, 100);
    const b = draws(2, 100);
    expect(a).not.toEqual(b);
    // Not just shifted copies: almost no value is shared.
    const shared = a.filter((x) => b.includes(x)).length;
    expect(shared).toBeLessThan(3);
  });

  it('seeds with the same low 32 bits still differ (high bits are mixed in)', () => {
    expect(draws(5, 10)).not.toEqual(draws(2 ** 32 + 5, 10));
    expect(draws(5, 10)).not.toEqual(draws(2 ** 40 + 5, 10));
    expect(draws(0xffffffff, 10)).not.toEqual(draws(-1, 10));
  });

  it('truncates fractional seeds and treats -0 as 0', () => {
    expect(draws(1.9, 10)).toEqual(draws(1, 10));
    expect(draws(-0, 10)).toEqual(draws(0, 10));
  });

  it('rejects non-finite seeds', () => {
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
    expect(() => createRandom(Infinity)).toThrow(RangeError);
  });
});

describe('getState / setState', () => {
  it('resume the exact sequence, including on another generator', () => {
    const rng = createRandom(99);
    for (let i = 0; i < 37; i++) rng.next();
    const saved = rng.getState();
    const expected = Array.from({ length: 100 }, () => rng.next());

    rng.setState(saved);
    expect(Array.from({ length: 100 }, () => rng.next())).toEqual(expected);

    const other = createRandom(12345);
    other.setState(saved);
    expect(Array.from({ length: 100 }, () => other.next())).toEqual(expected);
  });

  it('hand out and take copies, so outside mutation cannot corrupt the generator', () => {
    const rng = createRandom(7);
    const saved = rng.getState();
    const expected = [rng.next(), rng.next()];

    const input = [...saved];
    rng.setState(input);
    input[0] = 0;
    expect([rng.next(), rng.next()]).toEqual(expected);

    const snapshot = rng.getState() as number[];
    const copy = [...snapshot];
    snapshot[1] = 123;
    expect(rng.getState()).toEqual(copy);
  });

  it('state words are uint32', () => {
    const rng = createRandom(3);
    for (let i = 0; i < 50; i++) {
      rng.next();
      for (const w of rng.getState()) {
        expect(Number.isInteger(w) && w >= 0 && w < TWO_POW_32).toBe(true);
      }
    }
  });

  it('rejects malformed states', () => {
    const rng = createRandom(3);
    expect(() => rng.setState([1, 2, 3])).toThrow(RangeError);
    expect(() => rng.setState([1, 2, 3, -1])).toThrow(RangeError);
    expect(() => rng.setState([1, 2, 3, 2 ** 32])).toThrow(RangeError);
    expect(() => rng.setState([1, 2, 3, 0.5])).toThrow(RangeError);
  });
});

describe('next()', () => {
  it('is always in [0, 1) and a multiple of 2^-32 (fast-check, 200 runs × 1,000 draws)', () => {
    const anySeed = fc.oneof(
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(anySeed, (seed) => {
        const rng = createRandom(seed);
        for (let i = 0; i < 1000; i++) {
          const u = rng.next();
          if (!(u >= 0 && u < 1) || !Number.isInteger(asUint32(u))) return false;
        }
        return true;
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('reaches both ends of the range on crafted states: 0 and 1 - 2^-32', () => {
    const rng = createRandom(0);
    rng.setState([0, 0, 0, 0]); // t = 0
    expect(rng.next()).toBe(0);
    rng.setState([0xffffffff, 0, 0, 0]); // t = 2^32 - 1
    expect(rng.next()).toBe(1 - 2 ** -32);
  });

  it('has mean ≈ 1/2 and variance ≈ 1/12 over 100,000 draws', () => {
    const xs = draws(8, 100_000);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    // Standard error of the mean is sqrt(1/12 / 1e5) ≈ 0.0009; allow ~5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
});

describe('int(n)', () => {
  it('stays an integer in [0, n) for n up to 2^32 (fast-check, 300 runs × 200 draws)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const rng = createRandom(seed);
        for (let i = 0; i < 200; i++) {
          const k = rng.int(n);
          if (!Number.isInteger(k) || k < 0 || k >= n) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('returns n - 1 for the largest output, even for n = 2^32 - 1 and 2^32', () => {
    const rng = createRandom(0);
    for (const n of [1, 2, 10, 2 ** 32 - 1, 2 ** 32]) {
      rng.setState([0xffffffff, 0, 0, 0]);
      expect(rng.int(n)).toBe(n - 1);
      rng.setState([0, 0, 0, 0]);
      expect(rng.int(n)).toBe(0);
    }
  });

  it('is roughly uniform: chi-square over 60,000 draws into 10 buckets', () => {
    const rng = createRandom(31337);
    const n = 10;
    const draws = 60_000;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) counts[rng.int(n)]++;
    const expected = draws / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: mean 9, sd ≈ 4.2; 40 is beyond the 1e-5 tail, so only a
    // real bias (e.g. an off-by-one bucket) fails this. A broken generator that
    // returned the same bucket would give chi2 ≈ 540,000.
    expect(chi2).toBeLessThan(40);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('consumes exactly one next() per call', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    a.int(17);
    a.int(1000);
    b.next();
    b.next();
    expect(a.getState()).toEqual(b.getState());
  });

  it('rejects n that is not an integer in [1, 2^32]', () => {
    const rng = createRandom(1);
    for (const n of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 32 + 1]) {
      expect(() => rng.int(n)).toThrow(RangeError);
    }
  });
});

describe('deriveSeed', () => {
  it('matches the specified FNV-1a + splitmix32 composition', () => {
    const cases: Array<[number, string]> = [
      [7, 'producer:clicks'],
      [7, 'producer:views'],
      [0, ''],
      [2 ** 40 + 3, 'partitioner'],
      [-5, 'façade ☃ 😀'], // non-ASCII, including a surrogate pair
    ];
    for (const [seed, label] of cases) {
      expect(deriveSeed(seed, label)).toBe(Number(refDeriveSeed(BigInt(seed), label)));
    }
  });

  it('is stable for a given (seed, label) and is a uint32', () => {
    const s = deriveSeed(7, 'producer:clicks');
    expect(deriveSeed(7, 'producer:clicks')).toBe(s);
    expect(Number.isInteger(s) && s >= 0 && s < TWO_POW_32).toBe(true);
  });

  it('differs across labels and across seeds', () => {
    const labels = Array.from({ length: 2000 }, (_, i) => `producer:${i}`);
    expect(new Set(labels.map((l) => deriveSeed(7, l))).size).toBe(labels.length);
    expect(deriveSeed(7, 'producer:clicks')).not.toBe(deriveSeed(7, 'producer:views'));
    expect(deriveSeed(7, 'producer:clicks')).not.toBe(deriveSeed(8, 'producer:clicks'));
    // The label is not simply ignored for the empty string or swapped characters.
    expect(deriveSeed(7, 'ab')).not.toBe(deriveSeed(7, 'ba'));
    expect(deriveSeed(7, '')).not.toBe(deriveSeed(7, 'a'));
  });

  it('gives sub-streams that do not depend on which other sub-streams exist', () => {
    // Scenario A has one producer; scenario B adds another before it.
    const aloneRng = createRandom(deriveSeed(7, 'producer:clicks'));
    const alone = Array.from({ length: 20 }, () => aloneRng.next());

    const viewsRng = createRandom(deriveSeed(7, 'producer:views'));
    const clicksRng = createRandom(deriveSeed(7, 'producer:clicks'));
    const views: number[] = [];
    const clicks: number[] = [];
    for (let i = 0; i < 20; i++) {
      views.push(viewsRng.next());
      clicks.push(clicksRng.next());
    }
    expect(clicks).toEqual(alone);
    expect(views).not.toEqual(clicks);
  });
});
