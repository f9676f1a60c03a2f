/**
 * Lesson 13, exactly-once-latency: its explain step and its remedy (checkpoints every 2 s),
 * beside the pins in lessons.test.ts (visible at 10 s, 4 aborted at 27 s, visible again at 40 s).
 * Derived by hand from docs/semantics.md, "Flink and Beam with checkpoints".
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('exactly-once-latency');

describe('lesson exactly-once-latency', () => {
  it('explains the wait: the output commits with the checkpoint', () => {
    const explain = questionAt(scenario, 5800).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Output commits with the state behind it');
  });

  it('remedy: checkpoints every 2 s show [0 s, 5 s) at 6 s and abort nothing, for 21 checkpoints instead of 4', () => {
    const q = questionAt(scenario, 40_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Checkpoints every 2 s');
    const run = runToEnd(withProcessor(scenario, { checkpoint: { interval: 2000 } }));
    // Fired at 5.8 s, committed by the next multiple of 2 s: 6 s.
    for (const key of ['eu', 'us']) expect(panes(run.modes.streaming.results, key, 0, 5000).map((r) => r.visibleAt)).toEqual([6000]);
    // The 26 s checkpoint holds everything fired before the failure at 27 s (the last, 25.8 s).
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ restoredTo: 26_000, aborted: 0 });
    expect(run.modes.streaming.aborted).toEqual([]);
    // Every 2 s from 2 s to 26 s (13), none while down (27-30 s), then 30 s to 44 s (8): 21.
    expect(run.jobs.streaming.checkpoints.time).toHaveLength(21);
    // The lesson's 10 s: 10, 20, 30 (at the restart) and 40 s.
    expect(runToEnd(scenario).jobs.streaming.checkpoints.time).toEqual([10_000, 20_000, 30_000, 40_000]);
  });
});
