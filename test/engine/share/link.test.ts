/**
 * Shared links: every shipped scenario survives a round trip, the moment and view ride along,
 * links written in an older format still open, and hostile fragments are refused with a
 * message (never a throw, never a long stall).
 */
import { readFileSync, readdirSync } from 'node:fs';
import LZString from 'lz-string';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, hasLink, linkFragment, MAX_FRAGMENT_CHARS, MAX_LINK_JSON_CHARS, validateScenario } from '../../../src/engine/index';
import { boundedDecompress } from '../../../src/engine/share/link';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const shipped = readdirSync(new URL('scenarios/', root)).filter((f) => f.endsWith('.json'));

/** Time a call in ms, to say "never takes long" with a number. */
function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

function expectRefused(fragment: string, pattern: RegExp) {
  const { value: result, ms } = timed(() => decodeLink(fragment));
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.message).toMatch(pattern);
  expect(ms).toBeLessThan(2000);
}

describe('link round trip', () => {
  it('has shipped scenarios to test', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(3);
  });

  it.each(shipped)('%s: encode then decode gives the same document and scenario', (file) => {
    const document: unknown = JSON.parse(read(`scenarios/${file}`));
    const encoded = encodeLink(document);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.fragment.startsWith('s=v1.')).toBe(true);
    expect(encoded.fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const decoded = decodeLink(encoded.fragment);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.document).toEqual(document);
    const direct = validateScenario(document);
    expect(direct.ok).toBe(true);
    if (direct.ok) expect(decoded.scenario).toEqual(direct.scenario);
    expect(decoded.time).toBeUndefined();
    expect(decoded.view).toBeUndefined();
    expect(decoded.format).toBe(1);
  });

  it('carries the time and the view, and reads them with "#" or a whole URL in front', () => {
    const document: unknown = JSON.parse(read('scenarios/clicks.json'));
    const encoded = encodeLink(document, { time: 12_345.6, view: 'presenter' });
    if (!encoded.ok) throw new Error(encoded.message);
    // Time is whole virtual ms: 12,345.6 rounds to 12,346.
    expect(encoded.fragment).toMatch(/&t=12346&view=presenter$/);
    for (const form of [encoded.fragment, `#${encoded.fragment}`, linkFragment(`http://127.0.0.1:5173/?x=1#${encoded.fragment}`)]) {
      const decoded = decodeLink(form);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) continue;
      expect(decoded.time).toBe(12_346);
      expect(decoded.view).toBe('presenter');
      expect(decoded.scenario.id).toBe('clicks');
    }
  });

  it('refuses to make a link for an invalid document, naming the field and the rule', () => {
    const document = JSON.parse(read('scenarios/clicks.json')) as { producers: { rate?: number }[] };
    document.producers[0].rate = -1;
    const encoded = encodeLink(document);
    expect(encoded.ok).toBe(false);
    if (!encoded.ok) expect(encoded.message).toContain('producers[0].rate');
  });

  it('refuses a bad time or view when encoding', () => {
    const document: unknown = JSON.parse(read('scenarios/clicks.json'));
    expect(encodeLink(document, { time: -5 }).ok).toBe(false);
    expect(encodeLink(document, { time: Number.NaN }).ok).toBe(false);
    expect(encodeLink(document, { view: 'Has Spaces' }).ok).toBe(false);
  });

  it('stays within the fragment limit for the shipped scenarios (lengths logged for the docs)', () => {
    for (const file of shipped) {
      const encoded = encodeLink(JSON.parse(read(`scenarios/${file}`)), { time: 60_000 });
      expect(encoded.ok).toBe(true);
      if (encoded.ok) expect(encoded.fragment.length).toBeLessThan(4000);
    }
  });
});

describe('older link formats', () => {
  it('an unversioned v0 link (a bare payload, pinned in a fixture) still opens', () => {
    // Written by lz-string 1.5 from scenarios/scripted-example.json as it was when links began;
    // that scenario scripts 4 events (k1@1000, k1@2000, late k1@500, k2@3500).
    const fragment = read('test/fixtures/links/v0-scripted-example.txt').trim();
    expect(fragment.includes('=')).toBe(false);
    const decoded = decodeLink(`#${fragment}`);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.format).toBe(0);
    expect(decoded.scenario.id).toBe('scripted-example');
    expect(decoded.scenario.title).toBe('Scripted events with punctuated watermarks');
    expect(decoded.time).toBeUndefined();
    const producer = decoded.scenario.producers[0];
    expect(producer.type).toBe('scripted');
    if (producer.type === 'scripted') expect(producer.entries.filter((e) => 'key' in e)).toHaveLength(4);
  });

  it('a pinned v1 link still opens with its time and view', () => {
    const fragment = read('test/fixtures/links/v1-late-and-duplicates.txt').trim();
    const decoded = decodeLink(fragment);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.format).toBe(1);
    expect(decoded.scenario.id).toBe('late-and-duplicates');
    expect(decoded.time).toBe(30_000);
    expect(decoded.view).toBe('presenter');
  });

  it('a link from a newer format says to update Streamlab', () => {
    expectRefused('s=v2.abc', /newer than this Streamlab reads/);
  });

  it('a scenario whose own version is too new is refused through the scenario migration path', () => {
    const json = JSON.stringify({ ...JSON.parse(read('scenarios/clicks.json')), version: 99 });
    expectRefused(`s=v1.${LZString.compressToEncodedURIComponent(json)}`, /version: 99 is newer/);
  });
});

describe('hostile links', () => {
  const good = (() => {
    const e = encodeLink(JSON.parse(read('scenarios/clicks.json')));
    if (!e.ok) throw new Error(e.message);
    return e.fragment;
  })();
  const wrap = (json: string) => `s=v1.${LZString.compressToEncodedURIComponent(json)}`;

  it('random bytes are refused', () => {
    // Fixed bytes, not Math.random: the test must fail the same way every time.
    const bytes = Array.from({ length: 300 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join('');
    expectRefused(bytes, /damaged|not valid|s: /);
    expectRefused(`s=v1.${bytes.replace(/[&=]/g, '')}`, /damaged/);
  });

  it('a truncated link is refused as damaged', () => {
    for (const cut of [10, Math.floor(good.length / 2), good.length - 3]) {
      expectRefused(good.slice(0, cut), /damaged|not valid|not valid JSON|ends too early/);
    }
  });

  it('a 1 MB fragment is refused by its length before any decoding', () => {
    const huge = `s=v1.${'A'.repeat(1024 * 1024)}`;
    expectRefused(huge, /links are limited to 65536/);
  });

  it('invalid compression is refused', () => {
    // '!' is outside the link alphabet; "BBBB" refers to dictionary entries never defined.
    expectRefused('s=v1.abc!def', /character 4 \("!"\)/);
    expectRefused('s=v1.////', /damaged/);
    expectRefused('s=v1.%E0%A4%A', /broken %-escape/);
  });

  it('a payload that expands past 1 MB is refused without building it', () => {
    // 1.1 million repeated characters compress to about 2 KB: a classic decompression bomb.
    const bomb = LZString.compressToEncodedURIComponent('a'.repeat(1_100_000));
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expectRefused(`s=v1.${bomb}`, new RegExp(`more than ${MAX_LINK_JSON_CHARS} characters`));
  });

  it('JSON with __proto__ is refused by the prototype-key guard, and Object.prototype is untouched', () => {
    const doc = JSON.parse(read('scenarios/clicks.json')) as Record<string, unknown>;
    const json = JSON.stringify(doc).replace('{', '{"__proto__":{"polluted":1},');
    expectRefused(wrap(json), /"__proto__" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('not JSON, or JSON that is not a scenario, is refused with the reason', () => {
    expectRefused(wrap('{"version": 1,'), /not valid JSON/);
    expectRefused(wrap('[1,2,3]'), /must be a JSON object/);
    expectRefused(wrap(''), /the text is empty/);
  });

  it('bad parameters are refused, naming the parameter', () => {
    expectRefused(`${good}&t=-4`, /^t: /);
    expectRefused(`${good}&t=1e9`, /^t: /);
    expectRefused(`${good}&view=<b>`, /^view: /);
    expectRefused(`${good}&t=1&t=2`, /appears more than once/);
    expectRefused('t=5', /s: is missing/);
    expectRefused('s=1.abc', /format version/);
    expectRefused('', /empty/);
    expectRefused('#', /empty/);
  });

  it('a title with markup opens, and the markup stays plain text', () => {
    const doc = JSON.parse(read('scenarios/clicks.json')) as Record<string, unknown>;
    const title = '<img src=x onerror="window.__pwned=1">';
    const encoded = encodeLink({ ...doc, title });
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    const decoded = decodeLink(encoded.fragment);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.scenario.title).toBe(title);
  });
});

describe('the bounded decoder', () => {
  it('agrees with lz-string on text from 200 runs of random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const packed = LZString.compressToEncodedURIComponent(text);
        const ours = boundedDecompress(packed, MAX_LINK_JSON_CHARS);
        expect(ours).toEqual({ ok: true, value: LZString.decompressFromEncodedURIComponent(packed) });
        expect(ours.ok && ours.value).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every cut-short prefix of a real payload, and characters pasted after it', () => {
    // lz-string's own decoder returns partial text for some prefixes (an end code read half from
    // beyond the end); ours must call each one damaged.
    const packed = LZString.compressToEncodedURIComponent(read('scenarios/clicks.json'));
    for (let cut = 1; cut < packed.length; cut++) expect(boundedDecompress(packed.slice(0, cut), MAX_LINK_JSON_CHARS).ok).toBe(false);
    expect(boundedDecompress(`${packed}A`, MAX_LINK_JSON_CHARS).ok).toBe(false);
  });

  it('stops at the limit it is given', () => {
    const packed = LZString.compressToEncodedURIComponent('x'.repeat(5000));
    expect(boundedDecompress(packed, 4999).ok).toBe(false);
    expect(boundedDecompress(packed, 5000)).toEqual({ ok: true, value: 'x'.repeat(5000) });
  });
});

describe('fuzz: decodeLink never throws and never takes long (500 runs)', () => {
  it('for arbitrary strings, link-alphabet payloads and mutated real links', () => {
    const good = encodeLink(JSON.parse(read('scenarios/late-and-duplicates.json')), { time: 100 });
    if (!good.ok) throw new Error(good.message);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'.split('');
    const arbitrary = fc.string({ unit: 'binary', maxLength: 2000 });
    const payload = fc.array(fc.constantFrom(...alphabet), { maxLength: 3000 }).map((cs) => `s=v1.${cs.join('')}`);
    const mutated = fc
      .tuple(fc.nat(good.fragment.length - 1), fc.constantFrom(...alphabet), fc.nat(good.fragment.length))
      .map(([at, c, cut]) => (good.fragment.slice(0, at) + c + good.fragment.slice(at + 1)).slice(0, Math.max(cut, 6)));
    let slowest = 0;
    fc.assert(
      fc.property(fc.oneof(arbitrary, payload, mutated), (fragment) => {
        const { value, ms } = timed(() => decodeLink(fragment));
        slowest = Math.max(slowest, ms);
        expect(typeof value.ok).toBe('boolean');
        if (!value.ok) expect(value.message.length).toBeGreaterThan(0);
        expect(ms).toBeLessThan(1000);
      }),
      { numRuns: 500 },
    );
    expect(slowest).toBeLessThan(1000);
  });
});

describe('hasLink', () => {
  it('tells scenario links from other page parameters', () => {
    expect(hasLink('')).toBe(false);
    expect(hasLink('#')).toBe(false);
    expect(hasLink('#lesson=windows&embed=1')).toBe(false);
    expect(hasLink('#embed=1&s=v1.abc')).toBe(true);
    expect(hasLink('#s=v1.abc&embed=1')).toBe(true);
    expect(hasLink('#N4IgbgpgTgzg')).toBe(true); // v0: a bare payload
    expect(hasLink('#t=5')).toBe(false);
  });

  it('ignores page parameters it does not own, such as embed', () => {
    const e = encodeLink(JSON.parse(read('scenarios/clicks.json')), { time: 10 });
    if (!e.ok) throw new Error(e.message);
    const decoded = decodeLink(`${e.fragment}&embed=1&lesson=clicks`);
    expect(decoded.ok && decoded.time).toBe(10);
  });
});
