/**
 * Scenario input comes from files, links and forms: whatever arrives, validation returns
 * field-path issues and never throws, and keys such as "__proto__" cannot reach
 * Object.prototype.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioText, validateScenario, type LoadResult } from '../../../src/engine/index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/scenarios/${name}`, import.meta.url)), 'utf8');

const VALID = { version: 1, producers: [{ id: 'web', type: 'generated', rate: 10 }] };
const validText = (extra: string) => JSON.stringify(VALID).replace(/^\{/, `{${extra},`);

/** Each issue is a path and a message, both non-empty strings. */
function expectWellFormed(result: LoadResult): void {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(typeof issue.path).toBe('string');
    expect(typeof issue.message).toBe('string');
    expect(issue.path.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

const polluted = () => Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') || ({} as Record<string, unknown>).polluted !== undefined;

describe('prototype pollution', () => {
  afterEach(() => {
    // Keep later tests meaningful even if one of these ever fails.
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it.each([
    ['"__proto__" at the root', validText('"__proto__": { "polluted": true }'), '(root)', 'the field name "__proto__" is not allowed'],
    ['"constructor" at the root', validText('"constructor": { "prototype": { "polluted": true } }'), '(root)', 'the field name "constructor" is not allowed'],
    ['"prototype" at the root', validText('"prototype": { "polluted": true }'), '(root)', 'the field name "prototype" is not allowed'],
    [
      '"__proto__" in a producer',
      '{"version":1,"producers":[{"id":"web","type":"generated","rate":10,"__proto__":{"polluted":true}}]}',
      'producers[0]',
      'the field name "__proto__" is not allowed',
    ],
    ['"__proto__" in the processor', validText('"processor": { "dedup": { "__proto__": { "polluted": true } } }'), 'processor.dedup', 'the field name "__proto__" is not allowed'],
    ['"constructor" in the topic', validText('"topic": { "constructor": { "prototype": { "polluted": true } } }'), 'topic', 'the field name "constructor" is not allowed'],
    ['"__proto__" as an event type', '{"version":1,"producers":[{"id":"web","type":"generated","rate":10,"eventTypes":{"__proto__":1,"click":1}}]}', 'producers[0].eventTypes', 'the field name "__proto__" is not allowed'],
  ])('rejects %s, naming the field', (_name, text, path, message) => {
    const result = loadScenarioText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path, message }]);
    expect(polluted()).toBe(false);
  });

  it('rejects the fixture with all three and leaves Object.prototype alone', () => {
    const result = loadScenarioText(fixture('bad/proto-pollution.json'));
    expect(result).toEqual({
      ok: false,
      // The first forbidden name found (walking from the root) is reported.
      issues: [{ path: '(root)', message: 'the field name "__proto__" is not allowed' }],
    });
    expect(polluted()).toBe(false);
  });

  it('does not pollute through an object built in code with __proto__ as an own key', () => {
    const doc = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    Object.assign(doc, VALID);
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    expect(polluted()).toBe(false);
  });

  it('does not pollute through record keys (event type names)', () => {
    // eventTypes is the one map with free keys; "__proto__" must not reach a prototype.
    for (const types of ['{"__proto__": {"polluted": true}, "click": 1}', '{"constructor": 1, "click": 1}', '{"valueOf": 1, "click": 1}']) {
      const result = loadScenarioText(`{"version":1,"producers":[{"id":"web","type":"generated","rate":10,"eventTypes":${types}}]}`);
      expectWellFormed(result);
      if (result.ok) {
        const eventTypes = result.scenario.producers[0].type === 'generated' ? result.scenario.producers[0].eventTypes : undefined;
        expect(Object.getPrototypeOf(eventTypes)).toBe(Object.prototype);
      }
      expect(polluted()).toBe(false);
    }
  });
});

describe('validateScenario never throws', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['0', 0],
    ['NaN', NaN],
    ['-Infinity', -Infinity],
    ['a string', 'hello'],
    ['an empty array', []],
    ['an array of scenarios', [VALID, VALID]],
    ['a function', () => VALID],
    ['a symbol', Symbol('scenario')],
    ['a bigint', 10n],
    ['a Date', new Date(0)],
    ['a Map', new Map([['version', 1]])],
    ['an empty object', {}],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { version: 1, producers: 'none' })],
  ])('for %s', (_name, doc) => {
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    expectWellFormed(result);
  });

  it('accepts a valid object without a prototype', () => {
    expect(validateScenario(Object.assign(Object.create(null) as object, VALID)).ok).toBe(true);
  });

  it('for bigint and symbol field values', () => {
    for (const rate of [10n, Symbol('fast')]) {
      const result = validateScenario({ version: 1, producers: [{ id: 'web', type: 'generated', rate }] });
      expect(result).toEqual({ ok: false, issues: [{ path: 'producers[0].rate', message: expect.stringContaining('must be a number') }] });
    }
    expect(validateScenario({ ...VALID, version: 1n }).ok).toBe(false);
  });

  it('for deeply nested objects and arrays, at the root and in fields', () => {
    const deepObject = nested(100_000, 1, (v) => ({ a: v }));
    const deepArray = nested(100_000, [], (v) => [v]);
    const docs: [unknown, string][] = [
      [deepObject, 'version'],
      [deepArray, '(root)'],
      [{ ...VALID, description: deepObject }, 'description'],
      [{ ...VALID, producers: deepArray }, 'producers[0]'],
      [{ ...VALID, producers: [{ id: 'web', type: 'generated', rate: 10, keys: deepObject }] }, 'producers[0].keys'],
      [{ ...VALID, processor: { window: deepObject } }, 'processor.window.type'],
    ];
    for (const [doc, path] of docs) {
      const result = validateScenario(doc);
      expectWellFormed(result);
      expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([path]);
    }
  });

  it('for circular objects', () => {
    const doc: Record<string, unknown> = { ...VALID };
    doc.self = doc;
    // The key walk stops at a budget of objects instead of remembering each one (cheaper for big files).
    expect(validateScenario(doc)).toEqual({
      ok: false,
      issues: [{ path: '(root)', message: 'holds more than 1,000,000 objects and lists, or refers to itself; no valid scenario is that large' }],
    });
    const producer: Record<string, unknown> = { id: 'web', type: 'generated', rate: 10 };
    producer.keys = producer;
    expectWellFormed(validateScenario({ version: 1, producers: [producer] }));
  });

  it('for a list far over its limit, at once and without checking its items', () => {
    // 700,000 crashes where 1,000 are allowed (a 17 MB file): refused by length, before any item.
    const crashes = Array.from({ length: 700_000 }, (_, i) => ({ consumer: 'c1', at: i, downtime: 'not a number' }));
    const result = validateScenario({ ...VALID, consumers: { count: 1, crashes } });
    expect(result).toEqual({ ok: false, issues: [{ path: 'consumers.crashes', message: 'must have at most 1000 items' }] });
  });

  it('for a 1 MB string in a field, with a short message', () => {
    const big = 'x'.repeat(1 << 20);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...VALID, title: big }, 'title', 'must be at most 200 characters'],
      [{ ...VALID, description: big }, 'description', 'must be at most 10000 characters'],
      [{ ...VALID, id: big }, 'id', 'must be at most 64 characters'],
      [{ version: 1, producers: [{ id: 'web', type: big, rate: 10 }] }, 'producers[0].type', 'must be one of "generated", "scripted"'],
      [{ version: 1, producers: [{ id: 'web', type: 'generated', rate: big }] }, 'producers[0].rate', 'must be a number, not a string'],
      [{ version: 1, producers: [{ id: 'web', type: 'generated', rate: 10, keys: [big] }] }, 'producers[0].keys[0]', 'must be at most 256 characters'],
    ];
    for (const [doc, path, message] of cases) {
      const result = validateScenario(doc);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issues.find((i) => i.path === path)?.message).toBe(message);
        for (const issue of result.issues) expect(issue.message.length).toBeLessThan(1000);
      }
    }
  });

  it('for any JavaScript value (property test)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 6, withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true }), (value) => {
        expectWellFormed(validateScenario(value));
      }),
      { numRuns: 500 },
    );
  });

  it('for any document close to a valid one (property test)', () => {
    // Replace one field anywhere a learner could type a value, with anything JSON can hold.
    const fields = ['version', 'seed', 'duration', 'topic', 'producers', 'consumers', 'processor', 'microBatch', 'id', 'title'];
    const producerFields = ['id', 'type', 'rate', 'start', 'stop', 'keys', 'value', 'eventTypes', 'delay', 'late', 'outages', 'duplicates', 'malformedRate', 'schemaVersion', 'entries'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.constantFrom(...producerFields), fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (field, pField, v1, v2) => {
        const doc = { ...VALID, [field]: v1 } as Record<string, unknown>;
        if (field !== 'producers') doc.producers = [{ ...VALID.producers[0], [pField]: v2 }];
        expectWellFormed(validateScenario(doc));
      }),
      { numRuns: 500 },
    );
  });
});

describe('loadScenarioText never throws', () => {
  it('for any string (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expectWellFormed(loadScenarioText(text));
      }),
      { numRuns: 500 },
    );
  });

  it('for any JSON text (property test)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 5 }), (text) => {
        expectWellFormed(loadScenarioText(text));
      }),
      { numRuns: 500 },
    );
  });

  it('for deeply nested JSON text', () => {
    for (const text of ['['.repeat(200_000) + ']'.repeat(200_000), '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000), '['.repeat(200_000)]) {
      expectWellFormed(loadScenarioText(text));
    }
  });

  it('for a text over the size limit, without parsing it', () => {
    const result = loadScenarioText(' '.repeat(20_000_001));
    expect(result).toEqual({ ok: false, issues: [{ path: '(root)', message: 'is 20000001 characters; the limit is 20000000' }] });
  });
});
