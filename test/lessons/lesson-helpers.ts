/**
 * Small helpers for the per-lesson pin files (test/lessons/<lesson-id>.test.ts): load a shipped
 * lesson, run it (or a variant with one knob changed) to its end, and read its steps, questions
 * and panes. The expectations stay in the test files, each with its hand derivation.
 */
import { readFileSync } from 'node:fs';
import { loadScenarioText, type Result, type Run, type Scenario } from '../../src/engine/index';
import { runToEnd } from '../helpers/scripted';

export { runToEnd };

/** The shipped lesson `scenarios/<id>.json`, parsed with its defaults. */
export function lessonScenario(id: string): Scenario {
  const loaded = loadScenarioText(readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(`scenarios/${id}.json does not load`);
  return loaded.scenario;
}

/** The parsed JSON of scenarios/<id>.json, for variants that replace whole root fields. */
export function lessonDoc(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** A document validated and run to its end (throws with the issues when it does not load). */
export function runDoc(doc: Record<string, unknown>): { scenario: Scenario; run: Run } {
  const r = loadScenarioText(JSON.stringify(doc));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return { scenario: r.scenario, run: runToEnd(r.scenario) };
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

/** Records appended at or before t that the group has not read by t (all partitions, or one). */
export function lagAt(run: Run, t: number, partition?: number): number {
  const rec = run.log.records;
  let n = 0;
  for (let i = 0; i < rec.length; i++) {
    if (partition !== undefined && rec.partition[i] !== partition) continue;
    if (rec.appendedAt[i] <= t && !(run.reads.firstReadAt[i] <= t)) n++;
  }
  return n;
}

/**
 * The lag the page's lag chart shows at t: the group's lag sample taken exactly at t (the chart
 * shows the last sample at or before now, so a lesson that states lag puts its step on a sample).
 */
export function sampledLagAt(run: Run, t: number): number[] {
  const lag = run.group.lag;
  const s = lag.time.indexOf(t);
  if (s < 0) throw new Error(`no lag sample at ${t}`);
  const P = run.log.partitions.length;
  return Array.from({ length: P }, (_, p) => lag.logEndOffset[s * P + p] - lag.position[s * P + p]);
}
