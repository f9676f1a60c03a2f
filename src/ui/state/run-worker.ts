/**
 * The Web Worker that computes big runs off the page's thread. It receives a validated
 * scenario, plays the run's Observables to the end in slices (progress from their time$, the
 * finished run from their end$), and sends the finished run back as plain data with its buffers
 * transferred (see engine run-data.ts).
 *
 * Started by Simulation with `new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { lastValueFrom } from 'rxjs';
import { createRun, observeRun, runDataTransfer, toRunData, type RunData, type RunPhase, type Scenario } from '../../engine/index';
import { buffersIn, prepareViews, type RunViews } from './run-views';

export type ComputePhase = 'preparing' | RunPhase | 'processing' | 'indexing' | 'sending';

export interface ComputeRequest {
  seq: number;
  scenario: Scenario;
}

export type ComputeReply =
  | { seq: number; type: 'progress'; phase: ComputePhase; fraction: number }
  | { seq: number; type: 'done'; data: RunData; views: RunViews; computeMs: number }
  | { seq: number; type: 'error'; message: string };

/** Where each step starts, as a fraction of the whole (rough shares of a big generated run). */
export const PHASE_START: Record<ComputePhase, number> = {
  preparing: 0,
  producing: 0.02,
  appending: 0.25,
  reading: 0.45,
  processing: 0.6,
  indexing: 0.85,
  sending: 0.99,
};

/** Slices of the run's time between progress reports while the processors advance. */
const SLICES = 20;

interface WorkerScope {
  onmessage: ((event: MessageEvent<ComputeRequest>) => void) | null;
  postMessage(message: ComputeReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
  const { seq, scenario } = event.data;
  const progress = (phase: ComputePhase, fraction = PHASE_START[phase]) => scope.postMessage({ seq, type: 'progress', phase, fraction });
  try {
    const started = performance.now();
    progress('preparing');
    const run = createRun(scenario, { onPhase: (phase) => progress(phase) });
    const from = PHASE_START.processing;
    const span = PHASE_START.indexing - from;
    // Progress from the run's clock: one message per slice, never one per record.
    const streams = observeRun(run);
    streams.time$.subscribe((t) => {
      if (t < run.endTime) progress('processing', from + (span * t) / run.endTime);
    });
    const finished = lastValueFrom(streams.end$);
    progress('processing', from);
    for (let i = 1; i <= SLICES; i++) streams.play(i === SLICES ? run.endTime : (run.endTime * i) / SLICES);
    const done = await finished;
    // The panels' per-run indexes are built here too: on the page they would freeze it for seconds.
    progress('indexing');
    const views = prepareViews(done);
    progress('sending');
    const data = toRunData(done);
    const transfer = runDataTransfer(data);
    const moved = new Set<ArrayBufferLike>(transfer);
    transfer.push(...buffersIn(views, moved));
    scope.postMessage({ seq, type: 'done', data, views, computeMs: performance.now() - started }, transfer);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ seq, type: 'error', message });
  }
};
