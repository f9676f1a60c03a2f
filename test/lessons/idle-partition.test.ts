/**
 * Lesson 10, idle-partition: the numbers its new steps state, derived by hand from the rules in
 * docs/semantics.md (Combining partitions; The micro-batch watermark). The first half (18,888 until
 * the 30.4 s tick, 28,233 after it) is pinned in test/lessons/lessons.test.ts.
 *
 * Producers: web (page-0, page-3 on partitions 0 and 1, delay ~100 ms), partner (page-6 on
 * partition 2, stops at 20 s) and export (page-6 again, event times from 40 s, each record sent
 * exactly 8,000 ms after it happened). Bound 1,000, idle timeout 10,000, 5 s micro-batches.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRun, loadScenarioText, type Result, type Run, type Scenario } from '../../src/engine/index';

const loaded = loadScenarioText(readFileSync(new URL('../../scenarios/idle-partition.json', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('scenarios/idle-partition.json does not load');
const scenario: Scenario = loaded.scenario;

function finished(s: Scenario): Run {
  const run = createRun(s);
  run.advanceTo(run.endTime);
  return run;
}
const of = (results: readonly Result[], key: string, start: number) => results.filter((r) => r.key === key && r.window.start === start && !r.retraction);
const producerOf = (run: Run, row: number) => run.log.producerIds[run.log.records.producer[row]];
function step(at: number) {
  const s = scenario.lesson?.steps.find((x) => x.at === at);
  if (!s) throw new Error(`no step at ${at}`);
  return s;
}

describe('idle-partition: an idle partition, then a lagging one', () => {
  const run = finished(scenario);
  const exportRows: number[] = [];
  for (let i = 0; i < run.log.records.length; i++) if (producerOf(run, i) === 'export') exportRows.push(i);

  it('step at 12 s: [0 s, 10 s) fires at 12 s for all three keys', () => {
    for (const key of ['page-0', 'page-3', 'page-6']) expect(of(run.modes.streaming.results, key, 0).map((r) => r.emittedAt)).toEqual([12_000]);
    expect(step(12_000).text).toContain('fires at 12 s, 2 s after its end');
  });

  it('question at 20.4 s: its explain step picks the minimum over partitions', () => {
    const q = step(20_400).question;
    expect(q?.explain?.choices.length).toBe(3);
    expect(q?.explain?.choices[q.explain.answer]).toBe('The minimum over partitions');
  });

  it('step at 30.4 s: on time, 30,400 - 20,000 = 10,400 ms after the end of [10 s, 20 s)', () => {
    const r = of(run.modes.streaming.results, 'page-6', 10_000);
    expect(r.map((x) => [x.firing, x.emittedAt])).toEqual([['on-time', 30_400]]);
    // Nothing of [10 s, 20 s) was dropped: the delay is a wait, not a loss.
    expect(run.modes.streaming.dropped.filter((d) => d.eventTime >= 10_000 && d.eventTime < 20_000)).toEqual([]);
  });

  it('step at 60 s: the export lags 8 s; streaming keeps all 14 page-6 of [40 s, 50 s) and fires at 59.2 s; micro-batch drops 5 at 60 s and says 9', () => {
    expect(exportRows.length).toBeGreaterThan(0);
    expect(exportRows.every((i) => run.log.records.appendedAt[i] - run.log.records.eventTime[i] === 8_000)).toBe(true);
    // Flink: the first export record (t = 42,654) is appended at 42,654 + 8,000 = 50,654, while the
    // watermark (the website's newest t - 1,001) is still below 49,999, so [40 s, 50 s) is open;
    // partition 2 is active again and holds the minimum: the window fires once partition 2's own
    // newest t reaches 51 s (appended at 59 s and a bit; the 59.2 s tick).
    const firstExport = exportRows[0];
    expect(run.log.records.eventTime[firstExport]).toBe(42_654);
    let w = -Infinity;
    for (const p of run.modes.streaming.watermarks) if (p.time <= 50_654) w = p.watermark;
    expect(w).toBeLessThan(49_999);
    expect(run.modes.streaming.dropped).toEqual([]);
    expect(of(run.modes.streaming.results, 'page-6', 40_000).map((r) => [r.value, r.emittedAt])).toEqual([[14, 59_200]]);
    expect(of(run.modes.batch?.results ?? [], 'page-6', 40_000).at(-1)?.value).toBe(14);
    // Spark: the 55 s batch sets newest t anywhere (the website's, ~55 s) - 1,000 >= 50,000, so the
    // 60 s batch drops the export records of [40 s, 50 s) it reads (t in 47 ... 50 s, read 55 ... 58 s).
    const after55 = run.modes.microbatch.watermarks.find((w) => w.time === 55_000)?.watermark ?? -Infinity;
    expect(after55).toBeGreaterThanOrEqual(50_000);
    const drops = run.modes.microbatch.dropped;
    expect(drops.map((d) => [d.key, d.droppedAt, d.reason])).toEqual(Array(5).fill(['page-6', 60_000, 'late']));
    expect(drops.every((d) => d.eventTime >= 47_000 && d.eventTime < 50_000)).toBe(true);
    expect(of(run.modes.microbatch.results, 'page-6', 40_000).map((r) => [r.value, r.emittedAt])).toEqual([[9, 60_000]]);
    expect(14 - 5).toBe(9);
  });

  it('remedy at 60 s: a 10 s delay, above the 8 s lag, drops none, and [40 s, 50 s) comes at 70 s', () => {
    const q = step(60_000).question;
    expect(q?.kind).toBe('remedy');
    expect(q?.choices[q.answer]).toBe('Delay 10 s, above the lag: windows wait 10 s more');
    const wider = finished({ ...scenario, processor: { ...scenario.processor, watermark: { ...scenario.processor.watermark, bound: 10_000 } } as Scenario['processor'] });
    expect(wider.modes.microbatch.dropped).toEqual([]);
    // Newest t anywhere stays below 60 s, so 60 s - 10 s < 50,000 until the last batch's flush at 70 s.
    expect(of(wider.modes.microbatch.results, 'page-6', 40_000).map((r) => [r.value, r.emittedAt])).toEqual([[14, 70_000]]);
  });
});
