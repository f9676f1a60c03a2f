/**
 * Painting the event-time chart's second reads (after a failure) on their canvas: each the key's
 * dot in a dark ring (marks.ts), at (when it was read again, its record's event time), so it
 * lines up with the record's first dot in y.
 */
import { keyColour } from '../palette';
import { FAULT_EMPHASIS, markLine, paintMark, rereadDot, rereadRing, SHAPE, type MarkInk } from '../marks';
import type { RecoveryMarks } from './recovery-marks';

/** The part of the chart's layout the marks need. */
export interface RereadPlot {
  x: (t: number) => number;
  y: (eventTime: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The chart's dot radius in px. */
  r: number;
}

/** Up to this many are painted one by one; more are batched. */
export const ONE_BY_ONE_LIMIT = 4000;

/** Paints second reads [from, to); the caller has set the pixel-ratio transform. */
export function paintRereads(ctx: CanvasRenderingContext2D, marks: Pick<RecoveryMarks, 'rereadTimes' | 'rereadEventTimes' | 'rereadKeys'>, plot: RereadPlot, from: number, to: number, ink: MarkInk): void {
  const { rereadTimes, rereadEventTimes, rereadKeys } = marks;
  // A fault mark of the event-time chart: the chart's dot radius plus its emphasis (marks.ts).
  const r = plot.r + FAULT_EMPHASIS;
  // The scales are linear: two points give them, so the loop does plain arithmetic.
  const [xa, xb] = [plot.x(0), plot.x(1)];
  const [ya, yb] = [plot.y(0), plot.y(1)];
  ctx.save();
  ctx.beginPath();
  const pad = r * 1.6 + 2;
  ctx.rect(plot.left - pad, plot.top - pad, plot.right - plot.left + 2 * pad, plot.bottom - plot.top + 2 * pad);
  ctx.clip();
  // A restart re-reads its backlog at one instant, so its marks stack in a column: each is
  // painted in turn so the stack stays a pile of marks, not a solid bar. Past a few thousand
  // that costs too much; then one dot path per colour and one path for all the rings.
  const oneByOne = to - from <= ONE_BY_ONE_LIMIT;
  const paths = new Map<string, Path2D>();
  const rings = oneByOne ? null : new Path2D();
  for (let i = from; i < to; i++) {
    const x = xa + (xb - xa) * rereadTimes[i];
    const y = ya + (yb - ya) * rereadEventTimes[i];
    const colour = keyColour(rereadKeys[i]);
    if (rings === null) {
      paintMark(ctx, SHAPE.REREAD, x, y, r, colour, ink);
      continue;
    }
    let p = paths.get(colour);
    if (!p) paths.set(colour, (p = new Path2D()));
    rereadDot(p, x, y, r);
    rereadRing(rings, x, y, r);
  }
  for (const [colour, p] of paths) {
    ctx.fillStyle = colour;
    ctx.fill(p);
  }
  if (rings !== null) {
    ctx.lineWidth = markLine('rereadRing', r);
    ctx.strokeStyle = ink.fg;
    ctx.stroke(rings);
  }
  ctx.restore();
}
