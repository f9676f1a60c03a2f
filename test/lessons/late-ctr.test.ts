/**
 * Lesson 2, late-ctr: its three-choice question on the 7th click, its explain step and its remedy
 * (more allowed lateness), beside the pins in lessons.test.ts (4/109 on time, 5/109 and 6/109 late,
 * the 7th click dropped at 19,598). Derived by hand from docs/semantics.md, "The thresholds for
 * one window".
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd, streamingWatermarkAt, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('late-ctr');

describe('lesson late-ctr', () => {
  it('asks every question with at least three choices', () => {
    for (const step of scenario.lesson?.steps ?? []) if (step.question) expect(step.question.choices.length).toBeGreaterThanOrEqual(3);
    expect(questionAt(scenario, 12_683).choices).toEqual(['A late pane: 7/109', 'Dropped as too late', 'Held for the next firing']);
  });

  it('explains the low first rate by the late numerator', () => {
    const explain = questionAt(scenario, 1_000).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Clicks, the numerator, are late');
  });

  it('remedy: 10 s of allowed lateness keeps the 7th click (needs more than 8,143 ms), at 4 more revisions', () => {
    const q = questionAt(scenario, 20_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Lateness 10 s: state kept longer, more revisions');
    const run = runToEnd(scenario);
    // The 7th click (event time 9,210) is read at 19,598 when W = 18,142. It is accepted while
    // 9,999 + L > 18,142, i.e. L >= 8,144; 10,000 is enough, 5,000 is not.
    expect(streamingWatermarkAt(run, 19_598)).toBe(18_142);
    expect(q.explanation).toContain('9,999 + lateness > 18,142');
    const longer = runToEnd(withProcessor(scenario, { allowedLateness: 10_000 }));
    expect(panes(longer.modes.streaming.results, 'ad-A', 0, 10_000).map((r) => [r.value, r.firing, r.emittedAt])).toEqual([
      [4 / 109, 'on-time', 11_200],
      [5 / 109, 'late', 12_683],
      [6 / 109, 'late', 15_781],
      [7 / 109, 'late', 19_598],
    ]);
    // The cost: every late click of the run now fires a revision. The 4 clicks dropped as late
    // with 5 s are all kept with 10 s, each firing one more result: 30 results become 34.
    expect(run.modes.streaming.counters.droppedLate).toBe(4);
    expect(longer.modes.streaming.counters.droppedLate).toBe(0);
    expect(longer.modes.streaming.results.length - run.modes.streaming.results.length).toBe(4);
    const justShort = runToEnd(withProcessor(scenario, { allowedLateness: 8_143 }));
    expect(panes(justShort.modes.streaming.results, 'ad-A', 0, 10_000).at(-1)?.value).toBe(6 / 109);
  });
});
