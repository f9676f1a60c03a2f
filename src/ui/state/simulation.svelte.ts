/**
 * The app's one piece of simulation state: the scenario, its finished run, the moment of
 * virtual time on screen, playback and the current selection. Components read it; the
 * engine does all the computing.
 */
import { createRun, validateScenario, type Run, type Scenario, type ScenarioIssue } from '../../engine/index';

export type Selection =
  | { kind: 'record'; row: number }
  | { kind: 'window'; key: string; start: number; end: number };

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export class Simulation {
  /** The scenario document as edited (may be invalid while being edited). */
  document = $state.raw<unknown>(null);
  /** The last valid scenario and its run: what is on screen. */
  scenario = $state.raw<Scenario | null>(null);
  run = $state.raw<Run | null>(null);
  /** Problems with `document`, if it is not valid; the last valid run stays on screen. */
  issues = $state.raw<ScenarioIssue[]>([]);
  /** Virtual processing time on screen, in ms. */
  time = $state(0);
  playing = $state(false);
  /** Virtual ms per real ms. */
  speed = $state(1);
  selection = $state.raw<Selection | null>(null);
  /** How long the last run took to compute, in real ms. */
  computeMs = $state(0);

  readonly endTime = $derived(this.run?.endTime ?? 0);

  /**
   * Validates a scenario document and, if valid, runs it to the end. An invalid document
   * leaves the previous run on screen and reports why.
   */
  load(document: unknown, options: { keepTime?: boolean } = {}): boolean {
    this.document = document;
    const result = validateScenario(document);
    if (!result.ok) {
      this.issues = result.issues;
      return false;
    }
    const started = performance.now();
    const run = createRun(result.scenario);
    run.advanceTo(run.endTime);
    this.computeMs = performance.now() - started;
    this.issues = [];
    this.scenario = result.scenario;
    this.run = run;
    this.selection = null;
    this.time = options.keepTime ? Math.min(this.time, run.endTime) : 0;
    return true;
  }

  seek(t: number): void {
    this.time = Math.max(0, Math.min(this.endTime, t));
    if (this.time >= this.endTime) this.playing = false;
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
