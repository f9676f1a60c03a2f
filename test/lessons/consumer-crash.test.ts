/**
 * Lesson 5, consumer-crash: its explain step and its remedy (an exactly-once sink), beside the
 * pins in lessons.test.ts (33 re-read by the group, 77 by the job, home [20 s, 30 s) = 53, and
 * [10 s, 20 s) fired at 21.4 s and again at 32.2 s). Derived by hand from docs/semantics.md,
 * "Flink and Beam with checkpoints": checkpoints at every multiple of 10 s while the job runs.
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd, stepAt, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('consumer-crash');

describe('lesson consumer-crash', () => {
  it('explains the restore with state and positions rewinding together', () => {
    const explain = questionAt(scenario, 32_100).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('State and positions rewind together');
  });

  it('remedy: an exactly-once sink aborts the 21.4 s results and shows the re-fired ones once, at 40 s', () => {
    const q = questionAt(scenario, 33_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('An exactly-once sink');
    expect(stepAt(scenario, 33_000).text).toContain('cart 51 and home 45 reach the sink twice');
    const run = runToEnd(withProcessor(scenario, { guarantee: 'exactlyOnce' }));
    // [10 s, 20 s) fired at 21.4 s, in the transaction opened at the 20 s checkpoint; the crash at
    // 27 s aborts it. The restored job fires it at 32.2 s; the next checkpoint is 40 s (none while
    // the job is down, 27-32 s; the next multiple of 10 s after the restart).
    expect(run.modes.streaming.aborted.map((r) => [r.key, r.window.start, r.value, r.emittedAt])).toEqual([
      ['cart', 10_000, 51, 21_400],
      ['home', 10_000, 45, 21_400],
    ]);
    for (const [key, value] of [['cart', 51], ['home', 45]] as const) {
      expect(panes(run.modes.streaming.results, key, 10_000, 20_000).map((r) => [r.value, r.emittedAt, r.visibleAt])).toEqual([[value, 32_200, q.revealAt]]);
    }
    expect(q.revealAt).toBe(40_000);
  });

  it('a 5 s checkpoint only shrinks what is redone: it restores 25 s, which happens to cover 21.4 s', () => {
    const run = runToEnd(withProcessor(scenario, { checkpoint: { interval: 5000 } }));
    // The last multiple of 5 s before the crash at 27 s is 25 s, after the 21.4 s firing.
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ restoredFrom: 'checkpoint', restoredTo: 25_000 });
    expect(panes(run.modes.streaming.results, 'cart', 10_000, 20_000).map((r) => r.emittedAt)).toEqual([21_400]);
    // Whatever fires after the restored checkpoint still goes out twice: with 10 s checkpoints
    // (the lesson's), the 21.4 s firing came after the 20 s checkpoint and was repeated.
    const lesson = runToEnd(scenario);
    expect(panes(lesson.modes.streaming.results, 'cart', 10_000, 20_000).map((r) => r.emittedAt)).toEqual([21_400, 32_200]);
  });
});
