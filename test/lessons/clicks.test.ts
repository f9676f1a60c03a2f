/**
 * Lesson 1, clicks (the landing lesson): the numbers and claims its rewritten text adds, beside
 * the pins in lessons.test.ts (streaming at 12.4 s, micro-batch at 20 s, 105 / 107 / 110).
 * Derivations are by hand from docs/semantics.md; counts of log records are read from the log.
 */
import { describe, expect, it } from 'vitest';
import { FLAG } from '../../src/engine/index';
import { lessonScenario, panes, questionAt, runToEnd, stepAt, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('clicks');
const run = runToEnd(scenario);
const page0 = (results: Parameters<typeof panes>[0]) => panes(results, 'page-0', 0, 10_000);

describe('lesson clicks', () => {
  it('runs under Flink, the engine its watermark step names, with no dedup', () => {
    expect(scenario.processor.semantics).toBe('flink');
    expect(scenario.processor.dedup.enabled).toBe(false);
    expect(stepAt(scenario, 5_000).text).toMatch(/^Flink: /);
  });

  it('introduces the watermark in the step that asks about it, before any question', () => {
    const steps = scenario.lesson?.steps ?? [];
    const firstQuestion = steps.findIndex((s) => s.question !== undefined);
    expect(steps[firstQuestion].text).toMatch(/watermark/);
    expect(steps.slice(0, firstQuestion).every((s) => !/watermark/.test(s.text))).toBe(true);
    // Flink fires when the watermark reaches end - 1, so the text must not say "passes".
    expect(steps[firstQuestion].text).toContain('fires when it reaches end - 1');
    expect(questionAt(scenario, 5_000).explanation).not.toMatch(/passes/);
  });

  it('a partition keeps append order, not event-time order (step at 2 s)', () => {
    expect(stepAt(scenario, 2_000).text).toContain('append order');
    // Partition 0 holds some record whose event time is below the one appended before it.
    const r = run.log.records;
    let outOfOrder = 0;
    let previous = -Infinity;
    for (let i = 0; i < r.length; i++) {
      if (r.partition[i] !== 0) continue;
      if (r.eventTime[i] < previous) outOfOrder++;
      previous = r.eventTime[i];
    }
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('late panes take streaming from 105 to 109 by 16.8 s (step at 12.4 s)', () => {
    // Allowed lateness 5 s: a late click for [0, 10 s) read while W < 9,999 + 5,000 fires a late pane.
    expect(page0(run.modes.streaming.results).map((r) => [r.value, r.firing])).toEqual([
      [105, 'on-time'],
      [106, 'late'],
      [107, 'late'],
      [108, 'late'],
      [109, 'late'],
    ]);
    expect(page0(run.modes.streaming.results).at(-1)?.emittedAt).toBe(16_781); // "at 16.8 s"
    expect(stepAt(scenario, 12_400).text).toBe('page-0 = 105; 4 late clicks lift it to 109 by 16.8 s.');
  });

  it('retries inflate every mode alike: 2 copies in page-0 [0, 10 s), dedup takes 2 off each (remedy at 20 s)', () => {
    const r = run.log.records;
    let copies = 0;
    for (let i = 0; i < r.length; i++) {
      if ((r.flags[i] & FLAG.DUPLICATE) !== 0 && run.log.keys[r.key[i]] === 'page-0' && r.eventTime[i] < 10_000) copies++;
    }
    expect(copies).toBe(2);
    const q = questionAt(scenario, 20_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toMatch(/^Dedup by id, ttl > 0.2 s/);
    expect(scenario.producers[0]).toMatchObject({ duplicates: { retryDelay: 200 } });
    // The copies arrive 200 ms after their original (retryDelay), so a 1 s ttl remembers every id:
    // each mode's page-0 value drops by exactly the 2 copies: 109 -> 107, 107 -> 105, 110 -> 108.
    const deduped = runToEnd(withProcessor(scenario, { dedup: { enabled: true, ttl: 1_000 } }));
    expect(page0(deduped.modes.streaming.results).at(-1)?.value).toBe(107);
    expect(page0(deduped.modes.microbatch.results).at(-1)?.value).toBe(105);
    expect(page0(deduped.modes.batch?.results ?? []).at(-1)?.value).toBe(108);
    expect(q.explanation).toContain('Ttl 1 s: 107, 105, 108');
    // Without dedup, "late clicks make the gap" (step at 20 s): micro-batch's 107 and streaming's
    // 109 are the truth's 110 less the page-0 clicks each dropped as late (3 and 1).
    const lateDrops = (dropped: typeof run.modes.streaming.dropped) => dropped.filter((d) => d.key === 'page-0' && d.eventTime < 10_000 && d.reason === 'late').length;
    expect(lateDrops(run.modes.microbatch.dropped)).toBe(3);
    expect(lateDrops(run.modes.streaming.dropped)).toBe(1);
    expect(page0(run.modes.streaming.results).at(-1)?.value).toBe(109);
  });

  it('asks why with three reasons after the first reveal', () => {
    const explain = questionAt(scenario, 5_000).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toMatch(/waits 2 s for stragglers/);
  });
});
