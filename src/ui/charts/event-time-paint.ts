/**
 * Painting the event-time chart's canvases: the dots and the firing markers. A canvas keeps
 * what it has drawn, so each frame adds only the rows processed since the last one, unless the
 * layout moved (follow view, resize), when it starts over from the first row in view.
 */
import { countUntilTimes } from '../state/at-time';
import { LIGHT_COLOURS, pageColours, type Colours } from '../theme';
import { KEY_COLOURS, MARK } from '../palette';
import { clampY, type EventTimeLayout } from './event-time-layout';
import type { EventPoints, FiringMarks } from './event-time-data';
import { DOT, FAULT_EMPHASIS, circle, cross, diamond, lateRing, markLine, paintFiring, type FiringMark } from '../marks';

export type Theme = Pick<Colours, 'fg' | 'bg'>;

/** Theme colours for a canvas (CSS variables do not reach it): read once, and again after invalidate(). */
export class CanvasTheme {
  colours: Theme = LIGHT_COLOURS;
  private read = false;

  constructor(private readonly element: () => Element | undefined) {}

  refresh(): void {
    const el = this.element();
    if (this.read || !el) return;
    this.colours = pageColours(el);
    this.read = true;
  }

  /** The colour scheme changed. */
  invalidate(): void {
    this.read = false;
  }
}

/** What a canvas shows: rows [first in view, count) drawn with `layout`. */
export interface CanvasLayer {
  layout: EventTimeLayout | null;
  count: number;
}

export type PaintRows = (ctx: CanvasRenderingContext2D, l: EventTimeLayout, from: number, to: number) => void;

function prepare(canvas: HTMLCanvasElement, l: EventTimeLayout, theme: CanvasTheme): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(l.dpr, 0, 0, l.dpr, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  theme.refresh();
  return ctx;
}

/** Draws rows [first shown, n) on a canvas, or only the new ones when nothing else changed. */
export function syncLayer(canvas: HTMLCanvasElement, l: EventTimeLayout, n: number, times: Float64Array, drawn: CanvasLayer, theme: CanvasTheme, paint: PaintRows): void {
  if (drawn.layout !== l || n < drawn.count) {
    if (!prepare(canvas, l, theme)) return;
    drawn.layout = l;
    // Rows processed before the left edge are off the plot: skip them.
    drawn.count = Math.min(n, countUntilTimes(times, l.x.domain()[0] - 1));
  }
  const ctx = canvas.getContext('2d');
  if (ctx && n > drawn.count) paint(ctx, l, drawn.count, n);
  drawn.count = n;
}

/**
 * Dots that would land exactly on an earlier dot of the same look (same spot to within a
 * third of a radius, same shape and colour) add nothing to the picture: skip them. Drawing
 * is always a prefix of the rows, so the earlier dot is on the canvas whenever the later one
 * would be. On dense runs this removes most of the drawing work.
 */
function maskRows(points: EventPoints, l: EventTimeLayout, from: number, to: number): Uint8Array {
  const mask = new Uint8Array(Math.max(0, to - from));
  const { style, keys, times, eventTimes } = points;
  const cell = Math.max(0.5, l.r / 3);
  const columns = Math.ceil(l.right / cell) + 2;
  const seen = new Set<number>();
  for (let i = from; i < to; i++) {
    const x = l.ax.a * times[i] + l.ax.b;
    const y = l.ay.a * eventTimes[i] + l.ay.b;
    // Only dots on the plot share cells; the clip hides the rest anyway.
    if (!(x >= 0 && x <= l.right && y >= 0 && y <= l.bottom)) continue;
    const cx = Math.round(x / cell);
    const cy = Math.round(y / cell);
    const look = style[i] * KEY_COLOURS.length + (keys[i] % KEY_COLOURS.length);
    const id = (cy * columns + cx) * 64 + look;
    if (seen.has(id)) mask[i - from] = 1;
    else seen.add(id);
  }
  return mask;
}

/** Paints dots, remembering the whole-run view's mask of covered dots between frames. */
export class DotPainter {
  private covered: { layout: EventTimeLayout | null; mask: Uint8Array } = { layout: null, mask: new Uint8Array(0) };

  /**
   * The mask for rows [from, to), as `mask[i - base]`. The whole-run view keeps one layout, so
   * its mask over every row is built once. The follow view's layout moves every frame and it
   * redraws only the rows in view, so it masks just those (not the whole run each frame).
   */
  private coveredDots(points: EventPoints, l: EventTimeLayout, from: number, to: number, following: boolean): { mask: Uint8Array; base: number } {
    if (following) return { mask: maskRows(points, l, from, to), base: from };
    if (this.covered.layout !== l || this.covered.mask.length !== points.times.length) this.covered = { layout: l, mask: maskRows(points, l, 0, points.times.length) };
    return { mask: this.covered.mask, base: 0 };
  }

  paint(ctx: CanvasRenderingContext2D, points: EventPoints, l: EventTimeLayout, from: number, to: number, following: boolean, { fg, bg }: Theme): void {
    const { style, keys, times, eventTimes } = points;
    const { ax, ay, r } = l;
    const { mask: hidden, base } = this.coveredDots(points, l, from, to, following);
    const X = (i: number) => ax.a * times[i] + ax.b;
    const Y = (i: number) => ay.a * eventTimes[i] + ay.b;
    ctx.save();
    ctx.beginPath();
    // Fault marks a little larger than the dense dots (marks.ts says by how much), and a mark's
    // full extent of slack round the plot, so marks on an edge (t = 0) are not cut in half.
    const R = r + FAULT_EMPHASIS;
    const pad = R * 1.4 + 2;
    ctx.rect(l.left - pad, l.top - pad, l.right - l.left + 2 * pad, l.bottom - l.top + 2 * pad);
    ctx.clip();
    // One pass, batched into a path per colour and shape: one fill per batch, not per dot.
    const C = KEY_COLOURS.length;
    const normal: (Path2D | null)[] = new Array(C).fill(null);
    const dup: (Path2D | null)[] = new Array(C).fill(null);
    const late = new Path2D();
    const bad = new Path2D();
    for (let i = from; i < to; i++) {
      if (hidden[i - base]) continue;
      const st = style[i];
      const x = X(i);
      const y = Y(i);
      if (st === DOT.NORMAL) circle((normal[keys[i] % C] ??= new Path2D()), x, y, r);
      else if (st === DOT.DUPLICATE) diamond((dup[keys[i] % C] ??= new Path2D()), x, y, R);
      else if (st === DOT.LATE) lateRing(late, x, y, R);
      else cross(bad, x, y, R);
    }
    normal.forEach((p, c) => {
      if (!p) return;
      ctx.fillStyle = KEY_COLOURS[c];
      ctx.fill(p);
    });
    // Faults on top, so the rare ones are not buried in the crowd.
    ctx.lineWidth = markLine('duplicate', R);
    ctx.strokeStyle = MARK.duplicate;
    dup.forEach((p, c) => {
      if (!p) return;
      ctx.fillStyle = KEY_COLOURS[c];
      ctx.fill(p);
      ctx.stroke(p);
    });
    ctx.fillStyle = bg;
    ctx.fill(late);
    ctx.lineWidth = markLine('late', R);
    ctx.strokeStyle = MARK.late;
    ctx.stroke(late);
    ctx.lineWidth = markLine('malformed', R);
    ctx.strokeStyle = fg;
    ctx.stroke(bad);
    ctx.restore();
  }
}

/** Streaming firings [from, to) as markers at (emitted, window end). */
export function paintFirings(ctx: CanvasRenderingContext2D, firings: FiringMarks, l: EventTimeLayout, from: number, to: number, { fg, bg }: Theme): void {
  for (let i = from; i < to; i++) {
    const x = l.ax.a * firings.times[i] + l.ax.b;
    const y = clampY(l, l.ay.a * firings.ends[i] + l.ay.b);
    paintFiring(ctx, firings.kind[i] as FiringMark, x, y, l.s, fg, bg, MARK.late);
  }
}
