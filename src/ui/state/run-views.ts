/**
 * Everything the panels index once per run (sorted copies, per-window and per-partition
 * tables), built in one place so a big run's indexes can be built in the Web Worker next to
 * the engine and arrive with the run, instead of freezing the page for seconds when it lands.
 *
 * All of it is plain data (typed arrays, arrays, plain objects, a Map), so it survives
 * structured clone; `viewsTransfer` lists its buffers so postMessage moves them.
 */
import type { Run } from '../../engine/index';
import { eventPoints, eventTimeDomain, firingMarks, type EventPoints, type FiringMarks } from '../charts/event-time-data';
import { runMetrics, type RunMetrics } from '../metrics/metrics-data';
import { preparePipeline, type PipelineIndex } from '../pipeline/data';

export interface RunViews {
  pipeline: PipelineIndex;
  points: EventPoints;
  firings: FiringMarks;
  eventDomain: { domain: [number, number]; aligned: boolean };
  metrics: RunMetrics;
}

export function prepareViews(run: Run): RunViews {
  return {
    pipeline: preparePipeline(run),
    points: eventPoints(run),
    firings: firingMarks(run),
    eventDomain: eventTimeDomain(run),
    metrics: runMetrics(run),
  };
}

/**
 * The distinct buffers under `value` (each once: transferring a buffer twice throws), except
 * those in `exclude` (buffers already in the message's transfer list, e.g. the run's columns).
 */
export function buffersIn(value: unknown, exclude: ReadonlySet<ArrayBufferLike> = new Set()): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && !exclude.has(v.buffer)) found.add(v.buffer);
      return;
    }
    if (v instanceof Map) {
      for (const item of v.values()) visit(item);
      return;
    }
    for (const item of Object.values(v)) visit(item);
  };
  visit(value);
  return [...found];
}
