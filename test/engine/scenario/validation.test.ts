/**
 * Each bad scenario is rejected with one message per problem: the field path as written in
 * the file (`producers[0].rate`, `(root)` for the document itself) and the rule it breaks.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, validateScenario, type ScenarioIssue } from '../../../src/engine/index';

type Doc = Record<string, unknown>;

const generated = (extra: Doc = {}): Doc => ({ id: 'web', type: 'generated', rate: 10, ...extra });
const scenario = (extra: Doc = {}): Doc => ({ version: 1, producers: [generated()], ...extra });
const withProducer = (extra: Doc): Doc => scenario({ producers: [generated(extra)] });
const scripted = (entries: unknown[]): Doc => scenario({ producers: [{ id: 'script', type: 'scripted', entries }] });
const event = (eventTime: number, extra: Doc = {}): Doc => ({ key: 'k', value: 1, eventTime, ...extra });
const withProcessor = (processor: Doc): Doc => scenario({ processor });
const withConsumers = (consumers: Doc): Doc => scenario({ consumers });

function issuesOf(doc: unknown): ScenarioIssue[] {
  const result = validateScenario(doc);
  if (result.ok) throw new Error(`expected ${JSON.stringify(doc)} to be rejected`);
  return result.issues;
}

/** Exactly one issue, at `path`, whose message contains every one of `words`. */
function expectOneIssue(doc: unknown, path: string, ...words: string[]): void {
  const issues = issuesOf(doc);
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  expect(issues[0].path).toBe(path);
  for (const w of words) expect(issues[0].message).toContain(w);
}

describe('valid documents', () => {
  it('accepts the smallest scenario', () => {
    expect(validateScenario(scenario()).ok).toBe(true);
  });

  it.each([
    ['the maximum rate, 1,000,000/s, for 5 s (exactly the budget)', scenario({ duration: 5000, producers: [generated({ rate: LIMITS.ratePerSecond })] })],
    ['the budget exactly (5,000,000 expected events)', scenario({ duration: 5_000_000, producers: [generated({ rate: 1000 })] })],
    ['a negative tumbling offset smaller than size', withProcessor({ window: { type: 'tumbling', size: 10, offset: -9 } })],
    ['sliding size / slide = 1000', withProcessor({ window: { type: 'sliding', size: 1000, slide: 1 } })],
    ['touching outages (to = next from)', withProducer({ outages: [{ from: 0, to: 100 }, { from: 100, to: 200 }] })],
    ['outages listed out of order but not overlapping', withProducer({ outages: [{ from: 500, to: 600 }, { from: 0, to: 100 }] })],
    ['an explicit arrivalTime equal to the previous one', scripted([event(0, { arrivalTime: 5 }), event(1, { arrivalTime: 5 })])],
    ['an event after a processingTime entry at that time', scripted([{ processingTime: 10 }, event(1, { arrivalTime: 10 })])],
    ['a crash of a consumer that joins earlier', withConsumers({ joins: [{ consumer: 'extra', at: 5 }], crashes: [{ consumer: 'extra', at: 5 }] })],
    ['a replay by timestamp on the last partition', scenario({ topic: { partitions: 3 }, consumers: { replays: [{ at: 10, timestamp: 0, partition: 2 }] } })],
    ['an empty script', scripted([])],
    ['an explicit key list', withProducer({ keys: ['home', 'cart'] })],
  ])('accepts %s', (_name, doc) => {
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('wrong types', () => {
  it.each([
    ['a string rate', withProducer({ rate: 'fast' }), 'producers[0].rate', 'must be a number, not a string'],
    ['a null rate', withProducer({ rate: null }), 'producers[0].rate', 'must be a number, not null'],
    ['a boolean seed', scenario({ seed: true }), 'seed', 'must be a number, not a boolean'],
    ['an object for producers', scenario({ producers: {} }), 'producers', 'must be a list, not an object'],
    ['a list for topic', scenario({ topic: [] }), 'topic', 'must be an object, not an array'],
    ['a number for the dedup switch', withProcessor({ dedup: { enabled: 1 } }), 'processor.dedup.enabled', 'must be true or false, not a number'],
    ['a number for a scripted key', scripted([event(0, { key: 7 })]), 'producers[0].entries[0].key', 'must be a string, not a number'],
    ['a string watermark marker', scripted([{ watermark: 'soon' }]), 'producers[0].entries[0].watermark', 'must be a number, not a string'],
    ['a number for the description', scenario({ description: 5 }), 'description', 'must be a string, not a number'],
  ])('rejects %s', (_name, doc, path, message) => {
    expectOneIssue(doc, path, message);
  });
});

describe('number rules', () => {
  it.each([
    ['a negative rate', withProducer({ rate: -1 }), 'producers[0].rate', 'must be > 0'],
    ['a zero rate', withProducer({ rate: 0 }), 'producers[0].rate', 'must be > 0'],
    ['zero partitions', scenario({ topic: { partitions: 0 } }), 'topic.partitions', 'must be >= 1'],
    ['too many partitions', scenario({ topic: { partitions: LIMITS.partitions + 1 } }), 'topic.partitions', 'must be <= 256'],
    ['too many consumers', withConsumers({ count: LIMITS.consumers + 1 }), 'consumers.count', 'must be <= 64'],
    ['a late fraction above 1', withProducer({ late: { fraction: 1.5 } }), 'producers[0].late.fraction', 'must be <= 1'],
    ['a negative duplicate rate', withProducer({ duplicates: { rate: -0.1 } }), 'producers[0].duplicates.rate', 'must be >= 0'],
    ['a malformed rate above 1', withProducer({ malformedRate: 2 }), 'producers[0].malformedRate', 'must be <= 1'],
    ['a skew above 10', withProducer({ keys: { skew: 11 } }), 'producers[0].keys.skew', 'must be <= 10'],
    ['zero keys', withProducer({ keys: { count: 0 } }), 'producers[0].keys.count', 'must be >= 1'],
    ['a duration over 24 h', scenario({ duration: LIMITS.durationMs + 1 }), 'duration', 'must be at most 86,400,000 ms (24 hours)'],
    ['a zero duration', scenario({ duration: 0 }), 'duration', 'must be a positive number of milliseconds (at least 1 ms)'],
    ['a negative seed', scenario({ seed: -1 }), 'seed', 'must be >= 0'],
    ['a negative bound', withProcessor({ watermark: { type: 'boundedOutOfOrderness', bound: -1 } }), 'processor.watermark.bound', 'must be 0 ms or more, not negative'],
    ['a zero idle timeout', withProcessor({ watermark: { type: 'punctuated', idleTimeout: 0 } }), 'processor.watermark.idleTimeout', 'must be a positive number of milliseconds (at least 1 ms)'],
    ['a zero session gap', withProcessor({ window: { type: 'session', gap: 0 } }), 'processor.window.gap', 'must be a positive number of milliseconds (at least 1 ms)'],
    ['negative allowed lateness', withProcessor({ allowedLateness: -1 }), 'processor.allowedLateness', 'must be 0 ms or more, not negative'],
    ['a zero dedup ttl', withProcessor({ dedup: { enabled: true, ttl: 0 } }), 'processor.dedup.ttl', 'must be a positive number of milliseconds (at least 1 ms)'],
    ['a zero micro-batch interval', scenario({ microBatch: { interval: 0 } }), 'microBatch.interval', 'must be a positive number of milliseconds (at least 1 ms)'],
    ['a zero commit interval', withConsumers({ commitInterval: 0 }), 'consumers.commitInterval', 'must be a positive number of milliseconds (at least 1 ms)'],
    ['a zero capacity', withConsumers({ capacity: 0 }), 'consumers.capacity', 'must be > 0'],
    ['a negative arrival time', scripted([event(0, { arrivalTime: -1 })]), 'producers[0].entries[0].arrivalTime', 'must be 0 ms or more, not negative'],
    ['an exponential with a negative mean', withProducer({ delay: { type: 'exponential', mean: -1 } }), 'producers[0].delay.mean', 'must be >= 0'],
    ['a lognormal with median 0', withProducer({ delay: { type: 'lognormal', median: 0, sigma: 1 } }), 'producers[0].delay.median', 'must be > 0'],
    ['a normal with a negative stddev', withProducer({ value: { type: 'normal', mean: 0, stddev: -1 } }), 'producers[0].value.stddev', 'must be >= 0'],
    ['a uniform with max < min', withProducer({ delay: { type: 'uniform', min: 10, max: 5 } }), 'producers[0].delay.max', 'max must be >= min'],
    ['a negative replay offset', withConsumers({ replays: [{ at: 0, offset: -1 }] }), 'consumers.replays[0].offset', 'must be >= 0'],
    ['a negative crash downtime', withConsumers({ crashes: [{ consumer: 'c0', at: 0, downtime: -1 }] }), 'consumers.crashes[0].downtime', 'must be 0 ms or more, not negative'],
  ])('rejects %s', (_name, doc, path, message) => {
    expectOneIssue(doc, path, message);
  });

  it('reports a rate over the limit and the budget it breaks', () => {
    const issues = issuesOf(withProducer({ rate: LIMITS.ratePerSecond + 1 }));
    expect(issues).toContainEqual({ path: 'producers[0].rate', message: 'must be <= 1000000' });
    expect(issues.map((i) => i.path)).toEqual(['producers[0].rate', 'producers']);
  });
});

describe('whole numbers', () => {
  it.each([
    ['seed', scenario({ seed: 1.5 }), 'seed'],
    ['topic.partitions', scenario({ topic: { partitions: 2.5 } }), 'topic.partitions'],
    ['consumers.count', withConsumers({ count: 1.5 }), 'consumers.count'],
    ['keys.count', withProducer({ keys: { count: 9.9 } }), 'producers[0].keys.count'],
    ['an event time', scripted([event(0.5)]), 'producers[0].entries[0].eventTime'],
    ['an arrival time', scripted([event(0, { arrivalTime: 1.25 })]), 'producers[0].entries[0].arrivalTime'],
    ['a processing time', scripted([{ processingTime: 0.1 }]), 'producers[0].entries[0].processingTime'],
    ['a window size', withProcessor({ window: { type: 'tumbling', size: 1000.5 } }), 'processor.window.size'],
    ['allowed lateness', withProcessor({ allowedLateness: 0.5 }), 'processor.allowedLateness'],
    ['a schema version', withProducer({ schemaVersion: 1.5 }), 'producers[0].schemaVersion'],
    ['an outage start', withProducer({ outages: [{ from: 0.5, to: 10 }] }), 'producers[0].outages[0].from'],
    ['a micro-batch interval', scenario({ microBatch: { interval: 999.9 } }), 'microBatch.interval'],
    ['a uniformInt bound', withProducer({ value: { type: 'uniformInt', min: 0.5, max: 3 } }), 'producers[0].value.min'],
  ])('rejects a fractional %s', (_name, doc, path) => {
    expectOneIssue(doc, path, 'must be a whole number');
  });
});

describe('NaN-like values', () => {
  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('rejects %s for a number field', (_name, value) => {
    expectOneIssue(withProducer({ rate: value }), 'producers[0].rate', 'must be a finite number');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
  ])('rejects %s for a whole-number field', (_name, value) => {
    expectOneIssue(scenario({ seed: value }), 'seed', 'must be a finite number');
  });

  it('rejects NaN inside a distribution', () => {
    expectOneIssue(withProducer({ value: { type: 'constant', value: NaN } }), 'producers[0].value.value', 'must be a finite number');
  });

  it('rejects the strings "NaN" and "Infinity"', () => {
    expectOneIssue(withProducer({ rate: 'NaN' }), 'producers[0].rate', 'must be a number, not a string');
    expectOneIssue(scripted([event(0, { value: 'Infinity' })]), 'producers[0].entries[0].value', 'must be a number, not a string');
  });

  it('rejects whole numbers beyond the safe range', () => {
    expectOneIssue(scripted([event(2 ** 60)]), 'producers[0].entries[0].eventTime', 'must be within ±10,000,000,000,000 ms');
  });
});

describe('unknown fields', () => {
  it.each([
    ['at the root', scenario({ foo: 1 }), '(root)'],
    ['in a producer', withProducer({ foo: 1 }), 'producers[0]'],
    ['in a nested object', withProcessor({ dedup: { enabled: true, foo: 1 } }), 'processor.dedup'],
    ['in a distribution', withProducer({ delay: { type: 'constant', value: 1, foo: 1 } }), 'producers[0].delay'],
    ['in a scripted event', scripted([event(0, { foo: 1 })]), 'producers[0].entries[0]'],
    ['in a consumer crash', withConsumers({ crashes: [{ consumer: 'c0', at: 0, foo: 1 }] }), 'consumers.crashes[0]'],
    ['in the topic', scenario({ topic: { partitions: 1, foo: 1 } }), 'topic'],
  ])('rejects one %s', (_name, doc, path) => {
    expectOneIssue(doc, path, 'unknown field "foo"');
  });

  it('names all unknown fields of one object in one message', () => {
    expectOneIssue(scenario({ foo: 1, bar: 2 }), '(root)', 'unknown fields "foo", "bar"');
  });

  it('rejects a misspelt field (a common mistake) rather than ignoring it', () => {
    expectOneIssue(scenario({ consumer: { count: 2 } }), '(root)', 'unknown field "consumer"');
  });
});

describe('producers', () => {
  it('requires producers', () => {
    expectOneIssue({ version: 1 }, 'producers', 'is required');
  });

  it('rejects an empty producers list', () => {
    expectOneIssue(scenario({ producers: [] }), 'producers', 'needs at least one producer');
  });

  it('rejects more than 32 producers', () => {
    const producers = Array.from({ length: 33 }, (_, i) => generated({ id: `p${i}`, rate: 1 }));
    expectOneIssue(scenario({ producers }), 'producers', 'must have at most 32 items');
  });

  it('rejects an unknown producer type and a missing one', () => {
    expectOneIssue(scenario({ producers: [{ id: 'x', type: 'kafka' }] }), 'producers[0].type', 'must be one of', '"generated"', '"scripted"');
    expectOneIssue(scenario({ producers: [{ id: 'x' }] }), 'producers[0].type', 'is required', '"generated"', '"scripted"');
  });

  it('rejects duplicate producer ids at the second use', () => {
    expectOneIssue(scenario({ producers: [generated(), generated({ rate: 2 })] }), 'producers[1].id', '"web" is used by another producer');
  });

  it('rejects an id with spaces', () => {
    expectOneIssue(withProducer({ id: 'my web' }), 'producers[0].id', 'letters, digits');
  });

  it('rejects overlapping outages', () => {
    expectOneIssue(withProducer({ outages: [{ from: 0, to: 100 }, { from: 50, to: 200 }] }), 'producers[0].outages', 'must not overlap');
    // Overlap is found whatever order the outages are listed in.
    expectOneIssue(withProducer({ outages: [{ from: 50, to: 200 }, { from: 0, to: 100 }] }), 'producers[0].outages', 'must not overlap');
  });

  it('rejects an outage that ends before it starts', () => {
    expectOneIssue(withProducer({ outages: [{ from: 100, to: 100 }] }), 'producers[0].outages[0].to', 'must be after from');
  });

  it('rejects a stop at or before the start', () => {
    expectOneIssue(withProducer({ start: 100, stop: 100 }), 'producers[0].stop', 'must be after start');
  });

  it('rejects event types whose weights are all zero', () => {
    expectOneIssue(withProducer({ eventTypes: { click: 0, view: 0 } }), 'producers[0].eventTypes', 'at least one weight > 0');
  });

  it('rejects an empty key list', () => {
    expectOneIssue(withProducer({ keys: [] }), 'producers[0].keys', 'at least 1');
  });

  it('rejects an unknown distribution type', () => {
    expectOneIssue(withProducer({ delay: { type: 'poisson', mean: 3 } }), 'producers[0].delay.type', 'must be one of', '"uniform"', '"lognormal"');
  });

  it('rejects a budget overrun (rate × duration over 5,000,000 events)', () => {
    // 100 events/s for 24 h = 8,640,000 expected events.
    expectOneIssue(scenario({ duration: LIMITS.durationMs, producers: [generated({ rate: 100 })] }), 'producers', 'would generate about 8,640,000 events', 'the limit is 5,000,000');
  });

  it('counts the budget over all generated producers, with the 60 s default duration', () => {
    // 2 × 50,000/s × 60 s = 6,000,000.
    const producers = [generated({ rate: 50_000 }), generated({ id: 'app', rate: 50_000 })];
    expectOneIssue(scenario({ producers }), 'producers', 'about 6,000,000 events');
  });

  it('uses a producer stop for the budget', () => {
    expectOneIssue(withProducer({ rate: 1000, stop: 5_000_001 }), 'producers', 'about 5,000,001 events');
  });
});

describe('scripted entries', () => {
  it('rejects an arrivalTime that goes back in time', () => {
    const doc = scripted([event(0, { arrivalTime: 10 }), event(1, { arrivalTime: 5 })]);
    expectOneIssue(doc, 'producers[0].entries[1].arrivalTime', "must be >= the previous entry's arrival time (10)");
  });

  it('counts implicit arrivals (0, 1, 2, ...) when checking an explicit one', () => {
    // The first two events arrive at 0 and 1, so an explicit arrival at 0 goes back.
    const doc = scripted([event(0), event(0), event(0, { arrivalTime: 0 })]);
    expectOneIssue(doc, 'producers[0].entries[2].arrivalTime', '(1)');
  });

  it('rejects a watermark marker that goes back in time', () => {
    const doc = scripted([event(0, { arrivalTime: 10 }), { watermark: 5, arrivalTime: 3 }]);
    expectOneIssue(doc, 'producers[0].entries[1].arrivalTime', "must be >= the previous entry's arrival time (10)");
  });

  it('rejects a processingTime that goes back in time', () => {
    expectOneIssue(scripted([{ processingTime: 10 }, { processingTime: 5 }]), 'producers[0].entries[1].processingTime', "must be >= the previous entry's time (10)");
  });

  it('names the missing field of the closest entry kind', () => {
    expectOneIssue(scripted([{ key: 'k', value: 1 }]), 'producers[0].entries[0].eventTime', 'is required');
  });

  it('rejects fields of two entry kinds mixed in one entry', () => {
    expectOneIssue(scripted([{ watermark: 5, key: 'k' }]), 'producers[0].entries[0]', 'unknown field "key"');
  });

  it('requires entries', () => {
    expectOneIssue(scenario({ producers: [{ id: 'script', type: 'scripted' }] }), 'producers[0].entries', 'is required');
  });
});

describe('consumers', () => {
  it('rejects a crash of an unknown consumer', () => {
    expectOneIssue(withConsumers({ count: 2, crashes: [{ consumer: 'c7', at: 10 }] }), 'consumers.crashes[0].consumer', 'no consumer "c7"', 'c0..c1');
  });

  it('rejects a leave of an unknown consumer', () => {
    expectOneIssue(withConsumers({ leaves: [{ consumer: 'ghost', at: 10 }] }), 'consumers.leaves[0].consumer', 'no consumer "ghost"');
  });

  it('rejects a crash before the consumer joins', () => {
    expectOneIssue(withConsumers({ joins: [{ consumer: 'extra', at: 100 }], crashes: [{ consumer: 'extra', at: 50 }] }), 'consumers.crashes[0].at', '"extra" has not joined yet at 50');
  });

  it('rejects a join with the id of a member from the start', () => {
    expectOneIssue(withConsumers({ count: 2, joins: [{ consumer: 'c1', at: 10 }] }), 'consumers.joins[0].consumer', '"c1" is already a member from the start');
  });

  it('rejects a replay with both offset and timestamp', () => {
    expectOneIssue(withConsumers({ replays: [{ at: 10, offset: 0, timestamp: 0 }] }), 'consumers.replays[0]', 'exactly one of offset or timestamp');
  });

  it('rejects a replay with neither offset nor timestamp', () => {
    expectOneIssue(withConsumers({ replays: [{ at: 10 }] }), 'consumers.replays[0]', 'exactly one of offset or timestamp');
  });

  it('rejects a replay partition >= partitions', () => {
    const doc = scenario({ topic: { partitions: 2 }, consumers: { replays: [{ at: 10, offset: 0, partition: 2 }] } });
    expectOneIssue(doc, 'consumers.replays[0].partition', 'must be < topic.partitions (2)');
  });

  it('rejects an unknown assignment strategy', () => {
    expectOneIssue(withConsumers({ assignment: 'sticky' }), 'consumers.assignment', 'must be one of "range", "roundRobin"');
  });
});

describe('processor', () => {
  it('rejects an unknown window type', () => {
    expectOneIssue(withProcessor({ window: { type: 'hopping', size: 1000 } }), 'processor.window.type', 'must be one of "tumbling", "sliding", "session"');
  });

  it('rejects a window without a type', () => {
    expectOneIssue(withProcessor({ window: { size: 1000 } }), 'processor.window.type', 'is required', '"tumbling"');
  });

  it('rejects a tumbling offset >= size', () => {
    expectOneIssue(withProcessor({ window: { type: 'tumbling', size: 1000, offset: 1000 } }), 'processor.window.offset', 'must be smaller than size');
    expectOneIssue(withProcessor({ window: { type: 'tumbling', size: 1000, offset: -1000 } }), 'processor.window.offset', 'smaller than size in absolute value');
  });

  it('rejects a sliding offset >= slide', () => {
    expectOneIssue(withProcessor({ window: { type: 'sliding', size: 100, slide: 10, offset: 10 } }), 'processor.window.offset', 'must be smaller than slide');
  });

  it('rejects sliding windows with size / slide > 1000', () => {
    expectOneIssue(withProcessor({ window: { type: 'sliding', size: 1001, slide: 1 } }), 'processor.window.slide', 'size / slide must be <= 1000');
  });

  it('rejects an unknown watermark strategy', () => {
    expectOneIssue(withProcessor({ watermark: { type: 'periodic' } }), 'processor.watermark.type', 'must be one of "boundedOutOfOrderness", "punctuated"');
  });

  it('requires a bound for bounded out-of-orderness', () => {
    expectOneIssue(withProcessor({ watermark: { type: 'boundedOutOfOrderness' } }), 'processor.watermark.bound', 'is required');
  });

  it.each([
    ['aggregate', { aggregate: 'median' }, 'processor.aggregate', 'must be one of "count", "sum"'],
    ['accumulation', { accumulation: 'summing' }, 'processor.accumulation', 'must be one of "accumulating", "discarding", "retracting"'],
    ['guarantee', { guarantee: 'atMostOnce' }, 'processor.guarantee', 'must be one of "atLeastOnce", "exactlyOnce"'],
    ['trigger', { trigger: 'never' }, 'processor.trigger', 'must be one of "onWatermark", "onElement"'],
  ])('rejects an unknown %s', (_name, processor, path, message) => {
    expectOneIssue(withProcessor(processor), path, message);
  });

  it('rejects an empty schemaVersions list', () => {
    expectOneIssue(withProcessor({ schemaVersions: [] }), 'processor.schemaVersions', 'at least 1');
  });

  it('rejects an unknown micro-batch output mode', () => {
    expectOneIssue(scenario({ microBatch: { outputMode: 'complete' } }), 'microBatch.outputMode', 'must be one of "append", "update"');
  });
});

describe('the document itself', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'scenario'],
    ['an array', [scenario()]],
    ['true', true],
  ])('rejects %s as the root', (_name, doc) => {
    expectOneIssue(doc, '(root)', 'must be a JSON object');
  });

  it('requires a version, naming the current one', () => {
    expectOneIssue({ producers: [generated()] }, 'version', 'is required', 'current format is 1');
  });

  it('rejects a version newer than supported, saying to update', () => {
    expectOneIssue(scenario({ version: 2 }), 'version', '2 is newer than this Streamlab reads (up to 1)', 'update Streamlab');
  });

  it.each([
    ['0', 0],
    ['1.5', 1.5],
    ['"1"', '1'],
    ['null', null],
  ])('rejects version %s', (_name, version) => {
    expectOneIssue(scenario({ version }), 'version', 'must be 1');
  });

  it('checks the version before anything else', () => {
    // An unknown field and an empty producer list are not reported for a version it cannot read.
    expectOneIssue({ version: 99, producers: [], foo: 1 }, 'version', 'newer');
  });

  it('reports several problems at once, one per field', () => {
    const issues = issuesOf({ version: 1, topic: { partitions: 2.5 }, producers: [generated({ rate: 'fast' })], processor: { window: { type: 'hopping' } } });
    expect(issues).toEqual([
      { path: 'topic.partitions', message: 'must be a whole number' },
      { path: 'producers[0].rate', message: 'must be a number, not a string' },
      { path: 'processor.window.type', message: 'must be one of "tumbling", "sliding", "session"' },
    ]);
  });
});

describe('budget: no valid file asks for unbounded work', () => {
  it('refuses a processing time beyond 24 hours of virtual time', () => {
    expectOneIssue(scripted([event(1, { arrivalTime: 1_000_000_000_000 })]), 'producers[0].entries[0].arrivalTime', 'must be at most 86,400,000 ms (24 hours)');
    expectOneIssue(withConsumers({ crashes: [{ consumer: 'c0', at: 1_000_000_000_000 }] }), 'consumers.crashes[0].at', 'must be at most 86,400,000 ms (24 hours)');
    expectOneIssue(withProducer({ rate: 0.001, stop: 1_000_000_000_000 }), 'producers[0].stop', 'must be at most 86,400,000 ms (24 hours)');
  });

  it('refuses more timer ticks than the limit, naming the interval to raise', () => {
    // 86,400,000 ms / 1 ms per micro-batch = 86.4 million batches, far over 2,000,000.
    expectOneIssue(scenario({ duration: 86_400_000, producers: [generated({ rate: 0.01 })], microBatch: { interval: 1 } }), 'microBatch.interval', 'timer ticks', 'raise microBatch.interval');
  });

  it('refuses a consumer too slow to ever read the input', () => {
    // About 10 events/s for 60 s = 600 records at 0.001 records/s: 600,000 s, more than 24 hours.
    expectOneIssue(withConsumers({ capacity: 0.001 }), 'consumers.capacity', 'raise the capacity');
  });
});

describe('rules that follow the real engines', () => {
  it('refuses micro-batch update mode with session windows, as Spark does', () => {
    expectOneIssue(scenario({ processor: { window: { type: 'session', gap: 1000 } }, microBatch: { outputMode: 'update' } }), 'microBatch.outputMode', 'append');
  });
});

describe('messages for unions name the field that is wrong', () => {
  it.each([
    ['an early trigger without its interval', withProcessor({ trigger: { type: 'early' } }), 'processor.trigger.interval', 'is required'],
    ['a ratio without its denominator', withProcessor({ aggregate: { type: 'ratio', numerator: 'click' } }), 'processor.aggregate.denominator', 'is required'],
    ['a key list with a number in it', withProducer({ keys: ['a', 1] }), 'producers[0].keys[1]', 'must be a string'],
  ])('%s', (_name, doc, path, words) => {
    expectOneIssue(doc, path, words);
  });

  it('says there are no members when the group starts empty', () => {
    expectOneIssue(withConsumers({ count: 0, crashes: [{ consumer: 'c0', at: 10 }] }), 'consumers.crashes[0].consumer', 'there are no members at the start');
  });

  it('refuses a consumer that joins twice', () => {
    expectOneIssue(withConsumers({ joins: [{ consumer: 'x', at: 1 }, { consumer: 'x', at: 2 }] }), 'consumers.joins[1].consumer', 'joins twice');
  });

  it('names a bad event type name', () => {
    expectOneIssue(withProducer({ eventTypes: { 'a b': 1 } }), 'producers[0].eventTypes', '"a b"', 'letters, digits');
  });

  it('shortens a huge unknown field name', () => {
    const issues = issuesOf(scenario({ ['x'.repeat(100_000)]: 1 }));
    expect(issues[0].message.length).toBeLessThan(200);
    expect(issues[0].message).toContain('(100000 characters)');
  });
});

describe('defaults', () => {
  it('are fresh objects on every parse (editing one scenario never changes the next)', () => {
    const a = validateScenario(scenario());
    const b = validateScenario(scenario());
    if (!a.ok || !b.ok) throw new Error('expected both to load');
    expect(a.scenario.consumers.crashes).not.toBe(b.scenario.consumers.crashes);
    const pa = a.scenario.producers[0];
    const pb = b.scenario.producers[0];
    if (pa.type !== 'generated' || pb.type !== 'generated') throw new Error('expected generated producers');
    expect(pa.late.delay).not.toBe(pb.late.delay);
    expect(a.scenario.processor.window).not.toBe(b.scenario.processor.window);
  });
});
