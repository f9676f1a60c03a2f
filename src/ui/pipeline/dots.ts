/**
 * The dots of one pipeline frame: a buffer filled while computing paths, and how each kind of
 * mark is painted (batched, with one pre-drawn sprite per key colour for plain dots). Allocated
 * once and reused, so thousands of dots per frame create no objects per dot.
 */
import { KEY_COLOURS, MARK } from '../palette';
import { cross, lateRing, markLine, paintMark, SHAPE, type Shape } from '../marks';
import type { Colours } from '../theme';

/** At most this many moving dots per frame (the rest of a burst is not drawn). */
export const MAX_DOTS = 3000;

export type { Colours } from '../theme';

/**
 * The dots of one frame: positions and looks, filled while computing paths and then drawn in a
 * few batched calls (one path per colour), kept afterwards for clicks. Allocated once.
 */
export class DotBuffer {
  readonly x = new Float32Array(MAX_DOTS);
  readonly y = new Float32Array(MAX_DOTS);
  readonly r = new Float32Array(MAX_DOTS);
  readonly row = new Int32Array(MAX_DOTS);
  readonly shape = new Uint8Array(MAX_DOTS);
  readonly colour = new Uint8Array(MAX_DOTS);
  count = 0;

  add(x: number, y: number, r: number, row: number, shape: number, keyIndex: number): void {
    if (this.count >= MAX_DOTS) return;
    const i = this.count++;
    this.x[i] = x;
    this.y[i] = y;
    this.r[i] = r;
    this.row[i] = row;
    this.shape[i] = shape;
    this.colour[i] = ((keyIndex % KEY_COLOURS.length) + KEY_COLOURS.length) % KEY_COLOURS.length;
  }

  /** How many of this frame's dots have the given shape. */
  countShape(shape: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (this.shape[i] === shape) n++;
    return n;
  }

  /** The topmost dot within `radius` px of (x, y), or -1. */
  nearest(x: number, y: number, radius: number): number {
    let best = -1;
    let bestD = radius * radius;
    for (let i = this.count - 1; i >= 0; i--) {
      const dx = this.x[i] - x;
      const dy = this.y[i] - y;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = this.row[i];
      }
    }
    return best;
  }
}

/** One record's mark (the geometry is marks.ts's, shared with the event-time chart). */
export function drawMark(ctx: CanvasRenderingContext2D, shape: number, x: number, y: number, r: number, fill: string, c: Colours): void {
  paintMark(ctx, shape as Shape, x, y, r, fill, c);
}

const sprites = new Map<string, HTMLCanvasElement>();

/** A filled circle of one key colour, drawn once at the canvas's pixel scale and reused. */
function dotSprite(colourIndex: number, radius: number, scale: number, outline: string, outlined: boolean): HTMLCanvasElement {
  const r = Math.round(radius * 4) / 4;
  const id = `${colourIndex}|${r}|${scale}|${outline}|${outlined}`;
  let sprite = sprites.get(id);
  if (!sprite) {
    sprite = document.createElement('canvas');
    const size = Math.ceil((2 * r + 2) * scale);
    sprite.width = size;
    sprite.height = size;
    const g = sprite.getContext('2d');
    if (g) {
      g.scale(scale, scale);
      g.beginPath();
      g.arc(size / scale / 2, size / scale / 2, r, 0, Math.PI * 2);
      g.fillStyle = KEY_COLOURS[colourIndex];
      g.fill();
      if (outlined) {
        g.lineWidth = 1;
        g.strokeStyle = outline;
        g.stroke();
      }
    }
    if (sprites.size > 256) sprites.clear();
    sprites.set(id, sprite);
  }
  return sprite;
}

/** Draws the frame's dots in batches: one path per key colour, one for late rings, one for crosses. */
export function renderDots(ctx: CanvasRenderingContext2D, dots: DotBuffer, c: Colours): void {
  const n = dots.count;
  const { x, y, r, shape, colour } = dots;
  // Normal dots are stamped from a pre-drawn sprite per colour: a bitmap copy is much cheaper
  // to rasterise than an arc path, which matters with thousands of dots and no GPU.
  const scale = ctx.getTransform().a || 1;
  for (let i = 0; i < n; i++) {
    if (shape[i] !== SHAPE.NORMAL) continue;
    const sprite = dotSprite(colour[i], r[i], scale, c.outline, n < 1500);
    const half = sprite.width / scale / 2;
    ctx.drawImage(sprite, x[i] - half, y[i] - half, sprite.width / scale, sprite.height / scale);
  }
  const late = new Path2D();
  const crosses = new Path2D();
  let maxR = 0;
  for (let i = 0; i < n; i++) {
    if (shape[i] === SHAPE.LATE) {
      lateRing(late, x[i], y[i], r[i]);
      maxR = Math.max(maxR, r[i]);
    } else if (shape[i] === SHAPE.MALFORMED) {
      cross(crosses, x[i], y[i], r[i]);
      maxR = Math.max(maxR, r[i]);
    } else if (shape[i] === SHAPE.DUPLICATE || shape[i] === SHAPE.REREAD) {
      drawMark(ctx, shape[i], x[i], y[i], r[i], KEY_COLOURS[colour[i]], c);
    }
  }
  ctx.fillStyle = c.bg;
  ctx.fill(late);
  ctx.lineWidth = markLine('late', maxR);
  ctx.strokeStyle = MARK.late;
  ctx.stroke(late);
  ctx.lineWidth = markLine('malformed', maxR);
  ctx.strokeStyle = c.fg;
  ctx.stroke(crosses);
}
