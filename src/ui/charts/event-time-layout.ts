/**
 * The event-time chart's geometry: what range each axis shows (the whole run, or a window
 * that follows now) and the scales, margins and mark sizes that turn it into pixels.
 */
import { pixelRatio } from '../theme';
import { axisBottom, axisLeft, scaleLinear, type ScaleLinear } from 'd3';
import { labelWidth, secondsFormat } from './axis';

export interface ChartDomains {
  x: [number, number];
  y: [number, number];
  /** Round the event-time axis to nice ticks (the whole-run view only: following would jitter). */
  nice: boolean;
}

export const EMPTY_DOMAINS: ChartDomains = { x: [0, 1], y: [0, 1], nice: false };

/**
 * The whole run when `follow` is null; otherwise a window `follow.span` long that slides with
 * now (now stays near the right edge). The caller reads now only when following, so the
 * whole-run domains, and the layout built on them, stay the same object all run long.
 */
export function chartDomains(endTime: number, eventDomain: readonly [number, number], follow: { now: number; span: number } | null): ChartDomains {
  if (!follow) return { x: [0, Math.max(1, endTime)], y: [eventDomain[0], eventDomain[1]], nice: true };
  const { now, span } = follow;
  const x1 = Math.max(now + span * 0.08, span * 1.08);
  const x0 = x1 - span * 1.08;
  // Room below the diagonal for late events, but none below the earliest event time.
  const y0 = Math.max(x0 - span * 0.6, Math.min(x0, eventDomain[0]));
  return { x: [x0, x1], y: [y0, x1 + span * 0.04], nice: false };
}

/** A linear scale as px = a * v + b: the hot loops skip d3's generic call path. */
export interface Affine {
  a: number;
  b: number;
}

export function affine(s: ScaleLinear<number, number>): Affine {
  const [d0, d1] = s.domain();
  const [r0, r1] = s.range();
  const a = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return { a, b: r0 - a * d0 };
}

export interface LayoutInput {
  width: number;
  height: number;
  emPx: number;
  domains: ChartDomains;
  /** The whole run's event-time range: the left margin fits its widest label. */
  eventDomain: readonly [number, number];
  /** Dots in the run, for the mark size. */
  dotCount: number;
}

export function chartLayout({ width, height, emPx, domains, eventDomain, dotCount }: LayoutInput) {
  const fontPx = emPx * 0.8;
  const top = Math.round(emPx * 1.6);
  const bottom = Math.round(emPx * 3.1);
  const yCount = Math.max(3, Math.round((height - top - bottom) / (emPx * 3)));
  const yBase = scaleLinear().domain(domains.y);
  if (domains.nice) yBase.nice(yCount);
  const yFmt = secondsFormat(yBase.domain(), yCount);
  // The margin fits the widest label of the whole run, so following does not make it jitter.
  const widest = Math.max(...[...yBase.ticks(yCount), ...eventDomain].map((v) => labelWidth(yFmt(v), fontPx)));
  const left = Math.ceil(widest + emPx * 2.4);
  const right = Math.round(emPx * 1.2);
  const x = scaleLinear().domain(domains.x).range([left, Math.max(left + 10, width - right)]);
  const y = yBase.copy().range([height - bottom, top]);
  const xCount = Math.max(2, Math.floor((width - left - right) / (emPx * 5.5)));
  const xFmt = secondsFormat(x.domain(), xCount);
  return {
    x,
    y,
    ax: affine(x),
    ay: affine(y),
    left,
    top,
    right: x.range()[1],
    bottom: height - bottom,
    xAxis: axisBottom(x).ticks(xCount).tickFormat(xFmt).tickSizeOuter(0),
    yAxis: axisLeft(y).ticks(yCount).tickFormat(yFmt).tickSizeOuter(0),
    yTicks: y.ticks(yCount),
    // Pixel size of the marks, smaller when there are many so a dense run keeps its shape.
    r: (dotCount <= 3000 ? 2.6 : dotCount <= 20000 ? 2 : 1.4) * (emPx / 16),
    s: 4.5 * (emPx / 16),
    dpr: pixelRatio(),
  };
}

export type EventTimeLayout = ReturnType<typeof chartLayout>;

/** Marks beyond the plot's top or bottom sit just outside its edge instead of vanishing. */
export function clampY(l: Pick<EventTimeLayout, 'top' | 'bottom'>, v: number): number {
  return Math.max(l.top - 3, Math.min(l.bottom + 3, v));
}
