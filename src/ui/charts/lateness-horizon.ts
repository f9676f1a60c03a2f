/**
 * The allowed-lateness horizon on the event-time chart: the streaming line (watermark, or Kafka
 * Streams' stream time) minus the allowed lateness (Kafka Streams' grace). Between the horizon and
 * the line a window has fired but still takes records, as late; a window whose end is below the
 * horizon drops them. Exactly, per profile (docs/semantics.md, "The rules side by side"), a record
 * is dropped for a window [s, e) when: Flink e - 1 + L <= W, i.e. e - 1 <= W - L; Beam
 * e - 1 < W - L; Kafka Streams e + L <= ST, i.e. e <= ST - L. Spark has no allowed lateness
 * (behind the watermark is dropped), and with L = 0 the horizon is the line itself: no horizon then.
 */
import { profile, type ProcessorSpec } from '../../engine/index';
import { byTime } from '../state/at-time';

export interface LatenessHorizon {
  lateness: number;
  /** What the streaming line is, in the profile's words. */
  line: 'watermark' | 'stream time';
  /** The profile's name for the allowed lateness. */
  latenessName: 'allowed lateness' | 'grace';
  /** The profile's drop rule against this line, to the millisecond. */
  rule: string;
}

export function latenessHorizon(processor: Pick<ProcessorSpec, 'semantics' | 'allowedLateness'>): LatenessHorizon | null {
  // The profile says what its line is called and its drop rule; one without lateness has no horizon.
  const p = profile(processor.semantics);
  if (p.latenessName === null || p.horizonRule === null || !(processor.allowedLateness > 0)) return null;
  return { lateness: processor.allowedLateness, line: p.clock, latenessName: p.latenessName, rule: p.horizonRule };
}

/** The plot's edges in px. */
export interface PlotEdges {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The part of the chart's layout a step line needs. */
export interface StepPlot {
  x: (v: number) => number;
  y: (v: number) => number;
  /** Processing-time domain shown. */
  domain: readonly [number, number];
  top: number;
  bottom: number;
}

/**
 * The horizon as an SVG step path over the shown range: each watermark point lowered by the
 * lateness. -inf (no data yet) leaves a gap; +inf (end of input) rises to the top edge and stops,
 * as the watermark line does. Points are sorted by time (the engine's watermark log).
 */
export function horizonPath(watermarks: readonly { time: number; watermark: number }[], lateness: number, plot: StepPlot, end: number): string {
  const [t0, t1] = plot.domain;
  const clampY = (v: number) => Math.max(plot.top - 3, Math.min(plot.bottom + 3, v));
  let d = '';
  let pen = false;
  // Points before the range only matter as the last one in force at its left edge (a binary
  // search, not a scan: the follow view redraws this every frame).
  const from = Math.max(0, byTime.right(watermarks, t0) - 1);
  for (let i = from; i < watermarks.length; i++) {
    const w = watermarks[i];
    if (w.time > t1) break;
    const x = plot.x(Math.max(w.time, t0));
    if (w.watermark === -Infinity || Number.isNaN(w.watermark)) {
      pen = false;
      continue;
    }
    if (w.watermark === Infinity) {
      if (pen) d += `H${x}V${plot.top}`;
      return d;
    }
    const y = clampY(plot.y(w.watermark - lateness));
    d += pen ? `H${x}V${y}` : `M${x},${y}`;
    pen = true;
  }
  if (pen) d += `H${plot.x(Math.min(end, t1))}`;
  return d;
}
