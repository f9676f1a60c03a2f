/**
 * The run as one plain JSON document: what the CLI prints with --json and what golden tests
 * compare. Infinite watermarks become null (-infinity, before any data) or
 * 9007199254740991 (+infinity, the end of a bounded input); an undefined value becomes null.
 */
import type { Run } from '../simulation/run';
import type { JobTrace } from '../simulation/jobs';
import type { ModeOutput } from '../modes/mode-output';
import type { Drop, Result } from '../modes/results';
import { WATERMARK_MAX } from '../scenario/schema';
import { modeDivergence, type Divergence } from '../metrics/divergence';
import { diagnostics } from '../metrics/diagnostics';

export interface ResultJson {
  key: string;
  window: { start: number; end: number };
  value: number | null;
  firing: Result['firing'];
  emittedAt: number;
  /** When a reader of committed data first sees it (equal to emittedAt unless the sink is transactional). */
  visibleAt: number;
  watermark: number | null;
  retraction?: true;
  /** Beam's pane index (semantics "beam" only). */
  pane?: number;
}

export function watermarkJson(w: number): number | null {
  if (w === -Infinity) return null;
  if (w === Infinity) return WATERMARK_MAX;
  return w;
}

export function resultJson(r: Result): ResultJson {
  const out: ResultJson = {
    key: r.key,
    window: { start: r.window.start, end: r.window.end },
    value: Number.isFinite(r.value) ? r.value : null,
    firing: r.firing,
    emittedAt: r.emittedAt,
    // NaN only for a result whose transaction never closed, which close() rules out.
    visibleAt: r.visibleAt,
    watermark: watermarkJson(r.watermark),
  };
  if (r.retraction) out.retraction = true;
  if (r.pane !== undefined) out.pane = r.pane;
  return out;
}

const finite = (n: number | null) => (n === null || !Number.isFinite(n) ? null : n);

function divergenceJson(d: Divergence) {
  return {
    summary: d.summary,
    windows: d.windows.map((w) => ({
      ...w,
      truth: finite(w.truth),
      final: finite(w.final),
      error: finite(w.error),
      emissions: w.emissions.map((e) => ({ ...e, value: finite(e.value) })),
    })),
  };
}

function modeJson(run: Run, out: ModeOutput | null, job: JobTrace | null) {
  if (!out) return { results: [], aborted: [], dropped: [], counters: null, recoveries: [], divergence: null };
  const d = modeDivergence(run, out);
  return {
    results: out.results.map(resultJson),
    aborted: out.aborted.map(resultJson),
    dropped: out.dropped.map((d: Drop) => (d.window ? { ...d, window: { ...d.window } } : { ...d })),
    counters: { ...out.counters },
    /** Per failure or replay: when, the restore point, and how many records were read and counted again. */
    recoveries: job ? job.recoveries.map((r) => ({ ...r, offsets: [...r.offsets] })) : [],
    checkpoints: job ? job.checkpoints.time.map((time, i) => ({ time, offsets: [...job.checkpoints.offsets[i]] })) : [],
    divergence: d ? divergenceJson(d) : null,
  };
}

export function runReport(run: Run) {
  const lag = run.group.lag;
  const P = run.log.partitions.length;
  const partitions = Array.from({ length: P }, (_, p) => {
    let maxLag = 0;
    const samples = lag.time.length;
    for (let s = 0; s < samples; s++) maxLag = Math.max(maxLag, lag.logEndOffset[s * P + p] - lag.position[s * P + p]);
    const last = samples - 1;
    return {
      partition: p,
      logEndOffset: run.log.partitions[p].records,
      committedOffset: last >= 0 ? lag.committed[last * P + p] : 0,
      finalLag: last >= 0 ? lag.logEndOffset[last * P + p] - lag.position[last * P + p] : 0,
      maxLag,
    };
  });
  return {
    scenario: run.scenario.id,
    title: run.scenario.title,
    semantics: run.scenario.processor.semantics,
    endTime: run.endTime,
    counters: { ...run.counters },
    notes: diagnostics(run),
    partitions,
    group: run.group.events.map((e) => ({ ...e })),
    modes: {
      batch: modeJson(run, run.modes.batch, null),
      microbatch: modeJson(run, run.modes.microbatch, run.jobs.microbatch),
      streaming: modeJson(run, run.modes.streaming, run.jobs.streaming),
    },
  };
}

export type RunReport = ReturnType<typeof runReport>;
