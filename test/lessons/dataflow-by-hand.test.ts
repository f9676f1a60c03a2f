/**
 * Lesson 11, dataflow-by-hand: its third choice, its explain step and its remedy (allowed
 * lateness over 10 s), beside the pins in lessons.test.ts. By hand: the last 3 (t = 5 s) comes
 * at 23 s with the watermark at 19,999; Flink drops a record of [0 s, 10 s) once
 * 9,999 + allowed lateness <= watermark, so it needs allowed lateness > 10,000 ms.
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('dataflow-by-hand');

describe('lesson dataflow-by-hand', () => {
  it('asks about the last 3 with three choices and explains it by the watermark', () => {
    const q = questionAt(scenario, 14_000);
    expect(q.choices).toHaveLength(3);
    expect(q.explain?.choices[q.explain.answer]).toBe('The watermark passed 14,999');
  });

  it('remedy: more than 10 s of lateness keeps the 3 as a late pane of 35 at 23 s; exactly 10 s does not', () => {
    const q = questionAt(scenario, 25_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Lateness 15 s');
    const kept = runToEnd(withProcessor(scenario, { allowedLateness: 15_000 }));
    expect(panes(kept.modes.streaming.results, 'team', 0, 10_000).map((r) => [r.value, r.firing, r.emittedAt])).toEqual([
      [24, 'on-time', 12_600],
      [32, 'late', 14_000],
      [35, 'late', 23_000],
    ]);
    expect(kept.modes.streaming.dropped).toEqual([]);
    // 9,999 + 10,000 = 19,999 <= 19,999: still dropped; 10,001 keeps it.
    expect(runToEnd(withProcessor(scenario, { allowedLateness: 10_000 })).modes.streaming.dropped.map((d) => d.eventTime)).toEqual([5000]);
    expect(runToEnd(withProcessor(scenario, { allowedLateness: 10_001 })).modes.streaming.dropped).toEqual([]);
  });
});
