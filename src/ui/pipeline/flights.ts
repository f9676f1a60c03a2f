/**
 * The paths dots travel along in the pipeline figure, computed into one scratch polyline that
 * every dot reuses (thousands per frame: no allocation per dot).
 */
import { FATE } from '../../engine/index';
import type { PipelineData } from './data';
import type { FrameState } from './frame';
import { laneY, type Layout } from './layout';

// Scratch polyline (up to 8 points), reused by every dot.
export const px = new Float64Array(8);
export const py = new Float64Array(8);
const seg = new Float64Array(8);
/** The point `along` found. */
export const out = { x: 0, y: 0 };

/** Sets `out` to the point at fraction u of the polyline's first n points. */
export function along(n: number, u: number): void {
  let total = 0;
  for (let i = 1; i < n; i++) {
    seg[i] = Math.hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
    total += seg[i];
  }
  let d = Math.max(0, Math.min(1, u)) * total;
  for (let i = 1; i < n; i++) {
    if (d <= seg[i] || i === n - 1) {
      const f = seg[i] > 0 ? Math.min(1, d / seg[i]) : 1;
      out.x = px[i - 1] + (px[i] - px[i - 1]) * f;
      out.y = py[i - 1] + (py[i] - py[i - 1]) * f;
      return;
    }
    d -= seg[i];
  }
  out.x = px[n - 1];
  out.y = py[n - 1];
}

/** A stable pseudo-random offset in [-0.5, 0.5) per row, so dots do not all share one line. */
export const jitter = (row: number) => ((Math.imul(row + 1, 2654435761) >>> 0) % 1000) / 1000 - 0.5;

/** Eases in and out so a dot leaves and arrives gently. */
export const ease = (u: number) => (u < 0.5 ? 2 * u * u : 1 - 2 * (1 - u) * (1 - u));

/** Left edge of the cell at `offset` in lane p, or NaN when it is elided or not appended. */
export function cellX(layout: Layout, frame: FrameState, p: number, offset: number): number {
  const lane = frame.lanes[p];
  if (offset < lane.firstVisible || offset >= lane.visibleEnd) return NaN;
  return layout.lanes.cellsX + (offset - lane.firstVisible) * layout.lanes.pitch;
}

/**
 * A read record's path into px/py: out of the log along its lane, through the member that read
 * it, into the processor, then to its window bar or the side output. Returns the point count.
 */
export function readFlight(L: Layout, frame: FrameState, data: PipelineData, row: number): number {
  const run = data.run;
  const r = run.log.records;
  const lanes = L.lanes;
  const proc = L.processor;
  const f = L.f;
  const p = r.partition[row];
  const y = laneY(L, p);
  const cx = cellX(L, frame, p, r.offset[row]);
  const j = jitter(row);
  px[0] = Number.isNaN(cx) ? lanes.cellsX : cx + lanes.cellW / 2;
  py[0] = y;
  px[1] = lanes.x + lanes.w;
  py[1] = y;
  const member = L.members.boxes[run.reads.firstReadBy[row]] ?? L.members.boxes[0];
  px[2] = member.x + member.w * 0.15;
  py[2] = member.y + member.h / 2 + j * member.h * 0.4;
  px[3] = member.x + member.w * 0.85;
  py[3] = py[2];
  px[4] = proc.x + 0.4 * f;
  py[4] = proc.y + proc.h / 2 + j * proc.h * 0.4;
  const streaming = run.modes.streaming;
  const fr = streaming.fate[row];
  if (fr === FATE.COUNTED) {
    const slotW = proc.bars.w / proc.barCount;
    let w = -1;
    for (let k = 0; k < frame.windows.length; k++) if (frame.windows[k].start === streaming.windowStart[row]) w = k;
    if (w >= 0) {
      px[5] = proc.bars.x + slotW * (w + 0.5) + j * slotW * 0.4;
      py[5] = proc.bars.y + proc.bars.h * (0.7 + j * 0.3);
    } else {
      px[5] = proc.x + proc.w / 2;
      py[5] = proc.y + proc.h / 2;
    }
    return 6;
  }
  if (fr === FATE.LATE || fr === FATE.DUPLICATE || fr === FATE.MALFORMED) {
    px[5] = proc.x + proc.w / 2;
    py[5] = proc.y + proc.h;
    px[6] = L.dlq.buckets[fr - FATE.LATE] - 1.1 * f;
    py[6] = L.dlq.y + L.dlq.h * 0.36;
    return 7;
  }
  px[5] = proc.x + proc.w / 2;
  py[5] = proc.y + proc.h / 2;
  return 6;
}

/** x of the boundary just before `offset` in a lane (where "next to read" markers sit). */
export function boundaryX(L: Layout, offset: number, firstVisible: number): number {
  const lanes = L.lanes;
  // Offsets past the drawn cells (a lane focused on a restore point) sit at its right edge.
  const slot = Math.min(lanes.slots, Math.max(0, offset - firstVisible));
  return lanes.cellsX + slot * lanes.pitch - (lanes.pitch - lanes.cellW) / 2;
}
