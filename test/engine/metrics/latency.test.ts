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
  // four-engines (one partition, scripted arrivals = append times): user-7 at t=1, 4, 8 s arrive at
  // 500, 1,500, 2,500; marker 9,999 at 3,500; 9 s at 4,500; marker 10,000 at 5,500; 9.5 s at 5,600;
  // 9.7 s at 7,000; 12 s at 8,000; 9.8 s at 9,000.
  const run = finished('four-engines.json');

  test('streaming (Flink): [0, 10 s) fired at 3,500 over 1, 4, 8 s: 3,500 − 2,500 = 1,000; [10 s, 20 s) at 9,000 over 12 s: 9,000 − 8,000 = 1,000', () => {
    expect(latencies(run, 'streaming')).toEqual({ windows: [[0, 1000], [10_000, 1000]], p50: 1000, max: 1000, visibleP50: 1000 });
  });

  test('micro-batch: [0, 10 s) at 7,000 over 1 … 9.5 s (last in at 5,600): 1,400; [10 s, 20 s) at 10,000 over 12 s: 2,000', () => {
    // p50 is the element at floor(2 / 2) = 1 of [1,400, 2,000].
    expect(latencies(run, 'microbatch')).toEqual({ windows: [[0, 1400], [10_000, 2000]], p50: 2000, max: 2000, visibleP50: 2000 });
  });

  test('batch ran at 9,000: [0, 10 s) last in at 9,000 (9.8 s): 0; [10 s, 20 s) last in at 8,000: 1,000', () => {
    expect(latencies(run, 'batch')).toEqual({ windows: [[0, 0], [10_000, 1000]], p50: 1000, max: 1000, visibleP50: 1000 });
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
