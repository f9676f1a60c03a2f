/**
 * The one home of mark geometry: the shapes that carry meaning besides colour (see palette.ts)
 * and how big each is drawn. A normal event is a filled circle, a late one a hollow ring, a
 * duplicate a diamond, a malformed one a cross, a second read (after a failure) the key's dot
 * inside a dark ring; window firings are triangles. Every view (pipeline canvas, event-time
 * canvas, recovery rings, SVG legends and glyphs) draws these through the functions below, on a
 * canvas or into a d3 path, so the same mark has the same shape and proportions everywhere.
 *
 * Sizes are relative to one number, the mark's radius R (a plain dot's radius). One view scales
 * on purpose: the event-time chart draws thousands of small dots, so its fault marks get
 * FAULT_EMPHASIS px more radius than its dots, or a rare fault would vanish in the crowd.
 */
import { MARK } from './palette';

/** What both CanvasRenderingContext2D and d3's path() provide. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  closePath(): void;
}

/** A record's mark, by what happened to it. The pipeline and the event-time chart share the codes. */
export const SHAPE = { NORMAL: 0, LATE: 1, DUPLICATE: 2, MALFORMED: 3, REREAD: 4 } as const;
export type Shape = (typeof SHAPE)[keyof typeof SHAPE];
/** The event-time chart's dot styles: the same codes (it draws second reads as recovery marks). */
export const DOT = SHAPE;
export type DotStyle = Exclude<Shape, typeof SHAPE.REREAD>;

/** Extra radius (px) the event-time chart gives fault marks over its small, dense dots. */
export const FAULT_EMPHASIS = 1.5;

/**
 * Each shape's proportions, as multiples of the mark radius R: the path's size and the stroke
 * width (with a floor in px so thin strokes stay visible on small marks).
 */
export const MARK_GEOMETRY = {
  /** Hollow ring: its path radius; outer edge at 0.85R + half the stroke, about 1.1R. */
  late: { size: 0.85, line: 0.5, minLine: 1.5 },
  /** Diamond: half its diagonal (a diamond looks smaller than a circle of the same extent). */
  duplicate: { size: 1.3, line: 0, minLine: 1.5 },
  /** Cross: half its width. */
  malformed: { size: 0.95, line: 0.55, minLine: 2 },
  /** Second read: the key's dot, then the dark ring round it. */
  rereadDot: { size: 0.8, line: 0, minLine: 0 },
  rereadRing: { size: 1.35, line: 0.35, minLine: 1.5 },
} as const;

type Part = keyof typeof MARK_GEOMETRY;
/** The path size of a part of a mark of radius R. */
export const markSize = (part: Part, R: number): number => MARK_GEOMETRY[part].size * R;
/** The stroke width of a part of a mark of radius R. */
export const markLine = (part: Part, R: number): number => Math.max(MARK_GEOMETRY[part].minLine, MARK_GEOMETRY[part].line * R);

export const FIRING_MARK = { ON_TIME: 0, EARLY: 1, LATE: 2 } as const;
export type FiringMark = (typeof FIRING_MARK)[keyof typeof FIRING_MARK];

const TAU = Math.PI * 2;

export function circle(p: PathSink, x: number, y: number, r: number): void {
  p.moveTo(x + r, y);
  p.arc(x, y, r, 0, TAU);
}

/** A duplicate's diamond for a mark of radius r. */
export function diamond(p: PathSink, x: number, y: number, r: number): void {
  const d = markSize('duplicate', r);
  p.moveTo(x, y - d);
  p.lineTo(x + d, y);
  p.lineTo(x, y + d);
  p.lineTo(x - d, y);
  p.closePath();
}

/** A malformed record's cross for a mark of radius r. */
export function cross(p: PathSink, x: number, y: number, r: number): void {
  const c = markSize('malformed', r);
  p.moveTo(x - c, y - c);
  p.lineTo(x + c, y + c);
  p.moveTo(x + c, y - c);
  p.lineTo(x - c, y + c);
}

/** A late record's ring for a mark of radius r (stroke it with markLine('late', r)). */
export function lateRing(p: PathSink, x: number, y: number, r: number): void {
  circle(p, x, y, markSize('late', r));
}

/** A triangle centred on (x, y), pointing up (on-time, early) or down (late). */
export function triangle(p: PathSink, x: number, y: number, s: number, down = false): void {
  const h = s * 0.9;
  const dir = down ? -1 : 1;
  p.moveTo(x, y - h * dir);
  p.lineTo(x + s, y + h * dir);
  p.lineTo(x - s, y + h * dir);
  p.closePath();
}

/** Draws one firing marker with a thin halo so it stays visible on top of dots. */
export function paintFiring(ctx: CanvasRenderingContext2D, kind: FiringMark, x: number, y: number, s: number, fg: string, bg: string, late: string): void {
  ctx.beginPath();
  if (kind === FIRING_MARK.EARLY) {
    triangle(ctx, x, y, s * 0.7);
    ctx.fillStyle = bg;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = fg;
    ctx.stroke();
    return;
  }
  triangle(ctx, x, y, s, kind === FIRING_MARK.LATE);
  ctx.lineWidth = 2;
  ctx.strokeStyle = bg;
  ctx.stroke();
  ctx.fillStyle = kind === FIRING_MARK.LATE ? late : fg;
  ctx.fill();
  if (kind === FIRING_MARK.LATE) {
    ctx.lineWidth = 1;
    ctx.strokeStyle = fg;
    ctx.stroke();
  }
}

/** A second read's parts for a mark of radius r: fill the dot with the key colour, stroke the ring dark. */
export function rereadDot(p: PathSink, x: number, y: number, r: number): void {
  circle(p, x, y, markSize('rereadDot', r));
}
export function rereadRing(p: PathSink, x: number, y: number, r: number): void {
  circle(p, x, y, markSize('rereadRing', r));
}

/** The page colours a mark needs (see theme.ts): text, background, and a normal dot's outline. */
export interface MarkInk {
  fg: string;
  bg: string;
  outline: string;
}

/** Fills the current path (unless `fill` is null), then strokes it. */
function fillStroke(ctx: CanvasRenderingContext2D, fill: string | null, line: number, stroke: string): void {
  if (fill !== null) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.lineWidth = line;
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

/** Paints one record's mark of radius r on a canvas; `fill` is its key colour. */
export function paintMark(ctx: CanvasRenderingContext2D, shape: Shape, x: number, y: number, r: number, fill: string, ink: MarkInk): void {
  ctx.beginPath();
  switch (shape) {
    case SHAPE.LATE:
      lateRing(ctx, x, y, r);
      return fillStroke(ctx, ink.bg, markLine('late', r), MARK.late);
    case SHAPE.DUPLICATE:
      diamond(ctx, x, y, r);
      return fillStroke(ctx, fill, markLine('duplicate', r), MARK.duplicate);
    case SHAPE.MALFORMED:
      cross(ctx, x, y, r);
      return fillStroke(ctx, null, markLine('malformed', r), ink.fg);
    case SHAPE.REREAD:
      rereadDot(ctx, x, y, r);
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.beginPath();
      rereadRing(ctx, x, y, r);
      return fillStroke(ctx, null, markLine('rereadRing', r), ink.fg);
    default:
      circle(ctx, x, y, r);
      return fillStroke(ctx, fill, 1, ink.outline);
  }
}
