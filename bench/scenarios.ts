/** The generated scenario the benchmark measures, at any size and partition count. */
import { validateScenario, type Scenario } from '../src/engine/index';

/**
 * About `events` events over 500 s of event time: 1,000 keys, tumbling 10 s windows, 5% late
 * events, 2% duplicates with dedup on, 4 consumers.
 */
export function benchScenario(events: number, partitions = 8, extra: { consumers?: Record<string, unknown>; processor?: Record<string, unknown> } = {}): Scenario {
  const duration = 500_000;
  const r = validateScenario({
    version: 1,
    id: `bench-${events}-${partitions}`,
    seed: 1,
    duration,
    topic: { partitions },
    producers: [
      {
        id: 'p',
        type: 'generated',
        // Duplicates add 2% more records; aim the total at `events`.
        rate: events / 1.02 / (duration / 1000),
        keys: { count: 1000 },
        value: { type: 'uniformInt', min: 1, max: 100 },
        late: { fraction: 0.05, delay: { type: 'uniform', min: 5000, max: 15000 } },
        duplicates: { rate: 0.02 },
      },
    ],
    consumers: { count: Math.min(4, partitions), ...extra.consumers },
    processor: { window: { type: 'tumbling', size: 10_000 }, aggregate: 'sum', dedup: { enabled: true }, ...extra.processor },
    microBatch: { interval: 1000 },
  });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.scenario;
}

/**
 * The same run as a Flink job checkpointing every 10 s that fails three times (at 30%, 60% and
 * 90% of the run, 2 s down each): what recovery costs the engine.
 */
export function crashingBenchScenario(events: number): Scenario {
  const crashes = [0.3, 0.6, 0.9].map((f, i) => ({ consumer: `c${i}`, at: Math.round(500_000 * f) + 500, downtime: 2000 }));
  return benchScenario(events, 8, { consumers: { crashes }, processor: { checkpoint: { interval: 10_000 } } });
}
