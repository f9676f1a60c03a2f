/**
 * Lesson 6, replay: its explain step and its remedy (replay from 10 s), beside the pins in
 * lessons.test.ts (offsets 97 and 85, 138 re-read, the partial home [10 s, 20 s) = 1). Derived
 * from docs/scenario-format.md, "Replay": a new job with empty state reads from the first entry
 * appended at or after `timestamp`.
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd } from './lesson-helpers';

const scenario = lessonScenario('replay');

describe('lesson replay', () => {
  it('explains the 1 by empty state and where the new job starts', () => {
    const explain = questionAt(scenario, 35_000).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Empty state, and only records appended from 20 s');
  });

  it('remedy: replaying from 10 s gives home [10 s, 20 s) 51 again, for 228 records re-read instead of 138', () => {
    const q = questionAt(scenario, 41_600);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Replay from 10 s');
    const replays = scenario.consumers.replays.map((r) => ({ ...r, timestamp: 10_000 }));
    const run = runToEnd({ ...scenario, consumers: { ...scenario.consumers, replays } });
    expect(run.counters.redelivered).toBe(228);
    expect(runToEnd(scenario).counters.redelivered).toBe(138);
    // Every record of [10 s, 20 s) was appended at or after 10 s, so the new job counts each once:
    // the batch truth, 51 for home (40 for cart), at its first watermark tick after 35 s.
    for (const [key, value] of [['home', 51], ['cart', 40]] as const) {
      expect(panes(run.modes.batch?.results ?? [], key, 10_000, 20_000).map((r) => r.value)).toEqual([value]);
      expect(panes(run.modes.streaming.results, key, 10_000, 20_000).map((r) => [r.value, r.emittedAt])).toEqual([
        [value, 21_200],
        [value, 35_200],
      ]);
    }
    // No record of [0 s, 10 s) was appended after 10 s here, so no partial window is written.
    expect(run.modes.streaming.results.filter((r) => r.window.start === 0).map((r) => r.emittedAt)).toEqual([11_600, 11_600]);
  });
});
