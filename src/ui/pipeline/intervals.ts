/**
 * Which records are "in the air" at a moment: a stabbing query over many time intervals,
 * answered per animation frame without scanning the whole log.
 *
 * Intervals are split into tiers by length (each tier holds lengths up to 4x the previous), and
 * each tier is sorted by start. An interval of length <= D that contains t starts in (t - D, t],
 * so a query scans, per tier, only the intervals that started within that tier's longest length
 * before t. A few very long flights (late events) then never force a scan of every short one.
 */
import { bisectRight } from 'd3';

const TIER_BASE = 500; // ms: the shortest tier's longest interval
const TIERS = 12; // up to 500 * 4^11 ms (about 24 days); longer ones land in the last tier

interface Tier {
  /** Longest interval in this tier (its scan window). */
  maxLength: number;
  rows: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
}

/** Plain data (typed arrays in plain objects), so a Web Worker can build it and hand it over. */
export interface IntervalIndex {
  tiers: Tier[];
}

/**
 * @param rows candidate record rows
 * @param start interval start per row (indexed by row)
 * @param end interval end per row (exclusive)
 */
export function buildIntervalIndex(rows: ArrayLike<number>, start: Float64Array, end: Float64Array): IntervalIndex {
  const buckets: number[][] = Array.from({ length: TIERS }, () => []);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const length = end[row] - start[row];
    if (!(length > 0)) continue;
    let tier = 0;
    let limit = TIER_BASE;
    while (length > limit && tier < TIERS - 1) {
      tier++;
      limit *= 4;
    }
    buckets[tier].push(row);
  }
  const tiers = buckets
    .filter((b) => b.length > 0)
    .map((b) => {
      b.sort((x, y) => start[x] - start[y]);
      const rowsOut = Int32Array.from(b);
      const starts = new Float64Array(b.length);
      const ends = new Float64Array(b.length);
      let maxLength = 0;
      for (let i = 0; i < b.length; i++) {
        starts[i] = start[b[i]];
        ends[i] = end[b[i]];
        maxLength = Math.max(maxLength, ends[i] - starts[i]);
      }
      return { maxLength, rows: rowsOut, starts, ends };
    });
  return { tiers };
}

/**
 * Calls `visit(row)` for each interval with start <= t < end, up to `limit` of them;
 * returns how many matched in all (which may exceed the limit).
 */
export function queryIntervals(index: IntervalIndex, t: number, limit: number, visit: (row: number) => void): number {
  let matched = 0;
  for (const tier of index.tiers) {
    const hi = bisectRight(tier.starts, t); // starts[0..hi) are <= t
    const lo = bisectRight(tier.starts, t - tier.maxLength - 1);
    for (let i = lo; i < hi; i++) {
      if (tier.ends[i] > t) {
        if (matched < limit) visit(tier.rows[i]);
        matched++;
      }
    }
  }
  return matched;
}
