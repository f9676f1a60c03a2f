/**
 * Lesson 8, fraud-velocity: its explain step, its remedy (the per-element trigger) and its warning
 * that hopping windows only approximate "5 buys within 10 s", beside the pins in
 * lessons.test.ts (5 at 24.0 s early, micro-batch 6 at 25 s). Derived by hand from
 * docs/semantics.md, "Triggers" and "Sliding".
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/index';
import { lessonScenario, questionAt, runToEnd, stepAt, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('fraud-velocity');
const cardX = (results: ReturnType<typeof runToEnd>['modes']['streaming']['results']) => results.filter((r) => r.key === 'card-x' && !r.retraction);

describe('lesson fraud-velocity', () => {
  it('explains 24.0 s by the 1 s early timer, with three reasons', () => {
    expect(scenario.processor.trigger).toEqual({ type: 'early', interval: 1_000 });
    const explain = questionAt(scenario, 21_050).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Early firings run on a 1 s timer');
  });

  it('remedy: onElement shows 5 at 23.65 s, the 5th buy\'s read, and never fires a final pane', () => {
    const q = questionAt(scenario, 30_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('onElement trigger: a result per buy, none final');
    const run = runToEnd(withProcessor(scenario, { trigger: 'onElement' }));
    // Each buy is in two windows ([15 s, 25 s) and [20 s, 30 s)): the 5th buy, read at 23,650,
    // fires both at once with 5; every firing is early (all are ahead of the watermark), none on time.
    const five = cardX(run.modes.streaming.results).filter((r) => r.value === 5);
    expect(five.map((r) => [r.window.start, r.emittedAt])).toEqual([
      [20_000, 23_650],
      [15_000, 23_650],
    ]);
    expect(run.modes.streaming.results.every((r) => r.firing === 'early' || r.firing === 'late')).toBe(true);
    expect(cardX(run.modes.streaming.results)).toHaveLength(12); // 6 buys x 2 windows: a result per buy
  });

  it('the stream job answers after the buy: the source\'s decision is made in the request (last step)', () => {
    const text = stepAt(scenario, 30_000).text;
    expect(text).toContain('can only block the next buy');
    expect(text).toContain('batch features in memory (<100 ms)');
    expect(stepAt(scenario, 24_000).text).toContain('The 6th buy can be refused, not the 5th.');
  });

  it('hopping windows can miss a burst across a hop: 5 buys within 9 s reach at most 4 in a window', () => {
    expect(scenario.description).toContain('can miss a burst across a hop');
    // Buys at 13, 14, 16, 17 and 22 s (5 within 9 s). The windows of size 10 s every 5 s that hold
    // them: [5, 15) 13, 14 = 2; [10, 20) 13, 14, 16, 17 = 4; [15, 25) 16, 17, 22 = 3; [20, 30) 22 = 1.
    const burst: Scenario = {
      ...scenario,
      producers: scenario.producers.map((p) =>
        p.type === 'scripted' ? { ...p, entries: [13_000, 14_000, 16_000, 17_000, 22_000].map((t) => ({ key: 'card-x', value: 1, eventTime: t, arrivalTime: t + 50 })) } : p,
      ),
    };
    const truth = (runToEnd(burst).modes.batch?.results ?? []).filter((r) => r.key === 'card-x');
    expect(truth.map((r) => [r.window.start, r.value])).toEqual([
      [5_000, 2],
      [10_000, 4],
      [15_000, 3],
      [20_000, 1],
    ]);
  });
});
