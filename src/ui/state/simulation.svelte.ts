/**
 * The app's one piece of simulation state: the scenario, its finished run, the moment of
 * virtual time on screen, playback and the current selection. Components read it; the
 * engine does all the computing.
 */
import { createRun, DEFAULT_DURATION, fromRunData, validateScenario, type Run, type Scenario, type ScenarioIssue } from '../../engine/index';
import type { ComputePhase, ComputeReply, ComputeRequest } from './run-worker';
import { prepareViews, type RunViews } from './run-views';

export type Selection =
  | { kind: 'record'; row: number }
  | { kind: 'window'; key: string; start: number; end: number };

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
/** The amounts a learner can step time by (the − / + buttons and Shift+← →), in ms. */
export const STEP_SIZES = [100, 500, 1000, 5000, 10000] as const;

/** A run computing in the worker: its step, how far along (0..1) and when it started (performance.now()). */
export interface Computing {
  phase: ComputePhase;
  fraction: number;
  startedAt: number;
}

/**
 * Scenarios expected to make fewer events than this are computed on the page at once (a few
 * tens of ms, so they open instantly); bigger ones go to a Web Worker so the page stays responsive.
 */
export const WORKER_THRESHOLD = 20_000;

/** The events a scenario is expected to make: generated rates over their spans (with retries), plus scripted entries. */
export function expectedEvents(s: Scenario): number {
  let n = 0;
  for (const p of s.producers) {
    if (p.type === 'generated') {
      const stop = p.stop ?? s.duration ?? DEFAULT_DURATION;
      n += ((p.rate * Math.max(0, stop - p.start)) / 1000) * (1 + p.duplicates.rate);
    } else n += p.entries.length;
  }
  return n;
}

export class Simulation {
  /** The scenario document as edited (may be invalid while being edited). */
  document = $state.raw<unknown>(null);
  /** The last valid scenario and its run: what is on screen. */
  scenario = $state.raw<Scenario | null>(null);
  run = $state.raw<Run | null>(null);
  /** The panels' per-run indexes of `run` (set together with it). */
  views = $state.raw<RunViews | null>(null);
  /** Problems with `document`, if it is not valid; the last valid run stays on screen. */
  issues = $state.raw<ScenarioIssue[]>([]);
  /** Virtual processing time on screen, in ms. */
  time = $state(0);
  playing = $state(false);
  /** Virtual ms per real ms. */
  speed = $state(1);
  /** How far the step buttons and Shift+← → move time, in ms (one of STEP_SIZES). */
  step = $state(1000);
  selection = $state.raw<Selection | null>(null);
  /** How long the last run took to compute, in real ms (in the worker: until it was on the page). */
  computeMs = $state(0);
  /** A big run being computed in the worker (the previous run stays on screen meanwhile), or null. */
  computing = $state.raw<Computing | null>(null);
  /** Why the last valid scenario could not be computed ('' if it was). */
  computeError = $state('');

  /** Numbers loads, so a reply for an older one is ignored. */
  #seq = 0;
  #worker: Worker | null = null;
  /** The worker is computing (a newer load must replace it: it cannot listen while it works). */
  #busy = false;
  /** False once workers turned out not to work here (absent, or refused to start): compute on the page. */
  #workers = typeof Worker !== 'undefined';

  readonly endTime = $derived(this.run?.endTime ?? 0);

  /**
   * Validates a scenario document and, if valid, runs it to the end. An invalid document
   * leaves the previous run on screen and reports why. A small scenario is computed at once;
   * a big one in a worker (see `computing`), the previous run on screen until it is done.
   * A newer load replaces a computation still under way.
   */
  load(document: unknown, options: { keepTime?: boolean } = {}): boolean {
    this.document = document;
    const result = validateScenario(document);
    if (!result.ok) {
      this.issues = result.issues;
      return false;
    }
    this.issues = [];
    this.computeError = '';
    const seq = ++this.#seq;
    const keepTime = options.keepTime ?? false;
    if (this.#workers && expectedEvents(result.scenario) >= WORKER_THRESHOLD && this.#compute(seq, result.scenario, keepTime)) return true;
    this.#stopWorker();
    this.#computeHere(result.scenario, keepTime);
    return true;
  }

  #computeHere(scenario: Scenario, keepTime: boolean): void {
    this.computing = null;
    const started = performance.now();
    try {
      const run = createRun(scenario);
      run.advanceTo(run.endTime);
      this.#show(scenario, run, prepareViews(run), performance.now() - started, keepTime);
    } catch (error) {
      this.computeError = `The simulation failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #show(scenario: Scenario, run: Run, views: RunViews, computeMs: number, keepTime: boolean): void {
    this.computeMs = computeMs;
    this.scenario = scenario;
    this.run = run;
    this.views = views;
    this.selection = null;
    this.time = keepTime ? Math.min(this.time, run.endTime) : 0;
  }

  /** Sends the scenario to the worker; false if no worker could be started. */
  #compute(seq: number, scenario: Scenario, keepTime: boolean): boolean {
    if (this.#busy) this.#stopWorker();
    if (!this.#worker) {
      try {
        this.#worker = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module' });
      } catch {
        this.#workers = false;
        return false;
      }
    }
    const worker = this.#worker;
    const startedAt = performance.now();
    let heard = false;
    const current = () => seq === this.#seq && worker === this.#worker;
    worker.onmessage = (event: MessageEvent<ComputeReply>) => {
      const reply = event.data;
      if (reply.seq !== seq || !current()) return;
      heard = true;
      if (reply.type === 'progress') {
        this.computing = { phase: reply.phase, fraction: reply.fraction, startedAt };
        return;
      }
      this.#busy = false;
      this.computing = null;
      if (reply.type === 'error') {
        this.computeError = `The simulation failed: ${reply.message}`;
        return;
      }
      let run: Run;
      try {
        run = fromRunData(reply.data);
      } catch (error) {
        this.computeError = `The finished run could not be shown: ${error instanceof Error ? error.message : String(error)}`;
        return;
      }
      // Receiving the message was this task's work; drawing the panels is the next one, so
      // the page paints in between instead of freezing for both at once.
      setTimeout(() => {
        if (current()) this.#show(scenario, run, reply.views, performance.now() - startedAt, keepTime);
      }, 0);
    };
    const failed = (message: string) => {
      if (!current()) return;
      this.#stopWorker();
      if (!heard) {
        // The worker never started (e.g. refused by the page's policy): compute here instead.
        this.#workers = false;
        this.#computeHere(scenario, keepTime);
        return;
      }
      this.computeError = `The simulation failed in its worker: ${message}`;
    };
    worker.onerror = (event) => {
      event.preventDefault();
      failed(event.message || 'the worker stopped');
    };
    worker.onmessageerror = () => failed('its reply could not be read');
    this.#busy = true;
    this.computing = { phase: 'preparing', fraction: 0, startedAt };
    const request: ComputeRequest = { seq, scenario };
    worker.postMessage(request);
    return true;
  }

  /** Ends the worker's computation, if any (a newer load, or a small scenario computed here). */
  #stopWorker(): void {
    if (this.#busy && this.#worker) {
      this.#worker.terminate();
      this.#worker = null;
    }
    this.#busy = false;
    this.computing = null;
  }

  seek(t: number): void {
    this.time = Math.max(0, Math.min(this.endTime, t));
    if (this.time >= this.endTime) this.playing = false;
  }

  /** Moves time by the chosen step, forward (1) or back (-1), paused. */
  stepBy(direction: 1 | -1): void {
    this.pause();
    this.seek(this.time + direction * this.step);
  }

  play(): void {
    if (this.time >= this.endTime) this.time = 0;
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Moves to the next moment something happens (an append, a read or a firing) after now. */
  stepToNextEvent(direction: 1 | -1 = 1): void {
    const run = this.run;
    if (!run) return;
    const t = this.time;
    let best = direction === 1 ? Infinity : -Infinity;
    const consider = (x: number) => {
      if (!Number.isFinite(x)) return;
      if (direction === 1 ? x > t && x < best : x < t && x > best) best = x;
    };
    const r = run.log.records;
    for (let i = 0; i < r.length; i++) {
      consider(r.appendedAt[i]);
      consider(run.reads.firstReadAt[i]);
    }
    for (const out of [run.modes.streaming, run.modes.microbatch]) for (const res of out.results) consider(res.emittedAt);
    if (Number.isFinite(best)) this.seek(best);
    else this.seek(direction === 1 ? this.endTime : 0);
  }

  /** Advances the clock by real elapsed time at the current speed (called per animation frame). */
  tick(realMs: number): void {
    if (!this.playing) return;
    this.seek(this.time + realMs * this.speed);
  }

  select(selection: Selection | null): void {
    this.selection = selection;
  }
}
