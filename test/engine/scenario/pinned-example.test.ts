/**
 * The pinned example scenarios load exactly as written, with the schema's defaults filled in,
 * and every complete scenario example in docs/scenario-format.md loads too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, validateScenario, type Scenario } from '../../../src/engine/index';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

function load(path: string): { raw: unknown; scenario: Scenario } {
  const text = read(path);
  const result = loadScenarioText(text);
  if (!result.ok) throw new Error(`${path} should load, got:\n${result.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return { raw: JSON.parse(text), scenario: result.scenario };
}

describe('scenarios/scripted-example.json', () => {
  const { raw, scenario } = load('scenarios/scripted-example.json');

  it('keeps every field exactly as written', () => {
    // toMatchObject: each field of the file is present with the same value (arrays element by element).
    expect(scenario).toMatchObject(raw as object);
    expect(scenario.producers[0]).toMatchObject({ type: 'scripted', entries: (raw as { producers: { entries: unknown[] }[] }).producers[0].entries });
  });

  it('fills the defaults', () => {
    expect(scenario.consumers.count).toBe(1);
    expect(scenario.processor.dedup.enabled).toBe(false);
    expect(scenario.microBatch.interval).toBe(1000);
    expect(scenario.processor.flushAtEnd).toBe(true);
  });

  it('is exactly the file plus the documented defaults, nothing else', () => {
    expect(scenario).toEqual({
      version: 1,
      id: 'scripted-example',
      title: 'Scripted events with punctuated watermarks',
      seed: 7,
      topic: { name: 'events', partitions: 1 },
      producers: [
        {
          id: 'script',
          type: 'scripted',
          entries: [
            { key: 'k1', value: 1, eventTime: 1000 },
            { key: 'k1', value: 2, eventTime: 2000 },
            { watermark: 2999 },
            { key: 'k1', value: 4, eventTime: 500, id: 'late-1' },
            { key: 'k2', value: 3, eventTime: 3500, arrivalTime: 40 },
          ],
          schemaVersion: 1,
        },
      ],
      consumers: { count: 1, commitInterval: 5000, assignment: 'range', crashes: [], joins: [], leaves: [], replays: [] },
      processor: {
        window: { type: 'tumbling', size: 3000, offset: 0 },
        watermark: { type: 'punctuated' },
        allowedLateness: 0,
        aggregate: 'sum',
        accumulation: 'accumulating',
        trigger: 'onWatermark',
        semantics: 'flink',
        suppress: 'none',
        dedup: { enabled: false, ttl: 600_000 },
        flushAtEnd: true,
        guarantee: 'atLeastOnce',
        startFrom: 'committed',
        schemaVersions: [1],
      },
      microBatch: { interval: 1000, outputMode: 'append' },
    });
    // No duration in the file, and none is invented (generated producers would use 60,000).
    expect('duration' in scenario).toBe(false);
  });
});

describe('scenarios/clicks.json', () => {
  it('loads and keeps its fields', () => {
    const { raw, scenario } = load('scenarios/clicks.json');
    expect(scenario).toMatchObject(raw as object);
    // Defaults inside a partly written object are filled too.
    expect(scenario.processor.watermark).toEqual({ type: 'boundedOutOfOrderness', bound: 2000, interval: 200 });
    expect(scenario.consumers.assignment).toBe('range');
  });
});

describe('defaults of a minimal scenario', () => {
  it('fills every optional field with the value docs/scenario-format.md gives', () => {
    const { scenario } = load('test/fixtures/scenarios/good/minimal.json');
    expect(scenario).toEqual({
      version: 1,
      id: 'untitled',
      title: 'Untitled scenario',
      seed: 1,
      topic: { name: 'events', partitions: 1 },
      producers: [
        {
          id: 'web',
          type: 'generated',
          rate: 20,
          start: 0,
          keys: { count: 10, prefix: 'key-', skew: 0 },
          value: { type: 'constant', value: 1 },
          delay: { type: 'uniform', min: 0, max: 100 },
          late: { fraction: 0, delay: { type: 'uniform', min: 5000, max: 15000 } },
          outages: [],
          duplicates: { rate: 0, retryDelay: 100 },
          malformedRate: 0,
          schemaVersion: 1,
        },
      ],
      consumers: { count: 1, commitInterval: 5000, assignment: 'range', crashes: [], joins: [], leaves: [], replays: [] },
      processor: {
        window: { type: 'tumbling', size: 10_000, offset: 0 },
        watermark: { type: 'boundedOutOfOrderness', bound: 1000, interval: 200 },
        allowedLateness: 0,
        aggregate: 'count',
        accumulation: 'accumulating',
        trigger: 'onWatermark',
        semantics: 'flink',
        suppress: 'none',
        dedup: { enabled: false, ttl: 600_000 },
        flushAtEnd: true,
        guarantee: 'atLeastOnce',
        startFrom: 'committed',
        schemaVersions: [1],
      },
      microBatch: { interval: 1000, outputMode: 'append' },
    });
  });

  it('does not change the document it validates', () => {
    const doc = { version: 1, producers: [{ id: 'web', type: 'generated', rate: 20 }] };
    const before = JSON.stringify(doc);
    expect(validateScenario(doc).ok).toBe(true);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('docs/scenario-format.md', () => {
  // Blocks fenced as ```json scenario are complete scenarios; plain ```json blocks are fragments.
  const doc = read('docs/scenario-format.md');
  const blocks = [...doc.matchAll(/```json scenario\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has complete examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('example %i loads', (_n, text) => {
    const result = loadScenarioText(text);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
