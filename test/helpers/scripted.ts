/**
 * Test helpers: build a scripted scenario from a few entries, run it to the end, and read
 * each mode's results as compact tuples that are easy to write by hand.
 */
import { readFileSync } from 'node:fs';
import { createRun, validateScenario, type LiveRun, type Run, type Scenario } from '../../src/engine/index';

type Json = Record<string, unknown>;

export function scenarioOf(doc: Json): Scenario {
  const r = validateScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.scenario;
}

/** One scripted producer with `entries`, the given processor, one partition unless told. */
export function scripted(entries: Json[], processor: Json = {}, extra: Json = {}): Scenario {
  return scenarioOf({
    id: 'test',
    producers: [{ id: 's', type: 'scripted', entries }],
    processor: { watermark: { type: 'punctuated' }, ...processor },
    ...extra,
  });
}

export function runToEnd(scenario: Scenario): LiveRun {
  const run = createRun(scenario);
  run.advanceTo(run.endTime);
  return run;
}

/** [key, start, end, value, firing, emittedAt] per result; retractions get a leading '-'. */
export type Row = [string, number, number, number, string, number];

export function rows(results: readonly { key: string; window: { start: number; end: number }; value: number; firing: string; emittedAt: number; retraction?: true }[]): Row[] {
  return results.map((r) => [r.key, r.window.start, r.window.end, r.value, (r.retraction ? '-' : '') + r.firing, r.emittedAt]);
}

export function streamingRows(run: Run): Row[] {
  return rows(run.modes.streaming.results);
}

export function ev(key: string, value: number, eventTime: number, extra: Json = {}): Json {
  return { key, value, eventTime, ...extra };
}

export const wm = (watermark: number, extra: Json = {}): Json => ({ watermark, ...extra });

/** A lesson from scenarios/, run to its end. */
export function finishedLesson(file: string): LiveRun {
  const text = readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8');
  const result = validateScenario(JSON.parse(text));
  if (!result.ok) throw new Error(`scenarios/${file} is not valid`);
  return runToEnd(result.scenario);
}
