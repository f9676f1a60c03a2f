/**
 * The dots of one pipeline frame: a buffer filled while computing paths, and how each kind of
 * mark is painted (batched, with one pre-drawn sprite per key colour for plain dots). Allocated
 * once and reused, so thousands of dots per frame create no objects per dot.
 */
import { KEY_COLOURS, MARK } from '../palette';
import { SHAPE } from './data';

/** At most this many moving dots per frame (the rest of a burst is not drawn). */
export const MAX_DOTS = 3000;

/** The page theme's colours, read from its CSS variables: a canvas cannot use them directly. */
export interface Colours {
  fg: string;
  muted: string;
  bg: string;
  border: string;
  accent: string;
  outline: string;
  danger: string;
}

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

export function drawMark(ctx: CanvasRenderingContext2D, shape: number, x: number, y: number, r: number, fill: string, c: Colours): void {
  ctx.beginPath();
  switch (shape) {
    case SHAPE.LATE:
      ctx.arc(x, y, r * 0.85, 0, Math.PI * 2);
      ctx.fillStyle = c.bg;
      ctx.fill();
      ctx.lineWidth = Math.max(1.5, r * 0.5);
      ctx.strokeStyle = MARK.late;
      ctx.stroke();
      return;
    case SHAPE.DUPLICATE: {
      const s = r * 1.3;
      ctx.moveTo(x, y - s);
      ctx.lineTo(x + s, y);
      ctx.lineTo(x, y + s);
      ctx.lineTo(x - s, y);
      ctx.closePath();
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = MARK.duplicate;
      ctx.stroke();
      return;
    }
    case SHAPE.REREAD:
      rereadMark(ctx, x, y, r, fill, c);
      return;
    case SHAPE.MALFORMED: {
      const s = r * 0.95;
      ctx.moveTo(x - s, y - s);
      ctx.lineTo(x + s, y + s);
      ctx.moveTo(x + s, y - s);
      ctx.lineTo(x - s, y + s);
      ctx.lineWidth = Math.max(2, r * 0.55);
      ctx.strokeStyle = c.fg;
      ctx.stroke();
      return;
    }
    default:
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = c.outline;
      ctx.stroke();
  }
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
      late.moveTo(x[i] + r[i] * 0.85, y[i]);
      late.arc(x[i], y[i], r[i] * 0.85, 0, Math.PI * 2);
      maxR = Math.max(maxR, r[i]);
    } else if (shape[i] === SHAPE.MALFORMED) {
      const s = r[i] * 0.95;
      crosses.moveTo(x[i] - s, y[i] - s);
      crosses.lineTo(x[i] + s, y[i] + s);
      crosses.moveTo(x[i] + s, y[i] - s);
      crosses.lineTo(x[i] - s, y[i] + s);
      maxR = Math.max(maxR, r[i]);
    } else if (shape[i] === SHAPE.DUPLICATE || shape[i] === SHAPE.REREAD) {
      drawMark(ctx, shape[i], x[i], y[i], r[i], KEY_COLOURS[colour[i]], c);
    }
  }
  ctx.fillStyle = c.bg;
  ctx.fill(late);
  ctx.lineWidth = Math.max(1.5, maxR * 0.5);
  ctx.strokeStyle = MARK.late;
  ctx.stroke(late);
  ctx.lineWidth = Math.max(2, maxR * 0.55);
  ctx.strokeStyle = c.fg;
  ctx.stroke(crosses);
}

/** A second read: the key's dot inside a dark ring, an echo of the first pass. */
function rereadMark(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill: string, c: Colours): void {
  ctx.arc(x, y, r * 0.8, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.beginPath();
  ctx.arc(x, y, r * 1.35, 0, Math.PI * 2);
  ctx.lineWidth = Math.max(1.5, r * 0.35);
  ctx.strokeStyle = c.fg;
  ctx.stroke();
}
