/**
 * The benchmark's hand-written streaming reference (bench/reference.ts) must give exactly the
 * engine's streaming output: results in order, drops, watermark trace and counters.
 */
import { describe, expect, it } from 'vitest';
import { createRun, validateScenario, type Scenario } from '../../src/engine/index';
import { benchScenario } from '../../bench/scenarios';
import { checkReferenceSupport, referenceStreaming, sameResults } from '../../bench/reference';

type Json = Record<string, unknown>;

function variant(base: Scenario, patch: (s: Json) => Json): Scenario {
  const r = validateScenario(patch(structuredClone(base) as unknown as Json));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.scenario;
}

const processor = (s: Json, p: Json): Json => ({ ...s, processor: { ...(s.processor as Json), ...p } });

function compare(scenario: Scenario) {
  const run = createRun(scenario, { only: ['streaming'] });
  const ref = referenceStreaming(run);
  run.advanceTo(run.endTime);
  return { run, ref, verdict: sameResults(run.modes.streaming, ref) };
}

const base = benchScenario(20_000);

const cases: [string, Scenario][] = [
  ['the bench scenario', base],
  ['allowed lateness 2000', variant(base, (s) => processor(s, { allowedLateness: 2000 }))],
  ['one partition', benchScenario(20_000, 1)],
  [
    'sliding avg, lateness, per-record watermarks, malformed and unreadable records, short dedup TTL',
    variant(base, (s) => {
      const producers = s.producers as Json[];
      return processor(
        {
          ...s,
          producers: [
            { ...producers[0], malformedRate: 0.01 },
            { id: 'v2', type: 'generated', rate: 2, keys: { count: 5 }, schemaVersion: 2 },
          ],
          consumers: { ...(s.consumers as Json), commitInterval: 2000 },
        },
        {
          window: { type: 'sliding', size: 10_000, slide: 2500, offset: 500 },
          aggregate: 'avg',
          allowedLateness: 3000,
          watermark: { type: 'boundedOutOfOrderness', bound: 2000, interval: 0 },
          dedup: { enabled: true, ttl: 5000 },
        },
      );
    }),
  ],
  [
    'idleness, markers, a member joining and leaving, min, no flush at the end',
    variant(benchScenario(5_000, 8), (s) => {
      const producers = s.producers as Json[];
      return processor(
        {
          ...s,
          producers: [
            { ...producers[0], keys: { count: 3 } },
            {
              id: 'm',
              type: 'scripted',
              entries: [{ watermark: 100_000, arrivalTime: 150_000 }, { key: 'x', value: 7, eventTime: 90_000, arrivalTime: 150_001 }, { watermark: 250_000, arrivalTime: 260_000 }],
            },
          ],
          consumers: {
            ...(s.consumers as Json),
            joins: [{ consumer: 'late-joiner', at: 200_000 }],
            leaves: [{ consumer: 'late-joiner', at: 300_000 }],
          },
        },
        {
          aggregate: 'min',
          flushAtEnd: false,
          watermark: { type: 'boundedOutOfOrderness', bound: 500, interval: 300, idleTimeout: 1500 },
        },
      );
    }),
  ],
  ['dedup off, count, punctuated', variant(base, (s) => processor(s, { aggregate: 'count', dedup: { enabled: false }, watermark: { type: 'punctuated' } }))],
];

describe('bench reference streaming', () => {
  for (const [name, scenario] of cases) {
    it(`matches the engine: ${name}`, () => {
      const { run, ref, verdict } = compare(scenario);
      expect(verdict).toEqual({ match: true });
      expect(ref.results.length).toBeGreaterThan(0);
      // Sanity: the run exercised what the case is about.
      expect(run.modes.streaming.results.length).toBe(ref.results.length);
    });
  }

  it('the bench scenario drops late records and duplicates', () => {
    const { ref } = compare(base);
    expect(ref.counters.droppedLate).toBeGreaterThan(0);
    expect(ref.counters.deduplicated).toBeGreaterThan(0);
  });

  it('reports a difference', () => {
    const run = createRun(base, { only: ['streaming'] });
    const ref = referenceStreaming(run);
    run.advanceTo(run.endTime);
    ref.results.value[3] += 1;
    const verdict = sameResults(run.modes.streaming, ref);
    expect(verdict.match).toBe(false);
    expect(verdict.firstDifference).toMatch(/^result #3: engine /);
  });

  it('refuses what it does not implement', () => {
    expect(() => checkReferenceSupport(variant(base, (s) => processor(s, { window: { type: 'session', gap: 1000 } })))).toThrow(/session windows/);
    expect(() => checkReferenceSupport(variant(base, (s) => processor(s, { accumulation: 'retracting', trigger: 'onElement' })))).toThrow(
      /trigger "onElement".*accumulation retracting/,
    );
    expect(() => checkReferenceSupport(variant(base, (s) => ({ ...s, consumers: { ...(s.consumers as Json), crashes: [{ consumer: 'c0', at: 1000, downtime: 10 }] } })))).toThrow(/crashes or replays/);
  });
});
