/**
 * The moving part of the pipeline figure, drawn on a canvas each frame: log cells in the
 * partition lanes, read/committed markers, and one dot per event in motion (producer -> lane,
 * lane -> consumer -> processor -> window or side output) plus results flying to the sinks.
 * Imperative on purpose: thousands of marks per frame, no framework objects per mark, and the
 * dot buffer (dots.ts) is allocated once and reused.
 */
import { bisectRight } from 'd3';
import type { Result } from '../../engine/index';
import { KEY_COLOURS, keyColour, MODE_COLOURS } from '../palette';
import { MIN_FLIGHT, SHAPE, type PipelineData } from './data';
import { drawMark, MAX_DOTS, renderDots, type Colours, type DotBuffer } from './dots';
import type { FrameState } from './frame';
import { queryIntervals } from './intervals';
import { byEmittedAt } from '../state/at-time';
import { along, boundaryX, ease, jitter, out, px, py, readFlight } from './flights';
import { drawJobMarks, drawRereads } from './draw-job';
import type { JobAt, JobIndex } from './job';
import { laneY, type Layout } from './layout';

/** Virtual ms a read record takes to travel lane -> consumer -> processor -> its destination (at 1x). */
const READ_SPAN = 900;
/** Virtual ms a result takes from the processor to its sink (at 1x). */
const RESULT_SPAN = 700;

export interface DrawInput {
  ctx: CanvasRenderingContext2D;
  layout: Layout;
  data: PipelineData;
  frame: FrameState;
  /** Stretches the short flights at high speeds so they stay visible. */
  stretch: number;
  selectedRow: number;
  colours: Colours;
  dots: DotBuffer;
  /** The streaming job's failures, checkpoints and second reads, and its state at frame.t. */
  job: JobIndex;
  jobNow: JobAt;
}

export function draw(input: DrawInput): void {
  const { ctx, layout: L, data, frame, stretch, selectedRow, colours: c, dots, job, jobNow } = input;
  const t = frame.t;
  const run = data.run;
  const r = run.log.records;
  const lanes = L.lanes;
  const f = L.f;
  dots.count = 0;
  ctx.clearRect(0, 0, L.width, L.height);

  // --- Log cells and the read / committed markers ------------------------------------------
  const showGlyphs = lanes.cellH >= 9;
  const cellPaths = KEY_COLOURS.map(() => new Path2D()); // 8 small objects per frame
  let selectedCell = -1;
  let selectedCellY = 0;
  for (let p = 0; p < data.partitions; p++) {
    const lane = frame.lanes[p];
    const top = laneY(L, p) - lanes.cellH / 2;
    const rows = data.rowOfOffset[p];
    for (let o = lane.firstVisible; o < lane.visibleEnd; o++) {
      const key = r.key[rows[o]];
      cellPaths[key % KEY_COLOURS.length].rect(lanes.cellsX + (o - lane.firstVisible) * lanes.pitch, top, lanes.cellW, lanes.cellH);
    }
  }
  cellPaths.forEach((path, k) => {
    ctx.fillStyle = KEY_COLOURS[k];
    ctx.fill(path);
  });
  for (let p = 0; p < data.partitions; p++) {
    const lane = frame.lanes[p];
    const y = laneY(L, p);
    const rows = data.rowOfOffset[p];
    for (let o = lane.firstVisible; o < lane.visibleEnd; o++) {
      const row = rows[o];
      const shape = data.shape[row];
      const x = lanes.cellsX + (o - lane.firstVisible) * lanes.pitch + lanes.cellW / 2;
      if (showGlyphs && shape !== SHAPE.NORMAL) drawMark(ctx, shape, x, y, Math.min(lanes.cellW, lanes.cellH) * 0.3, keyColour(r.key[row]), c);
      if (row === selectedRow) {
        selectedCell = x;
        selectedCellY = y;
      }
    }
    drawMarkers(ctx, L, lane, y, c);
  }
  drawJobMarks(ctx, L, frame, job, jobNow, c.danger);

  const dotR = Math.max(3, Math.min(0.32 * f, 6.5));

  // --- Records held in a producer's buffer by an outage: a pile at the producer's exit -----
  const pileGap = Math.max(6, dotR * 1.6);
  const pileCols = Math.max(1, Math.floor((lanes.x - L.producers.w - 6) / pileGap));
  const pileFill = new Int32Array(frame.producers.length); // tiny (<= 32), per frame is fine
  queryIntervals(data.held, t, MAX_DOTS, (row) => {
    const i = r.producer[row];
    const box = L.producers.boxes[i];
    if (!box) return;
    const k = pileFill[i]++;
    const rowsFit = Math.max(1, Math.floor((box.h - 4) / pileGap));
    if (k >= pileCols * rowsFit) return;
    const x = box.x + box.w + 4 + pileGap / 2 + (k % pileCols) * pileGap;
    const y = box.y + 2 + pileGap / 2 + Math.floor(k / pileCols) * pileGap;
    dots.add(x, y, dotR * 0.7, row, data.shape[row], r.key[row]);
  });

  // --- Producer -> partition lane ------------------------------------------------------------
  const flyStart = data.flyStart;
  queryIntervals(data.transit, t, MAX_DOTS, (row) => {
    const i = r.producer[row];
    const box = L.producers.boxes[i];
    if (!box) return;
    const p = r.partition[row];
    const lane = frame.lanes[p];
    const y = laneY(L, p);
    const j = jitter(row);
    const j2 = jitter(row + 7919);
    const x0 = box.x + box.w;
    const y0 = box.y + box.h / 2 + j * box.h * 0.5;
    const slot = Math.max(0, Math.min(lanes.slots - 1, r.offset[row] - lane.firstVisible));
    const rail = lanes.text === 2 ? y - lanes.cellH / 2 - dotR - 3 : y;
    const end = r.appendedAt[row];
    const start = flyStart[row];
    // The last MIN_FLIGHT ms: into the lane and along it to the append slot. Before that, a
    // slow (late) record waits out its delay in the gap between producer and topic.
    const hop = Math.min(end - start, MIN_FLIGHT);
    const gx = x0 + dotR + 2 + (lanes.x - x0 - 2 * dotR - 4) * (j2 + 0.5);
    const gy = y0 + (rail - y0) * (0.5 + j2) + j * f;
    if (t < end - hop) {
      px[0] = x0;
      py[0] = y0;
      px[1] = gx;
      py[1] = gy;
      along(2, (t - start) / (end - hop - start));
    } else {
      const long = end - start > hop;
      px[0] = long ? gx : x0;
      py[0] = long ? gy : y0;
      px[1] = lanes.cellsX - 0.2 * f;
      py[1] = rail;
      px[2] = lanes.cellsX + slot * lanes.pitch + lanes.cellW / 2;
      py[2] = rail;
      along(3, ease((t - (end - hop)) / hop));
    }
    dots.add(out.x, out.y, dotR, row, data.shape[row], r.key[row]);
  });

  // --- Lane -> consumer -> processor -> window or side output --------------------------------
  const span = READ_SPAN * stretch;
  const i0 = bisectRight(data.readTimes, t - span);
  const i1 = bisectRight(data.readTimes, t);
  const from = Math.max(i0, i1 - MAX_DOTS);
  for (let i = from; i < i1; i++) {
    const row = data.readRows[i];
    along(readFlight(L, frame, data, row), ease((t - data.readTimes[i]) / span));
    dots.add(out.x, out.y, dotR, row, data.shape[row], r.key[row]);
  }
  drawRereads(input, job, dotR, span);

  // --- Results: processor -> sink ------------------------------------------------------------
  const resultSpan = RESULT_SPAN * stretch;
  const modes = [run.modes.batch, run.modes.microbatch, run.modes.streaming] as const;
  const proc = L.processor;
  modes.forEach((mode, m) => {
    if (!mode) return;
    const box = L.sinks.boxes[m];
    const res = mode.results;
    const hi = frame.sinks[m].count;
    const lo = byEmittedAt.right(res, t - resultSpan, 0, hi);
    const colour = MODE_COLOURS[(['batch', 'microbatch', 'streaming'] as const)[m]];
    for (let k = Math.max(lo, hi - 400); k < hi; k++) {
      const result = res[k];
      const j = jitter(k);
      px[0] = proc.x + proc.w;
      py[0] = proc.y + proc.h / 2 + j * proc.h * 0.5;
      px[1] = box.x;
      py[1] = box.y + box.h / 2 + j * box.h * 0.5;
      along(2, ease((t - result.emittedAt) / resultSpan));
      const s = dotR * 1.1;
      ctx.fillStyle = keyColour(data.keyIndex.get(result.key) ?? 0);
      ctx.fillRect(out.x - s, out.y - s, s * 2, s * 2);
      ctx.lineWidth = 2;
      ctx.strokeStyle = colour;
      ctx.strokeRect(out.x - s, out.y - s, s * 2, s * 2);
    }
  });

  renderDots(ctx, dots, c);
  if (selectedCell >= 0) ring(ctx, selectedCell, selectedCellY, Math.max(lanes.cellW, lanes.cellH) * 0.75, c);
  for (let i = 0; i < dots.count; i++) if (dots.row[i] === selectedRow) ring(ctx, dots.x[i], dots.y[i], dots.r[i] * 2, c);
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number, c: Colours): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, Math.PI * 2);
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = c.accent;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(x, y, radius + 2.5, 0, Math.PI * 2);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = c.bg;
  ctx.stroke();
}

function drawMarkers(ctx: CanvasRenderingContext2D, L: Layout, lane: FrameState['lanes'][number], y: number, c: Colours): void {
  const lanes = L.lanes;
  const xr = boundaryX(L, lane.position, lane.firstVisible);
  const xc = boundaryX(L, lane.committed, lane.firstVisible);
  // Room above and below the cells, inside the lane, for the two triangles.
  const room = (lanes.laneH - lanes.cellH) / 2 - 1;
  const s = Math.min(0.42 * L.f, (room - 2) / 1.7);
  if (s < 2.5) {
    // Thin lanes: two ticks across the lane, only where there is a log to mark.
    if (lane.end === 0) return;
    const h = lanes.laneH * 0.45;
    ctx.fillStyle = c.fg;
    ctx.fillRect(xr - 1, y - h, 2, h * 2);
    ctx.fillStyle = c.accent;
    ctx.fillRect(xc - 1, y - h, 2, h * 2);
    return;
  }
  const top = y - lanes.cellH / 2;
  const bottom = y + lanes.cellH / 2;
  // Read position: filled triangle above the cells, pointing down at the next record to read.
  ctx.beginPath();
  ctx.moveTo(xr - s, top - s * 1.7 - 2);
  ctx.lineTo(xr + s, top - s * 1.7 - 2);
  ctx.lineTo(xr, top - 2);
  ctx.closePath();
  ctx.fillStyle = c.fg;
  ctx.fill();
  ctx.fillRect(xr - 0.75, top - 2, 1.5, lanes.cellH + 2);
  // Committed offset: hollow triangle below the cells, pointing up.
  ctx.beginPath();
  ctx.moveTo(xc - s, bottom + s * 1.7 + 2);
  ctx.lineTo(xc + s, bottom + s * 1.7 + 2);
  ctx.lineTo(xc, bottom + 2);
  ctx.closePath();
  ctx.fillStyle = c.bg;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = c.accent;
  ctx.stroke();
}

