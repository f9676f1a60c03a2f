/**
 * Guided mode: walks a learner through a lesson's narration steps while the run plays.
 *
 * The step on screen follows virtual time. Once the learner engages (starts the lesson, or
 * presses Next, Previous, Restart or a choice), playback stops exactly at each step that asks
 * to pause and at a question's reveal time; before that (the app autoplays its default
 * scenario) steps simply show as time passes, and playback stops only at a question, which
 * waits for an answer or a skip. Next always lands on the next step at its time (a reveal on
 * the way shows with that step), so the text on screen describes the moment on screen.
 *
 * A lesson's text describes its own run. When the scenario on screen is no longer that one (an
 * edit, or a link carrying edits), the guide says so, grades nothing, and can go back to it.
 */
import { validateScenario, type Lesson, type NarrationStep } from '../../engine/index';
import type { Simulation } from '../state/simulation.svelte';
import { shippedScenarios } from '../state/scenarios';
import { lessonSource, sameScenario, type LessonSource } from './lesson-origin';

/** The shipped scenarios as lesson sources (validated once, on first use). */
let shippedSources: LessonSource[] | null = null;
function shipped(): readonly LessonSource[] {
  shippedSources ??= shippedScenarios.flatMap((s) => {
    const result = validateScenario(s.document);
    return result.ok ? [{ scenario: result.scenario, document: s.document }] : [];
  });
  return shippedSources;
}

export class Guide {
  /** Index of the step on screen; -1 before the first step (the introduction). */
  current = $state(-1);
  /** Whether playback stops at steps (see the class comment). */
  engaged = $state(false);
  /** The learner closed the guide for this scenario. */
  dismissed = $state(false);
  /** Answer chosen per step index. */
  chosen = $state.raw<ReadonlyMap<number, number>>(new Map());
  /** Questions the learner chose not to answer (by step index). */
  skipped = $state.raw<ReadonlySet<number>>(new Set());
  /** The reason picked in a question's explain step, per step index (see explain-step.ts). */
  reasons = $state.raw<ReadonlyMap<number, number>>(new Map());
  /** The scenario the lesson's text describes (see lesson-origin.ts). */
  source = $state.raw<LessonSource | null>(null);

  /** The step Next is playing to: reveals on the way do not stop it (they show with that step). */
  private heading: number | null = null;
  /** Questions whose reveal playback stopped at, so they are not shown again with the next step. */
  private seen = new Set<number>();

  /** Time and run last seen by `sync`, to tell play from a jump (scrub, seek, re-run). */
  private lastTime = 0;
  private lastRun: unknown = null;
  private lastScenarioId: string | null = null;

  constructor(private readonly sim: Simulation) {}

  /** The loaded scenario's lesson, when it has steps to walk through. */
  get lesson(): Lesson | null {
    const lesson = this.sim.scenario?.lesson;
    return lesson && lesson.steps.length > 0 ? lesson : null;
  }

  /** The scenario on screen is not the one the lesson's text describes. */
  get edited(): boolean {
    const scenario = this.sim.scenario;
    return this.source !== null && scenario !== null && !sameScenario(this.source.scenario, scenario);
  }

  get visible(): boolean {
    return this.lesson !== null && !this.dismissed;
  }

  get steps(): readonly NarrationStep[] {
    return this.lesson?.steps ?? [];
  }

  get step(): NarrationStep | null {
    return this.steps[this.current] ?? null;
  }

  /** When step `i` applies on screen (a step after the end of the run applies at the end). */
  atOf(i: number): number {
    const step = this.steps[i];
    return step ? Math.min(step.at, this.sim.endTime) : Infinity;
  }

  /** When a question asked at step `i` is answered on screen. */
  revealTimeOf(i: number): number {
    const q = this.steps[i]?.question;
    if (!q) return Infinity;
    if (q.revealAt !== undefined) return Math.min(q.revealAt, this.sim.endTime);
    return i + 1 < this.steps.length ? this.atOf(i + 1) : this.sim.endTime;
  }

  /** Whether question i is answered and graded now (never against an edited run). */
  isRevealed(i: number): boolean {
    return !this.edited && this.chosen.has(i) && this.sim.time >= this.revealTimeOf(i);
  }

  /** Step i asks a question still waiting for an answer or a skip. */
  asks(i: number): boolean {
    return this.steps[i]?.question !== undefined && !this.chosen.has(i) && !this.skipped.has(i);
  }

  /** Starts the lesson from the beginning, paused, with the first step (or the introduction) on screen. */
  start(): void {
    // Claims the loaded scenario so the next sync does not treat it as new and reset.
    if ((this.sim.scenario?.id ?? null) !== this.lastScenarioId) this.claim();
    this.lastRun = this.sim.run;
    this.dismissed = false;
    this.engaged = true;
    this.chosen = new Map();
    this.skipped = new Set();
    this.reasons = new Map();
    this.seen = new Set();
    this.heading = null;
    this.jump(0);
    this.sim.pause();
    this.current = this.reachedBy(this.sim.time);
  }

  restart(): void {
    this.start();
  }

  exit(): void {
    this.dismissed = true;
    this.engaged = false;
  }

  /** Loads the scenario the lesson describes again, at the same moment and step. */
  backToLesson(): void {
    const source = this.source;
    if (source && this.edited) this.sim.load(structuredClone(source.document), { keepTime: true });
  }

  /**
   * Moves to the next step: from the introduction straight to the first step (no wait before
   * it); later, plays to the next step and stops there, or, pressed again while playing, jumps
   * straight there. An unanswered question on screen counts as skipped.
   */
  next(): void {
    if (this.asks(this.current)) this.skip();
    const k = this.current + 1;
    if (k >= this.steps.length) return;
    this.engaged = true;
    const at = this.atOf(k);
    if (this.current < 0 || at <= this.sim.time || this.sim.playing) {
      this.jump(Math.max(at, this.sim.time));
      this.arrive(k);
      this.sim.pause();
      return;
    }
    this.heading = k;
    this.sim.play();
  }

  /** Leaves the question on screen unanswered (Next then moves on). */
  skip(): void {
    const i = this.current;
    if (!this.asks(i)) return;
    this.skipped = new Set([...this.skipped, i]);
  }

  previous(): void {
    this.engaged = true;
    this.heading = null;
    const k = this.current - 1;
    if (k < 0) {
      this.jump(0);
      this.sim.pause();
      this.current = this.steps.length > 0 && this.atOf(0) <= 0 ? 0 : -1;
      return;
    }
    this.sim.pause();
    this.jump(this.atOf(k));
    this.current = k;
  }

  /** Records a prediction and plays on until the answer is revealed. */
  choose(choice: number): void {
    const i = this.current;
    const q = this.steps[i]?.question;
    if (!q || this.chosen.has(i) || this.edited) return;
    this.engaged = true;
    this.heading = null;
    const chosen = new Map(this.chosen);
    chosen.set(i, choice);
    this.chosen = chosen;
    // Plays on; sync stops at the reveal (or at a pausing step before it).
    if (this.revealTimeOf(i) > this.sim.time) this.sim.play();
  }

  /**
   * Records the reason picked in question i's explain step: once, only after its reveal, and never
   * against an edited run (not graded there).
   */
  explain(i: number, reason: number): void {
    const e = this.steps[i]?.question?.explain;
    if (!e || reason < 0 || reason >= e.choices.length || this.reasons.has(i) || !this.isRevealed(i)) return;
    const reasons = new Map(this.reasons);
    reasons.set(i, reason);
    this.reasons = reasons;
  }

  /** The earliest reveal of a chosen question after time t. */
  private revealAfter(t: number): number {
    let best = Infinity;
    if (this.edited) return best;
    for (const i of this.chosen.keys()) {
      const r = this.revealTimeOf(i);
      if (r > t && r < best) best = r;
    }
    return best;
  }

  /**
   * Questions to show with step `current`: its own, and earlier answered ones whose answer is
   * revealed at or after this step began (still pending, or revealed just now), or was revealed
   * on the way here without playback stopping at it.
   */
  get questionSteps(): number[] {
    const k = this.current;
    if (k < 0) return [];
    const at = this.atOf(k);
    const before = k > 0 ? this.atOf(k - 1) : -Infinity;
    const out: number[] = [];
    for (const i of this.chosen.keys()) {
      const r = this.revealTimeOf(i);
      if (i < k && (r >= at || (r > before && !this.seen.has(i)))) out.push(i);
    }
    out.sort((a, b) => a - b);
    if (this.steps[k]?.question) out.push(k);
    return out;
  }

  /**
   * Follows virtual time (call from an effect that reads sim.time, sim.playing and sim.run):
   * while playing forward, steps are reached in order and playback stops at pausing ones;
   * any other change of time is a jump, after which the step on screen is the last one reached.
   */
  sync(): void {
    const sim = this.sim;
    const t = sim.time;
    const id = sim.scenario?.id ?? null;
    if (id !== this.lastScenarioId) {
      // Another scenario: a fresh guide (not engaged, so an autoplaying scenario is not stopped).
      this.claim();
      this.dismissed = false;
      this.engaged = false;
      this.chosen = new Map();
      this.skipped = new Set();
      this.reasons = new Map();
      this.seen = new Set();
      this.heading = null;
    }
    if (!this.visible) {
      this.lastTime = t;
      this.lastRun = sim.run;
      return;
    }
    const sameRun = sim.run === this.lastRun;
    this.lastRun = sim.run;
    if (sameRun && t === this.lastTime) return;
    if (sameRun && sim.playing && t > this.lastTime) {
      for (;;) {
        const k = this.current + 1;
        const nextAt = this.atOf(k);
        // Next plays to a step: a reveal on the way shows with that step instead of stopping short.
        const reveal = this.heading === null ? this.revealAfter(this.lastTime) : Infinity;
        if (reveal < nextAt && t >= reveal) {
          this.jump(reveal);
          for (const i of this.chosen.keys()) if (this.revealTimeOf(i) === reveal) this.seen.add(i);
          sim.pause();
          break;
        }
        if (t < nextAt) break;
        const headedHere = this.heading === k;
        this.arrive(k);
        if ((this.engaged && this.steps[k].pause) || this.asks(k) || headedHere) {
          this.jump(nextAt);
          sim.pause();
          break;
        }
      }
    } else {
      this.heading = null;
      this.current = this.reachedBy(t);
    }
    this.lastTime = sim.time;
  }

  /** The step on screen at time t: the first of the last group of steps already reached. */
  private reachedBy(t: number): number {
    let last = -1;
    for (let i = 0; i < this.steps.length && this.atOf(i) <= t; i++) last = i;
    while (last > 0 && this.atOf(last - 1) === this.atOf(last)) last--;
    return last;
  }

  private arrive(k: number): void {
    this.current = k;
    if (this.heading !== null && this.heading <= k) this.heading = null;
  }

  /** Takes the scenario on screen as the one the guide follows, and finds what its lesson describes. */
  private claim(): void {
    const scenario = this.sim.scenario;
    this.lastScenarioId = scenario?.id ?? null;
    this.source = scenario ? lessonSource({ scenario, document: structuredClone(this.sim.document) }, shipped()) : null;
  }

  /** Moves time without it counting as a jump the learner made. */
  private jump(t: number): void {
    this.sim.seek(t);
    this.lastTime = this.sim.time;
  }
}

/** Parts of the screen a step can point at, as CSS selectors for the elements that show them. */
export const HIGHLIGHT_TARGETS: Record<NonNullable<NarrationStep['highlight']>, { selector: string; label: string }> = {
  producers: { selector: '[data-testid^="producer-"]', label: 'Producers' },
  topic: { selector: '[data-testid^="partition-lane-"]', label: 'Topic' },
  consumers: { selector: '[data-testid^="consumer-"]', label: 'Consumers' },
  processor: { selector: '[data-testid="processor"]', label: 'Processor' },
  sinks: { selector: '[data-testid^="sink-"]', label: 'Sinks' },
  'side-output': { selector: '[data-testid="dlq-lane"]', label: 'Side output' },
  'event-time-chart': { selector: '[data-testid="event-time-chart"]', label: 'Event-time chart' },
  watermark: { selector: '[data-testid="event-time-chart"]', label: 'Watermark' },
  outputs: { selector: '[data-testid="outputs"]', label: 'Outputs' },
  'results-table': { selector: '[data-testid="results-table"]', label: 'Results table' },
  metrics: { selector: '[data-testid="metrics"]', label: 'Metrics' },
  lag: { selector: '[data-testid="lag-chart"]', label: 'Consumer lag' },
  editor: { selector: '[data-testid="editor"]', label: 'Scenario editor' },
};

/** The first sentence of a story, for a library card. */
export function firstSentence(text: string): string {
  const trimmed = text.trim();
  const match = /^.*?[.!?](?=\s|$)/s.exec(trimmed);
  return match ? match[0] : trimmed;
}
