/**
 * Fuzzing the scenario parser (loadScenarioText, validateScenario) with fast-check: random JSON,
 * shipped scenarios with random fields replaced by hostile values, deep nesting, megabyte strings
 * and prototype keys. Whatever comes in, the answer is a scenario or a list of typed issues
 * (path + message strings): never an exception, never slow, never a change to global objects.
 * The run count is in each test's name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioText, validateScenario, type LoadResult } from '../../src/engine/index';

const runs = (n: number) => Number(process.env.PROPERTY_RUNS ?? n);

const dir = new URL('../../scenarios/', import.meta.url);
const shipped: { file: string; text: string; doc: unknown }[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    return { file, text, doc: JSON.parse(text) as unknown };
  });

/** Own property names of the built-in prototypes, to show nothing was added to them. */
function prototypeKeys(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype].map((p) => Reflect.ownKeys(p).map(String).sort().join(',')).concat(Object.keys(globalThis).sort().join(','));
}
let before: string[] = [];
beforeAll(() => {
  before = prototypeKeys();
});
afterAll(() => {
  expect(prototypeKeys()).toEqual(before);
});

/** The result is well formed: ok with a scenario, or not ok with at least one string path + message. */
function expectTyped(result: LoadResult): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) {
    expect(result.scenario).toBeTypeOf('object');
    expect(result.scenario.version).toBe(1);
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.path).toBeTypeOf('string');
    expect(issue.message).toBeTypeOf('string');
    expect(issue.message.length).toBeGreaterThan(0);
    // Messages quote input only in short form: a megabyte string never comes back whole.
    expect(issue.message.length).toBeLessThan(2_000);
  }
}

/** Runs both entry points on a document (the object and its JSON text), within a time limit. */
function check(doc: unknown, limitMs = 2_000): void {
  const started = performance.now();
  expectTyped(validateScenario(doc));
  const text = JSON.stringify(doc);
  if (text !== undefined) expectTyped(loadScenarioText(text));
  expect(performance.now() - started).toBeLessThan(limitMs);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Values meant to break a field: wrong types, edges of number ranges, long and odd strings. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    2 ** 53 * 1024,
    -1,
    -0,
    0.5,
    -0.5,
    1e-300,
    0,
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '',
    ' ',
    '0x10',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    null,
    true,
    false,
    [],
    {},
    [null],
    { type: 'constant' },
    { __proto__: null, polluted: 1 },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.constant('x'.repeat(1_000_000)),
  fc.integer({ min: 1, max: 300 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every path to a value in a document (objects and arrays included). */
function paths(doc: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    out.push(path);
    if (Array.isArray(value)) value.slice(0, 20).forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return out;
}

/** A deep copy of `doc` with the value at `path` replaced (or a key added next to it). */
function replaced(doc: unknown, path: (string | number)[], value: unknown, addKey?: string): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let parent: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (addKey !== undefined && parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    // Defined as an own property, the way JSON.parse makes "__proto__" keys.
    Object.defineProperty(parent[last], addKey, { value, enumerable: true, configurable: true, writable: true });
  } else parent[last] = value;
  return copy;
}

const mutatedScenario = fc
  .record({
    index: fc.nat({ max: shipped.length - 1 }),
    edits: fc.array(fc.record({ pick: fc.nat(), value: hostileValue, addKey: fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ index, edits }) => {
    let doc = shipped[index].doc;
    for (const edit of edits) {
      const all = paths(doc);
      doc = replaced(doc, all[edit.pick % all.length], edit.value, edit.addKey);
    }
    return doc;
  });

describe('the scenario parser never throws', () => {
  it('every shipped scenario loads (sanity)', () => {
    for (const s of shipped) expect(loadScenarioText(s.text).ok, s.file).toBe(true);
  });

  it('random JSON values give ok or typed issues (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => check(value)),
      { numRuns: runs(1_000) },
    );
  });

  it('random objects with a version and random fields give typed issues (500 runs)', () => {
    const doc = fc.dictionary(fc.constantFrom('version', 'id', 'title', 'seed', 'duration', 'topic', 'producers', 'consumers', 'processor', 'microBatch', 'lesson', 'description'), hostileValue);
    fc.assert(
      fc.property(doc, (d) => check({ version: 1, ...d })),
      { numRuns: runs(500) },
    );
  });

  it('shipped scenarios with random fields replaced by hostile values give ok or typed issues (1,000 runs)', () => {
    fc.assert(
      fc.property(mutatedScenario, (doc) => check(doc)),
      { numRuns: runs(1_000) },
    );
  });

  it('random text (including truncated and spliced scenario files) gives ok or typed issues (500 runs)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.record({ index: fc.nat({ max: shipped.length - 1 }), cut: fc.nat(), insert: fc.string({ maxLength: 5 }) }).map(({ index, cut, insert }) => {
        const t = shipped[index].text;
        const at = cut % (t.length + 1);
        return t.slice(0, at) + insert + t.slice(at + (insert.length > 0 ? 0 : 1));
      }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const started = performance.now();
        expectTyped(loadScenarioText(t));
        expect(performance.now() - started).toBeLessThan(2_000);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('hostile documents, one by one', () => {
  const clicks = shipped.find((s) => s.file === 'clicks.json');
  if (!clicks) throw new Error('scenarios/clicks.json is missing');
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it.each([
    ['10,000 levels of arrays as the whole text', deep(10_000)],
    ['10,000 levels of arrays in a field', clicks.text.replace('"seed": 42', `"seed": ${deep(10_000)}`)],
    ['10,000 levels of arrays as a producer', clicks.text.replace('"producers": [', `"producers": [${deep(10_000)},`)],
    ['10,000 levels of objects in the title', clicks.text.replace('"title": "Click events into a partitioned topic"', `"title": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)],
    ['10,000 unclosed arrays (a syntax error)', '['.repeat(10_000)],
    ['100,000 levels of arrays, unclosed at the end', `{"version":1,"producers":${'['.repeat(100_000)}`],
    ['a megabyte title', clicks.text.replace('"Click events into a partitioned topic"', JSON.stringify('<b>'.repeat(350_000)))],
    ['a megabyte field name', clicks.text.replace('"seed"', JSON.stringify('k'.repeat(1_000_000)))],
    ['a megabyte key list', clicks.text.replace('{ "count": 10, "prefix": "page-", "skew": 0.8 }', JSON.stringify(Array.from({ length: 100_001 }, (_, i) => `k${i}`)))],
    ['a megabyte number', clicks.text.replace('"seed": 42', `"seed": ${'9'.repeat(1_000_000)}`)],
    ['a __proto__ key at the root', clicks.text.replace('{', '{"__proto__": {"polluted": true},')],
    ['a __proto__ key deep inside', clicks.text.replace('"processor": {', '"processor": {"window": {"__proto__": {"polluted": true}, "type": "tumbling", "size": 1000},')],
    ['a constructor.prototype path', clicks.text.replace('{', '{"constructor": {"prototype": {"polluted": true}},')],
    ['NaN and Infinity as text', clicks.text.replace('"rate": 40', '"rate": NaN').replace('"seed": 42', '"seed": Infinity')],
    ['numbers past the safe range', clicks.text.replace('"seed": 42', '"seed": 1e400').replace('"rate": 40', '"rate": -1e400')],
    ['a fraction where a whole number is meant', clicks.text.replace('"partitions": 3', '"partitions": 2.5')],
    ['negative sizes and counts', clicks.text.replace('"size": 10000', '"size": -10000').replace('"count": 2', '"count": -2')],
    ['a byte-order mark and trailing garbage', `\ufeff${clicks.text}}}}`],
    ['an empty text', ''],
    ['only whitespace', ' \n\t '],
  ])('%s gives ok or typed issues quickly', (_name, text) => {
    const started = performance.now();
    const result = loadScenarioText(text);
    expect(performance.now() - started).toBeLessThan(5_000);
    expectTyped(result);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a consumer count of 1,256,002,902 is refused by its range without building a member list (regression: it exhausted memory)', () => {
    for (const count of [1_256_002_902, 1e15, -5, 2.5]) {
      const doc = JSON.parse(clicks.text) as { consumers: Record<string, unknown> };
      doc.consumers.count = count;
      doc.consumers.crashes = [{ consumer: 'c0', at: 27000, downtime: 5000 }];
      const started = performance.now();
      const result = validateScenario(doc);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['consumers.count']);
    }
  });

  it('the parsed __proto__ document is refused by name, not merged into anything', () => {
    const result = loadScenarioText(clicks.text.replace('{', '{"__proto__": {"polluted": true},'));
    expect(result).toEqual({ ok: false, issues: [{ path: '(root)', message: 'the field name "__proto__" is not allowed' }] });
  });

  it('objects built in code (circular, with throwing getters, with symbols) give typed issues', () => {
    const circular: Record<string, unknown> = { version: 1 };
    circular.self = circular;
    expectTyped(validateScenario(circular));
    const getter = { version: 1 };
    Object.defineProperty(getter, 'producers', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expectTyped(validateScenario(getter));
    expectTyped(validateScenario({ version: 1, [Symbol('x')]: 1, producers: [{ id: Symbol('y') }] }));
    expectTyped(validateScenario(Object.create(null) as unknown));
    expectTyped(validateScenario(new Proxy({}, { ownKeys: () => { throw new Error('trap'); } })));
    for (const odd of [undefined, null, 0, 1n, 'x', Symbol('z'), () => 1, new Map(), new Date(0), /x/]) expectTyped(validateScenario(odd));
  });
});
