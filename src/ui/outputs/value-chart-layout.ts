/**
 * The value chart's layout maths, apart from its component: the time range it spans, whether its
 * values are whole numbers, the end-of-line labels nudged apart, and a step line's points held to
 * the right edge. The value axis itself is value-axis.ts's.
 */
import type { ValueSoFar } from './truth-divergence';

/** Vertical room (px) one end-of-line label needs. */
export const LABEL_GAP = 15;

/** The time range shown: the window and every emission or visibility time, with 6% room (at least 1 ms) each side. */
export function timeDomain(start: number, end: number, times: readonly number[]): [number, number] {
  let lo = Math.min(start, end);
  let hi = Math.max(start, end);
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const pad = Math.max(1, (hi - lo) * 0.06);
  return [lo - pad, hi + pad];
}

/** Whether every finite value and the truth (if any) is a whole number: counts get whole-number ticks. */
export function wholeNumbers(values: readonly number[], truth: number | null): boolean {
  return values.every((v) => Number.isInteger(v) || !Number.isFinite(v)) && (truth === null || Number.isInteger(truth));
}

export interface EndLabel {
  text: string;
  y: number;
  colour: string;
}

/** Labels sorted top to bottom, each pushed down until it is LABEL_GAP below the one above (a new array). */
export function spreadLabels(labels: readonly EndLabel[], gap = LABEL_GAP): EndLabel[] {
  const list = labels.map((l) => ({ ...l })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < list.length; i++) list[i].y = Math.max(list[i].y, list[i - 1].y + gap);
  return list;
}

/**
 * A step line's points: each finite value from when it was written (or, committed, became
 * visible), then the last one held to `rightEdge` (the value stays in the sink).
 */
export function heldSteps(steps: readonly ValueSoFar[], committed: boolean, rightEdge: number): [number, number][] {
  const finite = steps.filter((p) => Number.isFinite(p.value));
  if (finite.length === 0) return [];
  const points: [number, number][] = finite.map((p) => [committed ? p.visibleAt : p.at, p.value]);
  points.push([rightEdge, finite[finite.length - 1].value]);
  return points;
}
