/**
 * Latency is measured in processing time: from the arrival (append) of the last record a
 * window's first result covers to that result. four-engines' event times run ahead of processing
 * time, which made "emitted minus window end" negative (streaming −6,500 ms).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createRun, loadScenarioText, modeDivergence, type Run } from '../../../src/engine/index';

function finished(file: string): Run {
  const loaded = loadScenarioText(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8'));
  if (!loaded.ok) throw new Error(file);
  const run = createRun(loaded.scenario);
  run.advanceTo(run.endTime);
  return run;
}

function latencies(run: Run, mode: 'batch' | 'microbatch' | 'streaming') {
  const out = mode === 'batch' ? run.modes.batch : run.modes[mode];
  if (!out) throw new Error('no output');
  const d = modeDivergence(run, out);
  if (!d) throw new Error('no truth');
  return { windows: d.windows.map((w) => [w.window.start, w.latency]), p50: d.summary.latencyP50, max: d.summary.latencyMax, visibleP50: d.summary.visibleLatencyP50 };
}

describe('latency: from the last covered input arriving to the first result', () => {
  // four-engines (one partition, scripted arrivals = append times, read at once): u7 at
  // t = 8, 9 s arrive at 2,500, 3,500; 11 s at 4,500; 9.5 s at 5,500; 12.5 s at 6,500; 9.8 s at
  // 6,800. Bound 2,000, 1 s micro-batches, input ends at 12,000 (duration).
  const run = finished('four-engines.json');

  test('streaming (Flink): [0, 10 s) fired at 6,600 over 8, 9, 9.5 s: 6,600 − 5,500 = 1,100; [10 s, 20 s) at 12,000 over 11, 12.5 s: 12,000 − 6,500 = 5,500', () => {
    // p50 is the element at floor(2 / 2) = 1 of [1,100, 5,500].
    expect(latencies(run, 'streaming')).toEqual({ windows: [[0, 1100], [10_000, 5500]], p50: 5500, max: 5500, visibleP50: 5500 });
  });

  test('micro-batch: [0, 10 s) at 8,000 over 8 … 9.8 s (last in at 6,800): 1,200; [10 s, 20 s) at 13,000 over 12.5 s: 6,500', () => {
    expect(latencies(run, 'microbatch')).toEqual({ windows: [[0, 1200], [10_000, 6500]], p50: 6500, max: 6500, visibleP50: 6500 });
  });

  test('batch ran at 12,000: [0, 10 s) last in at 6,800 (9.8 s): 5,200; [10 s, 20 s) last in at 6,500: 5,500', () => {
    expect(latencies(run, 'batch')).toEqual({ windows: [[0, 5200], [10_000, 5500]], p50: 5500, max: 5500, visibleP50: 5500 });
  });

  test('never negative, in every shipped scenario and mode', () => {
    for (const file of ['scripted-example.json', 'dataflow-by-hand.json', 'late-ctr.json', 'consumer-crash.json', 'exactly-once-latency.json', 'idle-partition.json']) {
      const r = finished(file);
      for (const mode of ['batch', 'microbatch', 'streaming'] as const) {
        const l = latencies(r, mode);
        for (const [, v] of l.windows) if (v !== null) expect(v, `${file} ${mode}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
