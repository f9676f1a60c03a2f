/**
 * Properties over random generated scenarios (fast-check; the run count is in each name).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRun, runReport } from '../../src/engine/index';
import { scenarioOf } from '../helpers/scripted';

const windowArb = fc.oneof(
  fc.record({ type: fc.constant('tumbling'), size: fc.integer({ min: 200, max: 5000 }) }),
  fc
    .record({ slide: fc.integer({ min: 100, max: 2000 }), factor: fc.integer({ min: 1, max: 4 }) })
    .map(({ slide, factor }) => ({ type: 'sliding', size: slide * factor, slide })),
  fc.record({ type: fc.constant('session'), gap: fc.integer({ min: 50, max: 3000 }) }),
);

const orderlyScenario = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    partitions: fc.integer({ min: 1, max: 4 }),
    keys: fc.integer({ min: 1, max: 12 }),
    rate: fc.integer({ min: 2, max: 60 }),
    duration: fc.integer({ min: 1000, max: 15000 }),
    consumers: fc.integer({ min: 1, max: 3 }),
    capacity: fc.option(fc.integer({ min: 20, max: 500 }), { nil: undefined }),
    window: windowArb,
    bound: fc.integer({ min: 0, max: 2000 }),
    interval: fc.constantFrom(0, 50, 200),
    aggregate: fc.constantFrom('count', 'sum', 'min', 'max'),
    microInterval: fc.integer({ min: 100, max: 3000 }),
    outputMode: fc.constantFrom('append', 'update'),
  })
  .map((p) =>
    scenarioOf({
      id: 'orderly',
      seed: p.seed,
      duration: p.duration,
      topic: { partitions: p.partitions },
      producers: [
        {
          id: 'p',
          type: 'generated',
          rate: p.rate,
          keys: { count: p.keys },
          value: { type: 'uniformInt', min: 1, max: 9 },
          // No disorder: every event reaches the broker the moment it happens.
          delay: { type: 'constant', value: 0 },
        },
      ],
      // A slow consumer on one partition of several is disorder as the processor sees it: Spark's
      // global watermark (max over partitions) then drops the lagging partition's records.
      consumers: { count: p.consumers, ...(p.capacity && p.partitions === 1 ? { capacity: p.capacity } : {}) },
      processor: { window: p.window, watermark: { type: 'boundedOutOfOrderness', bound: p.bound, interval: p.interval }, aggregate: p.aggregate },
      // Spark (and so Streamlab) has no update mode for session windows.
      microBatch: { interval: p.microInterval, outputMode: p.window.type === 'session' ? 'append' : p.outputMode },
    }),
  );

describe('with no disorder, duplicates, drops or crashes', () => {
  it('all three modes end with batch truth in every window (80 random scenarios)', () => {
    fc.assert(
      fc.property(orderlyScenario, (scenario) => {
        const run = createRun(scenario);
        run.advanceTo(run.endTime);
        const report = runReport(run);
        const truthWindows = report.modes.batch.results.length;
        for (const mode of ['microbatch', 'streaming'] as const) {
          const s = report.modes[mode].divergence?.summary;
          expect(s, mode).toBeDefined();
          expect({ mode, exact: s?.exact, wrong: s?.wrong, missing: s?.missing, extra: s?.extra }).toEqual({ mode, exact: truthWindows, wrong: 0, missing: 0, extra: 0 });
          expect(report.modes[mode].dropped).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 80) },
    );
  });
});

const disorderlyScenario = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    partitions: fc.integer({ min: 1, max: 3 }),
    lateFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
    lateness: fc.integer({ min: 0, max: 8000 }),
    window: windowArb,
    accumulation: fc.constantFrom('accumulating', 'retracting'),
    trigger: fc.constantFrom<unknown>('onWatermark', 'onElement', { type: 'early', interval: 500 }),
  })
  .map((p) =>
    scenarioOf({
      id: 'disorderly',
      seed: p.seed,
      duration: 10000,
      topic: { partitions: p.partitions },
      producers: [
        {
          id: 'p',
          type: 'generated',
          rate: 30,
          keys: { count: 6 },
          delay: { type: 'uniform', min: 0, max: 300 },
          late: { fraction: p.lateFraction, delay: { type: 'uniform', min: 500, max: 9000 } },
        },
      ],
      processor: {
        window: p.window,
        watermark: { type: 'boundedOutOfOrderness', bound: 200, interval: 100, idleTimeout: 1000 },
        allowedLateness: p.lateness,
        aggregate: 'count',
        accumulation: p.accumulation,
        trigger: p.trigger,
      },
    }),
  );

describe('accumulating output', () => {
  it('never lowers a count from one firing of a window to the next (60 random scenarios)', () => {
    fc.assert(
      fc.property(disorderlyScenario, (scenario) => {
        const run = createRun(scenario);
        run.advanceTo(run.endTime);
        const last = new Map<string, number>();
        for (const r of run.modes.streaming.results) {
          if (r.retraction) continue;
          const k = `${r.key}|${r.window.start}|${r.window.end}`;
          const before = last.get(k);
          if (before !== undefined) expect(r.value).toBeGreaterThanOrEqual(before);
          last.set(k, r.value);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });

  it('a retraction always repeats the value last emitted for that window (60 random scenarios)', () => {
    fc.assert(
      fc.property(disorderlyScenario, (scenario) => {
        const run = createRun(scenario);
        run.advanceTo(run.endTime);
        const last = new Map<string, number>();
        for (const r of run.modes.streaming.results) {
          const k = `${r.key}|${r.window.start}|${r.window.end}`;
          if (r.retraction) expect(last.get(k)).toBe(r.value);
          else last.set(k, r.value);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});
