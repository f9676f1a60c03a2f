/**
 * The shapes that carry meaning besides colour (see palette.ts): a normal event is a filled
 * circle, a late one a hollow ring, a duplicate a diamond, a malformed one a cross; window
 * firings are triangles. One geometry function per shape draws both on a canvas (the live
 * chart) and into a d3 path (legend icons), so the two cannot drift apart.
 */

/** What both CanvasRenderingContext2D and d3's path() provide. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  closePath(): void;
}

export const DOT = { NORMAL: 0, LATE: 1, DUPLICATE: 2, MALFORMED: 3 } as const;
export type DotStyle = (typeof DOT)[keyof typeof DOT];

export const FIRING_MARK = { ON_TIME: 0, EARLY: 1, LATE: 2 } as const;
export type FiringMark = (typeof FIRING_MARK)[keyof typeof FIRING_MARK];

const TAU = Math.PI * 2;

export function circle(p: PathSink, x: number, y: number, r: number): void {
  p.moveTo(x + r, y);
  p.arc(x, y, r, 0, TAU);
}

export function diamond(p: PathSink, x: number, y: number, r: number): void {
  const d = r * 1.35;
  p.moveTo(x, y - d);
  p.lineTo(x + d, y);
  p.lineTo(x, y + d);
  p.lineTo(x - d, y);
  p.closePath();
}

export function cross(p: PathSink, x: number, y: number, r: number): void {
  const c = r * 1.1;
  p.moveTo(x - c, y - c);
  p.lineTo(x + c, y + c);
  p.moveTo(x + c, y - c);
  p.lineTo(x - c, y + c);
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
