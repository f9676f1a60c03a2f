/**
 * The value chart's y-axis: fitted to the values drawn and the truth, not anchored at 0 or fixed
 * at 0–1, because the point is the small gap between a mode and the truth (a ratio of 0.055
 * against 0.064 must not draw as one flat line). Ticks carry as many decimals as their step needs.
 */
import { format, precisionFixed, scaleLinear, tickStep } from 'd3';

/** A domain around the finite values, padded by a fifth of their spread (or of their size when they are equal). */
export function valueDomain(values: readonly number[], integers: boolean): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const spread = hi - lo;
  let pad = spread > 0 ? spread * 0.2 : Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
  // Counts step by whole numbers: at least one of them either side.
  if (integers) pad = Math.max(1, pad);
  // Values that cannot be negative (counts, ratios) keep the axis at or above 0.
  const d0 = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  const [n0, n1] = scaleLinear().domain([d0, hi + pad]).nice(5).domain();
  return [n0, n1];
}

/** About `count` ticks over the domain, whole numbers only for counts, each labelled with the decimals its step needs. */
export function valueTicks(domain: readonly [number, number], integers: boolean, count = 5): { values: number[]; label: (v: number) => string } {
  const scale = scaleLinear().domain(domain);
  const values = integers ? scale.ticks(count).filter(Number.isInteger) : scale.ticks(count);
  const step = tickStep(domain[0], domain[1], count);
  const decimals = integers ? 0 : Math.min(9, precisionFixed(step));
  const fixed = format(`,.${decimals}f`);
  return { values, label: (v) => fixed(v).replace('-', '−') };
}
