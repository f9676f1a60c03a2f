/**
 * Lesson 9, iot-backlog: its explain step and its remedy (allowed lateness over 12,036 ms),
 * beside the pins in lessons.test.ts (watermark 33,826 at 35 s, 25 dropped, sessions 41 and 54).
 * By hand: the first barn session is [244, 21,791), last timestamp 21,790; Flink clears a window's
 * state once 21,790 + allowed lateness <= the watermark, 33,826 when the backlog is read, so it
 * must be held by more than 33,826 - 21,790 = 12,036 ms for the backlog to merge into it.
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, questionAt, runToEnd, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('iot-backlog');
const barn = (lateness: number) => runToEnd(withProcessor(scenario, { allowedLateness: lateness })).modes.streaming;
/** The barn's final sessions: for each start, the last pane (its final value). */
function finalSessions(results: ReturnType<typeof barn>['results']): [number, number][] {
  const last = new Map<number, number>();
  const ends = new Map<number, number>();
  for (const r of results) {
    if (r.key !== 'barn-1' || r.retraction) continue;
    // A merged session keeps its start and grows its end: the longest per start is the final one.
    if ((ends.get(r.window.start) ?? -1) <= r.window.end) {
      ends.set(r.window.start, r.window.end);
      last.set(r.window.start, r.value);
    }
  }
  return [...last.entries()];
}

describe('lesson iot-backlog', () => {
  it('explains lateness by the other sensors moving the watermark', () => {
    const explain = questionAt(scenario, 23_600).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Other sensors moved the watermark');
  });

  it('remedy: 15 s of lateness gives one session of 120 after 27 late revisions at 35 s; 11 s drops nothing but ends with 41 and 79', () => {
    const q = questionAt(scenario, 60_010);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Lateness 15 s');
    const kept = barn(15_000);
    expect(kept.dropped.filter((d) => d.reason === 'late')).toEqual([]);
    expect(finalSessions(kept.results)).toEqual([[244, 120]]);
    expect(kept.results.filter((r) => r.key === 'barn-1' && r.firing === 'late' && r.emittedAt === 35_000)).toHaveLength(27);
    const split = barn(11_000);
    expect(split.dropped.filter((d) => d.reason === 'late')).toEqual([]);
    expect(finalSessions(split.results).map(([, v]) => v)).toEqual([41, 79]);
    // The boundary: 12,036 ms clears the old session before 35 s; 12,037 keeps it.
    expect(finalSessions(barn(12_036).results)).toHaveLength(2);
    expect(finalSessions(barn(12_037).results)).toEqual([[244, 120]]);
  });
});
