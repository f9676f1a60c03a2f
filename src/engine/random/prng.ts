/**
 * Seeded pseudo-random numbers for the engine.
 *
 * Every random choice in a simulation must come from here so that a scenario's
 * integer seed fully determines a run (no Math.random, no clock). The generator
 * is sfc32 (Chris Doty-Humphrey's Small Fast Counter, 32-bit variant): 128 bits
 * of state, passes PractRand/BigCrush, and needs nothing but 32-bit integer ops,
 * which JavaScript does exactly via `| 0`, `>>> 0` and Math.imul.
 *
 * Pure module: no DOM, no Node APIs.
 */

/** A checkpointable stream of pseudo-random numbers. */
export interface Random {
  /** Uniform float in [0, 1); always k / 2^32 for a uint32 k. */
  next(): number;
  /** Integer in [0, n); n must be an integer in [1, 2^32]. Consumes exactly one next(). */
  int(n: number): number;
  /** A fresh copy of the internal state (4 uint32 words). */
  getState(): readonly number[];
  /** Restore a state previously returned by getState(); the sequence resumes exactly. */
  setState(s: readonly number[]): void;
}

const TWO_POW_32 = 0x1_0000_0000;
/** 2^32 / golden ratio: the splitmix increment, spreads consecutive inputs apart. */
const GOLDEN_GAMMA = 0x9e3779b9;

/**
 * The splitmix32 output function (a murmur3-style finaliser with the
 * low-bias constants from Chris Wellons' hash prospector). A bijection on
 * uint32 with fmix32(0) === 0, which the seed reduction relies on.
 */
function fmix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** One splitmix32 step as a pure function: advance by the golden gamma, then mix. */
function splitmix32(x: number): number {
  return fmix32((x + GOLDEN_GAMMA) | 0);
}

/**
 * Reduce any finite number to a uint32 deterministically.
 *
 * The integer part is split like a 64-bit two's-complement value into
 * hi:lo words; lo is kept and hi is folded in through fmix32. Because
 * fmix32(0) === 0, seeds already in [0, 2^32) map to themselves, while
 * e.g. 5 and 2^40 + 5 (same low word) still get different seeds.
 * Fractional parts are truncated (1.9 behaves like 1): scenario seeds are
 * integers, and truncation keeps the rule simple to state.
 */
function reduceSeed(seed: number): number {
  if (!Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number, got ${seed}`);
  }
  const whole = Math.trunc(seed);
  const lo = whole >>> 0; // ToUint32: the value modulo 2^32
  const hi = Math.floor(whole / TWO_POW_32) >>> 0; // negative seeds give hi = 0xffffffff...
  return (lo ^ fmix32(hi)) >>> 0;
}

/**
 * Create a generator whose whole sequence is determined by `seed`.
 *
 * Seeding: the seed is reduced to a uint32, three splitmix32 outputs fill
 * sfc32's a, b, c words (so nearby seeds start far apart), the counter d starts
 * at 1, and the first 12 outputs are discarded as in the reference seeding,
 * letting the state mix before anything is returned.
 *
 * @example
 * const rng = createRandom(42);
 * const u = rng.next();      // 0 <= u < 1
 * const die = rng.int(6) + 1; // 1..6
 * const saved = rng.getState();
 * const a = rng.next();
 * rng.setState(saved);
 * rng.next() === a;           // true
 */
export function createRandom(seed: number): Random {
  let sm = reduceSeed(seed);
  const nextSplitmix = (): number => {
    sm = (sm + GOLDEN_GAMMA) >>> 0;
    return fmix32(sm);
  };
  let a = nextSplitmix() | 0;
  let b = nextSplitmix() | 0;
  let c = nextSplitmix() | 0;
  let d = 1; // the counter guarantees a period of at least 2^32

  // One sfc32 round; returns the uint32 output.
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };

  for (let i = 0; i < 12; i++) step();

  return {
    next(): number {
      return step() / TWO_POW_32;
    },
    int(n: number): number {
      // One draw per call, so callers can reason about how far a stream advanced.
      // Scaling (rather than rejection) has a bias below n / 2^32, negligible for
      // the key/partition counts a simulation uses.
      if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
        throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
      }
      // k/2^32 is exact and k*n/2^32 <= n*(1 - 2^-32) cannot round up to n.
      return Math.floor((step() / TWO_POW_32) * n);
    },
    getState(): readonly number[] {
      return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
    },
    setState(s: readonly number[]): void {
      if (s.length !== 4 || !s.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)) {
        throw new RangeError('setState needs exactly 4 integers in [0, 2^32) as returned by getState()');
      }
      a = s[0] | 0;
      b = s[1] | 0;
      c = s[2] | 0;
      d = s[3] | 0;
    },
  };
}

/** FNV-1a 32 over UTF-16 code units (not UTF-8 bytes: cheaper, and equal for ASCII). */
function fnv1a32(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A uint32 seed for an independent, named sub-stream of `seed`.
 *
 * Each consumer (producer, partitioner, failure injector...) gets its own
 * generator from its label, so adding or removing one consumer never shifts
 * the numbers another one sees. For a fixed seed, labels with different
 * FNV-1a hashes always get different seeds: splitmix32 is a bijection and the
 * label hash is xor-ed in between two rounds of it.
 *
 * @example
 * const clicks = createRandom(deriveSeed(7, 'producer:clicks'));
 * const views = createRandom(deriveSeed(7, 'producer:views'));
 * // clicks' sequence is the same whether or not `views` exists.
 */
export function deriveSeed(seed: number, label: string): number {
  return splitmix32(splitmix32(reduceSeed(seed)) ^ fnv1a32(label));
}
