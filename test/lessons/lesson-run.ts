/**
 * Helpers for the per-lesson pin files (test/lessons/<id>.test.ts): load a shipped lesson, or a
 * variant of it with some root fields replaced, run it to its end, and count lag from the log.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRun, loadScenarioText, type Run, type Scenario } from '../../src/engine/index';

/** The parsed JSON of scenarios/<id>.json. */
export function lessonDoc(id: string): Record<string, unknown> {
  const file = fileURLToPath(new URL(`../../scenarios/${id}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** A document validated and run to its end (throws with the issues when it does not load). */
export function runDoc(doc: Record<string, unknown>): { scenario: Scenario; run: Run } {
  const r = loadScenarioText(JSON.stringify(doc));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const run = createRun(r.scenario);
  run.advanceTo(run.endTime);
  return { scenario: r.scenario, run };
}

/** The question of the lesson step at `at`. */
export function questionAt(scenario: Scenario, at: number) {
  const q = scenario.lesson?.steps.find((s) => s.at === at)?.question;
  if (!q) throw new Error(`no question at ${at}`);
  return q;
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
