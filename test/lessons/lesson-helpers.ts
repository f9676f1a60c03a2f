/**
 * Small helpers for the per-lesson pin files (test/lessons/<lesson-id>.test.ts): load a shipped
 * lesson, run it (or a variant with one knob changed) to its end, and read its steps, questions
 * and panes. The expectations stay in the test files, each with its hand derivation.
 */
import { readFileSync } from 'node:fs';
import { createRun, loadScenarioText, type Result, type Run, type Scenario } from '../../src/engine/index';

/** The shipped lesson `scenarios/<id>.json`, parsed with its defaults. */
export function lessonScenario(id: string): Scenario {
  const loaded = loadScenarioText(readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(`scenarios/${id}.json does not load`);
  return loaded.scenario;
}

/** A run of the scenario advanced to its end. */
export function runToEnd(scenario: Scenario): Run {
  const run = createRun(scenario);
  run.advanceTo(run.endTime);
  return run;
}

/** The same scenario with some processor fields changed (the knob a remedy question turns). */
export function withProcessor(scenario: Scenario, processor: Partial<Scenario['processor']>): Scenario {
  return { ...scenario, processor: { ...scenario.processor, ...processor } };
}

/** One window's results for one key, in emission order, without retractions. */
export function panes(results: readonly Result[], key: string, start: number, end: number): Result[] {
  return results.filter((r) => r.key === key && r.window.start === start && r.window.end === end && !r.retraction);
}

/** The step at time `at`, which must exist. */
export function stepAt(scenario: Scenario, at: number) {
  const step = scenario.lesson?.steps.find((s) => s.at === at);
  if (!step) throw new Error(`${scenario.id}: no step at ${at}`);
  return step;
}

/** The question of the step at time `at`, which must have one. */
export function questionAt(scenario: Scenario, at: number) {
  const q = stepAt(scenario, at).question;
  if (!q) throw new Error(`${scenario.id}: no question at ${at}`);
  return q;
}

/** Streaming watermark in force at processing time t (the last point at or before t). */
export function streamingWatermarkAt(run: Run, t: number): number {
  let w = -Infinity;
  for (const p of run.modes.streaming.watermarks) if (p.time <= t) w = p.watermark;
  return w;
}
