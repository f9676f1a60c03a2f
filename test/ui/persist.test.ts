/**
 * Keeping edits in local storage (src/ui/state/persist.ts): only valid, edited documents are
 * written; what comes back is validated like a file or a link; corrupted, foreign, oversized or
 * invalid values are reported as messages and never throw; a storage that throws is survived.
 */
import { describe, expect, test } from 'vitest';
import { clicks, edited, MemoryStorage } from '../helpers/edit-storage';
import {
  MAX_STORED_CHARS,
  STORAGE_FORMAT,
  STORAGE_KEY,
  clearEdits,
  loadEdits,
  parseEdits,
  sameDocument,
  saveEdits,
  serializeEdits,
  type EditStorage,
} from '../../src/ui/state/persist';

const throwing: EditStorage = {
  getItem: () => {
    throw new Error('SecurityError: access denied');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError: access denied');
  },
};

describe('serializeEdits and parseEdits', () => {
  test('a valid document round-trips with its origin, and the scenario comes back validated', () => {
    const doc = edited();
    const out = serializeEdits(doc, 'clicks', 1234);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(JSON.parse(out.text)).toEqual({ format: STORAGE_FORMAT, origin: 'clicks', savedAt: 1234, document: doc });
    const back = parseEdits(out.text);
    expect(back.kind).toBe('restored');
    if (back.kind !== 'restored') return;
    expect(back.document).toEqual(doc);
    expect(back.origin).toBe('clicks');
    expect(back.scenario.producers[0]).toMatchObject({ rate: 7 });
    expect(back.scenario.title).toBe('Click events into a partitioned topic');
  });

  test('an invalid document is not written (a half-typed value never replaces a good edit)', () => {
    const doc = edited();
    (doc.producers as Record<string, unknown>[])[0].rate = -1;
    expect(serializeEdits(doc, 'clicks')).toEqual({ ok: false, reason: 'invalid' });
    expect(serializeEdits(undefined, null)).toEqual({ ok: false, reason: 'invalid' });
  });

  test('a document over the size cap is refused with its size', () => {
    const doc = edited();
    // A long description is valid (up to the text limit); many scripted entries make the size.
    doc.producers = [
      ...(doc.producers as unknown[]),
      { id: 'big', type: 'scripted', entries: Array.from({ length: 60_000 }, (_, i) => ({ key: `key-number-${i}`, eventTime: i, value: i })) },
    ];
    const out = serializeEdits(doc, null);
    expect(out.ok).toBe(false);
    if (out.ok || out.reason !== 'too-large') throw new Error('expected too-large');
    expect(out.message).toMatch(new RegExp(`at most ${MAX_STORED_CHARS}`));
  });

  test('nothing stored is "none"', () => {
    expect(parseEdits(null)).toEqual({ kind: 'none' });
    expect(parseEdits(undefined)).toEqual({ kind: 'none' });
  });

  test.each([
    ['not JSON', '{"format":1,"origin":', /not valid JSON/],
    ['an empty string', '', /not valid JSON/],
    ['JSON null', 'null', /not an object/],
    ['an array', '[1,2]', /not an object/],
    ['another format', JSON.stringify({ format: 2, origin: null, document: {} }), /format 2, not 1/],
    ['no format', JSON.stringify({ origin: null, document: {} }), /format undefined/],
    ['a bad origin', JSON.stringify({ format: 1, origin: 5, document: clicks() }), /no origin/],
    ['no document', JSON.stringify({ format: 1, origin: null }), /no scenario/],
    ['an invalid scenario', JSON.stringify({ format: 1, origin: null, document: { version: 1, producers: [] } }), /not valid: producers: needs at least one producer/],
    ['a prototype key', `{"format":1,"origin":null,"document":{"version":1,"__proto__":{"polluted":1}}}`, /"__proto__" is not allowed/],
    ['an oversized value', 'x'.repeat(MAX_STORED_CHARS + 1), /more than/],
  ])('%s is invalid, with a message', (_name, text, message) => {
    const out = parseEdits(text);
    expect(out.kind).toBe('invalid');
    if (out.kind === 'invalid') expect(out.message).toMatch(message);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('saveEdits, loadEdits and clearEdits on a storage', () => {
  test('an edited document is kept under the versioned key and read back', () => {
    const storage = new MemoryStorage();
    expect(saveEdits(storage, edited(), clicks(), 'clicks')).toBeNull();
    expect([...storage.items.keys()]).toEqual([STORAGE_KEY]);
    expect(STORAGE_KEY).toMatch(/v1$/);
    const back = loadEdits(storage);
    expect(back.kind).toBe('restored');
  });

  test('going back to the original forgets the stored edits', () => {
    const storage = new MemoryStorage();
    saveEdits(storage, edited(), clicks(), 'clicks');
    expect(saveEdits(storage, clicks(), clicks(), 'clicks')).toBeNull();
    expect(storage.items.size).toBe(0);
    expect(sameDocument(clicks(), clicks())).toBe(true);
    expect(sameDocument(edited(), clicks())).toBe(false);
  });

  test('an invalid edit leaves the last valid edit in place', () => {
    const storage = new MemoryStorage();
    saveEdits(storage, edited(), clicks(), 'clicks');
    const before = storage.getItem(STORAGE_KEY);
    const bad = edited();
    bad.seed = 'not a number';
    expect(saveEdits(storage, bad, clicks(), 'clicks')).toBeNull();
    expect(storage.getItem(STORAGE_KEY)).toBe(before);
  });

  test('a storage that throws gives messages, not exceptions; no storage at all is "none"', () => {
    expect(loadEdits(throwing)).toEqual({ kind: 'invalid', message: 'local storage could not be read: SecurityError: access denied' });
    expect(saveEdits(throwing, edited(), clicks(), 'clicks')).toMatch(/could not be kept in this browser: QuotaExceededError/);
    expect(() => clearEdits(throwing)).not.toThrow();
    expect(loadEdits(null)).toEqual({ kind: 'none' });
    expect(saveEdits(null, edited(), clicks(), null)).toBeNull();
  });

  test('clearEdits removes the stored value', () => {
    const storage = new MemoryStorage();
    saveEdits(storage, edited(), null, null);
    clearEdits(storage);
    expect(loadEdits(storage)).toEqual({ kind: 'none' });
  });
});
