/**
 * Lesson 12, four-engines: every number it states, derived by hand from the rules in
 * docs/semantics.md (Semantics profiles) and checked against the engine under each profile.
 *
 * The stream (one partition, key u7, tumbling 10 s, count, allowed lateness / grace 0, bounded
 * out-of-orderness 2,000, 200 ms ticks, 1 s micro-batches), event time @ read time:
 *   8000 @2500, 9000 @3500, 11000 @4500, 9500 @5500, 12500 @6500, 9800 @6800.
 * No watermark markers: each engine sees only the events.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareProfiles, createRun, FATE, loadScenarioText, type Result, type Run, type Scenario, type SemanticsName } from '../../src/engine/index';

const text = readFileSync(new URL('../../scenarios/four-engines.json', import.meta.url), 'utf8');
const loaded = loadScenarioText(text);
if (!loaded.ok) throw new Error('scenarios/four-engines.json does not load');
const scenario: Scenario = loaded.scenario;

function under(semantics: SemanticsName, processor: Partial<Scenario['processor']> = {}): Run {
  const run = createRun({ ...scenario, processor: { ...scenario.processor, ...processor, semantics } });
  run.advanceTo(run.endTime);
  return run;
}
const first = (results: readonly Result[]) => results.filter((r) => r.window.start === 0 && r.window.end === 10_000 && !r.retraction);
const finalOf = (results: readonly Result[]) => first(results).at(-1)?.value;
function fateOf(run: Run, eventTime: number): number {
  for (let i = 0; i < run.log.records.length; i++) if (run.log.records.eventTime[i] === eventTime) return run.modes.streaming.fate[i];
  throw new Error(`no record at t=${eventTime}`);
}
function watermarkAt(run: Run, t: number): number {
  let w = -Infinity;
  for (const p of run.modes.streaming.watermarks) if (p.time <= t) w = p.watermark;
  return w;
}
function question(at: number) {
  const q = scenario.lesson?.steps.find((s) => s.at === at)?.question;
  if (!q) throw new Error(`no question at ${at}`);
  return q;
}

describe('four-engines: each gap from one rule, from events alone', () => {
  const flink = under('flink');
  const beam = under('beam');
  const spark = under('spark');
  const ks = under('kafka-streams');

  it('runs on events only, under Flink by default, with a 2 s bound and lateness 0', () => {
    expect(text).not.toContain('"watermark": 9');
    expect(scenario.processor.watermark).toMatchObject({ type: 'boundedOutOfOrderness', bound: 2000 });
    expect(scenario.processor.semantics).toBe('flink');
    expect(scenario.processor.allowedLateness).toBe(0);
  });

  it('description: Flink 3, Beam 3, Spark 4, Kafka Streams 2, truth 4', () => {
    // Flink/Beam: 8000, 9000, 9500 (9800 late); Spark: all four; Kafka Streams: 8000, 9000.
    expect([flink, beam, spark, ks].map((r) => finalOf(r.modes.streaming.results))).toEqual([3, 3, 4, 2]);
    expect(finalOf(flink.modes.batch?.results ?? [])).toBe(4);
    expect(scenario.description).toContain('Flink 3, Beam 3, Spark 4, Kafka Streams 2. Truth: 4.');
  });

  it('step at 5 s: Flink 11,000 - 2,001 = 8,999; Kafka Streams has stream time 11,000 and (step at 8 s, "no wait") already sent updates 1, 2', () => {
    // 11000 is read at 4,500; the tick at 4,600 computes 11,000 - 2,000 - 1.
    expect(watermarkAt(flink, 5000)).toBe(8_999);
    expect(first(ks.modes.streaming.results).filter((r) => r.emittedAt <= 5000).map((r) => [r.value, r.firing, r.emittedAt])).toEqual([
      [1, 'update', 2_500],
      [2, 'update', 3_500],
    ]);
    // Stream time = the largest event time seen: the [10 s, 20 s) update at 4,500 carries 11,000.
    expect(ks.modes.streaming.results.find((r) => r.emittedAt === 4_500)?.watermark).toBe(11_000);
  });

  it('question at 5 s: 9.5 s counts in Flink, Beam and Spark, not Kafka Streams', () => {
    const q = question(5000);
    expect(q.choices[q.answer]).toBe('Flink, Beam, Spark');
    expect(q.choices.length).toBeGreaterThanOrEqual(3);
    // Flink: 9,999 + 0 <= 8,999 is false. Beam: 9,999 + 0 < 8,999 is false. Spark: the 6 s batch
    // uses 11,000 - 2,000 = 9,000 (set by the 5 s batch), and 10,000 <= 9,000 is false.
    // Kafka Streams: 10,000 + 0 <= 11,000, dropped.
    expect([flink, beam, spark, ks].map((r) => fateOf(r, 9_500))).toEqual([FATE.COUNTED, FATE.COUNTED, FATE.COUNTED, FATE.LATE]);
    expect(spark.modes.streaming.watermarks.find((w) => w.time === 5_000)?.watermark).toBe(9_000);
    expect(q.explain?.choices[q.explain.answer]).toBe('Only grace admits stragglers');
  });

  it('step at 7 s: watermark 10,499; Flink and Beam fired 3 at the same tick; 9.8 s dropped except by Spark (9,000)', () => {
    // 12500 read at 6,500; the tick at 6,600: 12,500 - 2,001 = 10,499 >= 9,999 (Flink) and >= 10,000 (Beam).
    for (const run of [flink, beam]) {
      expect(first(run.modes.streaming.results).map((r) => [r.value, r.firing, r.emittedAt, r.watermark])).toEqual([[3, 'on-time', 6_600, 10_499]]);
    }
    // 9800 read at 6,800: Flink 9,999 <= 10,499; Beam 9,999 < 10,499; Kafka Streams 10,000 <= 12,500.
    // Spark's 7 s batch still uses 9,000 (the 6 s batch saw nothing above 11,000).
    expect([flink, beam, spark, ks].map((r) => fateOf(r, 9_800))).toEqual([FATE.LATE, FATE.LATE, FATE.COUNTED, FATE.LATE]);
    expect(spark.modes.streaming.watermarks.find((w) => w.time === 6_000)?.watermark).toBe(9_000);
  });

  it('step at 8 s: Spark\'s 8 s batch (10,500) emits 4, 1.4 s after Flink; micro-batch says the same', () => {
    // The 7 s batch read 12500: 12,500 - 2,000 = 10,500, in force from the 8 s batch; 10,000 <= 10,500.
    expect(spark.modes.streaming.watermarks.find((w) => w.time === 7_000)?.watermark).toBe(10_500);
    for (const out of [spark.modes.streaming, flink.modes.microbatch]) {
      expect(first(out.results).map((r) => [r.value, r.firing, r.emittedAt])).toEqual([[4, 'on-time', 8_000]]);
    }
    expect(8_000 - 6_600).toBe(1_400);
  });

  it('remedy at 8 s: grace 2 s makes Kafka Streams count what Flink counts, 3', () => {
    const q = question(8000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('Grace 2 s: state kept 2 s longer');
    // Grace 2,000: 9500 arrives at stream time 11,000 < 12,000, kept; 9800 at 12,500 >= 12,000, dropped.
    const graced = under('kafka-streams', { allowedLateness: 2000 });
    expect(finalOf(graced.modes.streaming.results)).toBe(3);
    expect(graced.modes.streaming.dropped.map((d) => d.eventTime)).toEqual([9_800]);
  });

  it('compare agrees: Flink = Beam on every window; Flink 3 vs Kafka Streams 2, truth 4', () => {
    expect(compareProfiles(scenario, 'flink', 'beam').differing).toEqual([]);
    const c = compareProfiles(scenario, 'flink', 'kafka-streams');
    expect(c.differing.find((d) => d.window.start === 0)).toMatchObject({ key: 'u7', truth: 4, a: { final: 3 }, b: { final: 2 } });
  });
});
