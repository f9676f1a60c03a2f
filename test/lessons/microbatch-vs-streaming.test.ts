/**
 * Lesson 3, microbatch-vs-streaming: the numbers of its explain step and of its remedy (a shorter
 * trigger interval), beside the pins in lessons.test.ts (8,712 / 18,898, out at 30 s vs 11.6 s).
 * Derived by hand from docs/semantics.md, "Micro-batch mode (Spark's rules)".
 */
import { describe, expect, it } from 'vitest';
import { lessonScenario, panes, questionAt, runToEnd, stepAt } from './lesson-helpers';

const scenario = lessonScenario('microbatch-vs-streaming');
const withInterval = (interval: number) => runToEnd({ ...scenario, microBatch: { ...scenario.microBatch, interval } });
/** Batches a run held: one watermark entry per batch, after the initial 0 at time 0. */
const batches = (run: ReturnType<typeof runToEnd>) => run.modes.microbatch.watermarks.filter((w) => w.time > 0).length;

describe('lesson microbatch-vs-streaming', () => {
  it('explains the 30 s batch by the watermark the batch before left', () => {
    const explain = questionAt(scenario, 10_000).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('It uses the watermark the batch before left');
  });

  it('no longer credits micro-batch with reruns; names explicit dependencies instead (step at 40 s)', () => {
    const text = stepAt(scenario, 40_000).text;
    expect(text).not.toMatch(/rerun after a fix reads the same input/);
    expect(text).toContain('checkpointed streams replay too');
    expect(text).toContain('names the input slices it reads');
  });

  it('remedy: a 2 s trigger interval emits [0 s, 10 s) at 14 s, with 31 batches instead of 7', () => {
    const q = questionAt(scenario, 45_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('2 s trigger interval: out at 14 s, 31 batches not 7');
    expect(stepAt(scenario, 45_000).highlight).toBe('editor');
    // The input ends at 60,282 (the last read). The last batch is the first strictly after it:
    // 10 s batches at 10, 20, ..., 70 s = 7; 2 s batches at 2, 4, ..., 62 s = 31.
    const lesson = withInterval(10_000);
    const short = withInterval(2_000);
    expect(lesson.inputEndTime).toBe(60_282);
    expect(batches(lesson)).toBe(7);
    expect(batches(short)).toBe(31);
    // By 10 s the same records are read whatever the interval, so the 10 s batch leaves 8,712 both
    // times; with 2 s batches the 12 s batch leaves 10,563 >= 10,000 and the 14 s batch emits.
    const after = (t: number) => short.modes.microbatch.watermarks.find((w) => w.time === t)?.watermark;
    expect(after(10_000)).toBe(8_712);
    expect(after(12_000)).toBe(10_563);
    for (const [key, count] of [['home', 57], ['cart', 59]] as const) {
      expect(panes(short.modes.microbatch.results, key, 0, 10_000).map((r) => [r.value, r.emittedAt])).toEqual([[count, 14_000]]);
    }
    expect(q.explanation).toContain('12 s leaves 10,563, 14 s emits');
  });
});
