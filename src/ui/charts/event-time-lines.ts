/**
 * The SVG lines over the event-time chart, in pixels of its layout: the watermarks as step
 * lines, the "no delay" diagonal and the band of a selected window.
 */
import { byTime } from '../state/at-time';
import { clampY, type EventTimeLayout } from './event-time-layout';

export interface WatermarkPath {
  d: string;
  /** When the watermark jumped to +inf (end of input), if within the shown range. */
  infinityAt: number | null;
}

/**
 * A watermark as a step path over the shown time range. -inf leaves a gap; the jump to +inf
 * at the end of input is drawn as a rise to the top edge (with an arrowhead), not a line
 * along it.
 */
export function watermarkPath(wm: readonly { time: number; watermark: number }[], l: EventTimeLayout, end: number): WatermarkPath {
  const [t0, t1] = l.x.domain();
  const from = Math.max(0, byTime.right(wm, t0) - 1);
  const to = Math.min(wm.length, byTime.right(wm, t1) + 1);
  let d = '';
  let pen = false;
  let infinityAt: number | null = null;
  for (let i = from; i < to; i++) {
    const w = wm[i];
    const x = l.x(Math.max(w.time, t0 - 1));
    if (w.watermark === -Infinity || Number.isNaN(w.watermark)) {
      pen = false;
      continue;
    }
    if (w.watermark === Infinity) {
      if (pen) d += `H${x}V${l.top}`;
      infinityAt = w.time;
      pen = false;
      break;
    }
    const y = clampY(l, l.y(w.watermark));
    d += pen ? `H${x}V${y}` : `M${x},${y}`;
    pen = true;
  }
  if (pen) d += `H${l.x(Math.min(end, t1 + 1))}`;
  return { d, infinityAt };
}

export interface Diagonal {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Where its label sits, and at what angle. */
  lx: number;
  ly: number;
  angle: number;
}

/** The y = x diagonal inside the plot, with the angle for its label; null when it misses the plot. */
export function noDelayDiagonal(l: EventTimeLayout): Diagonal | null {
  const [x0, x1] = l.x.domain();
  const [y0, y1] = l.y.domain();
  const a = Math.max(x0, y0);
  const b = Math.min(x1, y1);
  if (!(a < b)) return null;
  const p0 = [l.x(a), l.y(a)];
  const p1 = [l.x(b), l.y(b)];
  // Low enough to stay clear of the recovery labels along the top of the plot.
  const at = 0.6;
  return {
    x1: p0[0],
    y1: p0[1],
    x2: p1[0],
    y2: p1[1],
    lx: p0[0] + (p1[0] - p0[0]) * at,
    ly: p0[1] + (p1[1] - p0[1]) * at,
    angle: (Math.atan2(p1[1] - p0[1], p1[0] - p0[0]) * 180) / Math.PI,
  };
}

/** A selected window as a band across the plot: its top edge and height, at least 2 px. */
export function windowBox(l: EventTimeLayout, start: number, end: number): { y: number; h: number } {
  const yTop = clampY(l, l.y(end));
  const yBottom = clampY(l, l.y(start));
  return { y: yTop, h: Math.max(2, yBottom - yTop) };
}
