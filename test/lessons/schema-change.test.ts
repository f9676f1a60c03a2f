/**
 * Lesson 7, schema-change: its explain step and its remedy (readers first: the job accepts v1 and
 * v2), beside the pins in lessons.test.ts (252 dead-lettered, home 33 and cart 40 in [20 s, 30 s)).
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('schema-change');

describe('lesson schema-change', () => {
  it('explains why batch agrees: the same parser over the same log', () => {
    const explain = questionAt(scenario, 20_238).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Same parser, same log');
  });

  it('remedy: a job that reads v1 and v2 dead-letters nothing and counts home 64, cart 78 in [20 s, 30 s)', () => {
    const q = questionAt(scenario, 60_051);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Readers first: schemaVersions [1, 2]');
    const run = runToEnd(withProcessor(scenario, { schemaVersions: [1, 2] }));
    for (const mode of [run.modes.streaming, run.modes.microbatch, run.modes.batch]) expect(mode?.counters.deadLettered).toBe(0);
    // The lesson's own run counts the website only (33, 40); with v2 read, the app's 31 home and
    // 38 cart views of [20 s, 30 s) are counted too, in every mode.
    const lesson = runToEnd(scenario);
    for (const [key, value, websiteOnly] of [['home', 64, 33], ['cart', 78, 40]] as const) {
      expect(panes(lesson.modes.streaming.results, key, 20_000, 30_000).map((r) => r.value)).toEqual([websiteOnly]);
      expect(panes(run.modes.streaming.results, key, 20_000, 30_000).map((r) => r.value)).toEqual([value]);
      expect(panes(run.modes.batch?.results ?? [], key, 20_000, 30_000).map((r) => r.value)).toEqual([value]);
    }
  });
});
