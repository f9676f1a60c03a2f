/**
 * The streaming job's recovery on the pipeline canvas: where its last checkpoint stands on each
 * partition log, the stretch a restart reads again (from the restore point to where the failed
 * job had read), and the records of that second pass flying to the processor again.
 */
import { bisectRight } from 'd3';
import { MODE_COLOURS } from '../palette';
import { SHAPE } from './data';
import type { DrawInput } from './draw';
import type { FrameState } from './frame';
import { along, boundaryX, ease, out, readFlight } from './flights';
import type { JobAt, JobIndex } from './job';
import { laneY, type Layout } from './layout';

export function drawJobMarks(ctx: CanvasRenderingContext2D, L: Layout, frame: FrameState, job: JobIndex, now: JobAt, danger: string): void {
  const lanes = L.lanes;
  const room = (lanes.laneH - lanes.cellH) / 2 - 1;
  const s = Math.min(0.42 * L.f, (room - 2) / 1.7);
  for (let p = 0; p < frame.lanes.length; p++) {
    const lane = frame.lanes[p];
    const y = laneY(L, p);
    const top = y - lanes.cellH / 2;
    const bottom = y + lanes.cellH / 2;
    if (now.restoring && now.recovery) {
      const from = now.recovery.offsets[p] ?? 0;
      const to = Math.min(job.readTo[now.recoveryIndex]?.[p] ?? from, lane.visibleEnd);
      if (to > from && to > lane.firstVisible) {
        // The records the restarted job reads a second time, tinted, and the restore point.
        const x0 = boundaryX(L, Math.max(from, lane.firstVisible), lane.firstVisible);
        const x1 = boundaryX(L, to, lane.firstVisible);
        ctx.globalAlpha = 0.3;
        ctx.fillStyle = danger;
        ctx.fillRect(x0, top - 1, x1 - x0, bottom - top + 2);
        ctx.globalAlpha = 1;
      }
      if (from >= lane.firstVisible && from <= lane.visibleEnd) restoreMark(ctx, boundaryX(L, from, lane.firstVisible), top, bottom, Math.max(2.5, s), danger);
    }
    const cp = now.checkpoint?.offsets[p];
    if (cp !== undefined && cp >= lane.firstVisible && cp <= lane.visibleEnd) checkpointFlag(ctx, boundaryX(L, cp, lane.firstVisible), top, bottom, s);
  }
}

/** A flag on a pole through the cells: the checkpoint's position (next offset to read). */
function checkpointFlag(ctx: CanvasRenderingContext2D, x: number, top: number, bottom: number, s: number): void {
  ctx.fillStyle = MODE_COLOURS.streaming;
  if (s < 2.5) {
    ctx.fillRect(x - 1, top - 1, 2, bottom - top + 2);
    return;
  }
  const poleTop = top - s * 1.7 - 2;
  ctx.fillRect(x - 1, poleTop, 2, bottom - poleTop + 2);
  // The pennant points back at the checkpointed records, away from the read position's triangle.
  ctx.beginPath();
  ctx.moveTo(x - 1, poleTop);
  ctx.lineTo(x - 1 - s * 1.6, poleTop + s * 0.55);
  ctx.lineTo(x - 1, poleTop + s * 1.1);
  ctx.closePath();
  ctx.fill();
}

/** A bar with a left-pointing head below the cells: the restart reads from here. */
function restoreMark(ctx: CanvasRenderingContext2D, x: number, top: number, bottom: number, s: number, danger: string): void {
  ctx.fillStyle = danger;
  ctx.fillRect(x - 1.25, top - 1, 2.5, bottom - top + s * 1.4 + 2);
  const y = bottom + s * 1.2 + 1;
  ctx.beginPath();
  ctx.moveTo(x + s * 1.6, y - s * 0.6);
  ctx.lineTo(x + 1, y);
  ctx.lineTo(x + s * 1.6, y + s * 0.6);
  ctx.lineWidth = 2;
  ctx.strokeStyle = danger;
  ctx.stroke();
}

/** Records read again after a restart: their own dots, on the same path as a first read. */
export function drawRereads(input: DrawInput, job: JobIndex, dotR: number, span: number): void {
  const { layout: L, data, frame, dots } = input;
  const t = frame.t;
  const key = data.run.log.records.key;
  const i0 = bisectRight(job.rereadTimes, t - span);
  const i1 = bisectRight(job.rereadTimes, t);
  for (let i = Math.max(i0, i1 - dots.x.length); i < i1; i++) {
    const row = job.rereadRows[i];
    along(readFlight(L, frame, data, row), ease((t - job.rereadTimes[i]) / span));
    dots.add(out.x, out.y, dotR, row, SHAPE.REREAD, key[row]);
  }
}
