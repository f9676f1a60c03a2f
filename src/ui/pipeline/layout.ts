/**
 * Geometry of the pipeline figure: columns left to right (producers, topic lanes, consumer
 * group, processor, sinks) and the side-output lane underneath. Pure arithmetic on the
 * available width, the font size (presenter view scales it) and the counts of things, so the
 * SVG markup and the canvas drawing agree on every position.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LaneGeometry {
  /** Left edge of the lane group (its "P0" label). */
  x: number;
  w: number;
  /** Height of one lane and the top of the first. */
  laneH: number;
  top: number;
  labelW: number;
  /** Cells: first slot's left edge, slot pitch, cell size, number of slots that fit. */
  cellsX: number;
  pitch: number;
  cellW: number;
  cellH: number;
  slots: number;
  /** Per-lane numbers (log end, lag) to the right of the cells. */
  infoX: number;
  infoW: number;
  /** How much text a lane can hold: 2 lines, 1 line, or none (thin lanes). */
  text: 2 | 1 | 0;
  /** With thin lanes, label every `labelEvery`-th lane (a round step). */
  labelEvery: number;
}

export interface Layout {
  width: number;
  height: number;
  /** Font size in px (1em). */
  f: number;
  titleY: number;
  areaTop: number;
  areaH: number;
  producers: { x: number; w: number; boxes: Box[]; lines: number };
  lanes: LaneGeometry;
  members: { x: number; w: number; boxes: Box[]; lines: number };
  processor: Box & { bars: Box; barCount: number };
  sinks: { x: number; w: number; boxes: Box[] };
  dlq: Box & { labelW: number; buckets: number[] };
  /** Left of the side-output lane, under the producers and the topic: a summary line. */
  summary: Box;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Boxes stacked in a column, centred vertically, as tall as `natural` if they fit. */
function stack(n: number, top: number, height: number, natural: number, x: number, w: number): Box[] {
  if (n === 0) return [];
  const gap = Math.min(10, (height * 0.25) / n);
  const h = Math.max(2, Math.min(natural, (height - gap * (n - 1)) / n));
  const total = n * h + (n - 1) * gap;
  const y0 = top + (height - total) / 2;
  return Array.from({ length: n }, (_, i) => ({ x, y: y0 + i * (h + gap), w, h }));
}

/** Lines of text that fit in a box of height h (line height ~1.15em at 0.85em font). */
const linesFor = (h: number, f: number, max: number) => clamp(Math.floor((h - 0.5 * f) / (1.05 * f)), 0, max);

export function computeLayout(width: number, f: number, partitions: number, producers: number, members: number): Layout {
  const W = Math.max(560, width);
  const prodW = clamp(W * 0.105, 6.6 * f, 9 * f);
  const transitGap = clamp(W * 0.05, 34, 80);
  const consW = clamp(W * 0.12, 7.5 * f, 9 * f);
  const procW = clamp(W * 0.15, 9.5 * f, 12 * f);
  const sinkW = clamp(W * 0.15, 9 * f, 13 * f);
  const assignGap = clamp(W * 0.04, 28, 60);
  const g3 = clamp(W * 0.025, 16, 40);

  const sinkX = W - sinkW;
  const procX = sinkX - g3 - procW;
  const consX = procX - g3 - consW;
  const laneX = prodW + transitGap;
  const laneEnd = consX - assignGap;

  const titleY = 1.15 * f;
  const areaTop = 1.9 * f;
  const naturalLane = 3.5 * f;
  // Up to ~560 px of lanes; beyond that, lanes get thinner rather than the figure taller.
  const laneH = Math.min(naturalLane, Math.max(2, 560 / partitions));
  const lanesH = laneH * partitions;
  const areaH = Math.max(lanesH, 12 * f);
  const lanesTop = areaTop + (areaH - lanesH) / 2;

  const text: 2 | 1 | 0 = laneH >= 3.2 * f ? 2 : laneH >= 0.8 * f ? 1 : 0;
  const labelW = text === 2 ? 2.4 * f : text === 1 ? 2.1 * f : 0;
  const infoW = text === 2 ? 4.6 * f : text === 1 ? 7.4 * f : 0;
  const cellsX = laneX + labelW;
  const cellsW = Math.max(40, laneEnd - infoW - cellsX - 0.4 * f);
  const pitch = clamp(0.9 * f, 10, 18);
  const slots = Math.max(3, Math.floor(cellsW / pitch));
  const cellW = pitch - Math.max(1.5, pitch * 0.14);
  const cellH = Math.max(1, Math.min(1.15 * f, laneH * (text === 2 ? 0.36 : text === 1 ? 0.46 : 0.62)));

  const prodBoxes = stack(producers, areaTop, areaH, 4.3 * f, 0, prodW);
  const memberBoxes = stack(Math.max(1, members), areaTop, areaH, 4 * f, consX, consW);

  const procH = Math.min(areaH, 11 * f);
  const procY = areaTop + (areaH - procH) / 2;
  const barsTop = procY + 2.4 * f;
  const barsBottom = procY + procH - 2.6 * f;
  const bars: Box = { x: procX + 0.6 * f, y: barsTop, w: procW - 1.2 * f, h: Math.max(10, barsBottom - barsTop) };
  const barCount = clamp(Math.floor(bars.w / (2.4 * f)), 2, 6);

  const sinkBoxes = stack(3, areaTop, areaH, 3.9 * f, sinkX, sinkW);

  const dlqY = areaTop + areaH + 0.8 * f;
  const dlqH = 3.2 * f;
  const dlqX = consX;
  const dlqLabelW = Math.min(9.5 * f, (W - dlqX) * 0.36);
  const bucketW = (W - dlqX - dlqLabelW) / 3;
  const buckets = [0, 1, 2].map((i) => dlqX + dlqLabelW + bucketW * (i + 0.5));

  return {
    width: W,
    height: dlqY + dlqH + 2,
    f,
    titleY,
    areaTop,
    areaH,
    producers: { x: 0, w: prodW, boxes: prodBoxes, lines: prodBoxes.length ? linesFor(prodBoxes[0].h, f, 3) : 0 },
    lanes: { x: laneX, w: laneEnd - laneX, laneH, top: lanesTop, labelW, cellsX, pitch, cellW, cellH, slots, infoX: laneEnd - infoW, infoW, text, labelEvery: [1, 2, 4, 5, 8, 10, 16, 20, 32, 50, 64, 100, 128].find((k) => k * laneH >= 1.1 * f) ?? 256 },
    members: { x: consX, w: consW, boxes: memberBoxes, lines: linesFor(memberBoxes[0].h, f, 3) },
    processor: { x: procX, y: procY, w: procW, h: procH, bars, barCount },
    sinks: { x: sinkX, w: sinkW, boxes: sinkBoxes },
    dlq: { x: dlqX, y: dlqY, w: W - dlqX, h: dlqH, labelW: dlqLabelW, buckets },
    summary: { x: 0, y: dlqY, w: dlqX - assignGap, h: dlqH },
  };
}

/** Vertical centre of lane p. */
export const laneY = (l: Layout, p: number) => l.lanes.top + (p + 0.5) * l.lanes.laneH;
