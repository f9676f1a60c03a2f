/**
 * The learner's edits across reloads as a plain state module (src/ui/state/kept-edits.svelte.ts),
 * driven with a storage in memory and a stand-in simulation: what was opened is never taken for
 * an edit, saving waits for startup, choosing another scenario forgets the edits, a link keeps
 * them, and restoring says which scenario they came from, or why it could not.
 */
import { describe, expect, test } from 'vitest';
import { clicks, edited, MemoryStorage } from '../helpers/edit-storage';
import { KeptEdits } from '../../src/ui/state/kept-edits.svelte';
import { STORAGE_KEY, type EditStorage } from '../../src/ui/state/persist';

/** A simulation that accepts any document, or none. */
const sim = (accepts = true) => ({ loaded: [] as unknown[], load(doc: unknown) { this.loaded.push(doc); return accepts; } });

/** Storage holding an edit of clicks, saved by a first visit. */
function storedEdit(): MemoryStorage {
  const storage = new MemoryStorage();
  const first = new KeptEdits(storage);
  const shipped = clicks();
  first.opened(shipped, shipped, 'clicks');
  first.startSaving();
  first.save(edited());
  return storage;
}

describe('saving edits', () => {
  test('the document as opened is not saved; an edit is, once startup has finished', () => {
    const storage = new MemoryStorage();
    const edits = new KeptEdits(storage);
    const shipped = clicks();
    edits.opened(shipped, shipped, 'clicks');
    edits.save(edited());
    expect(storage.items.has(STORAGE_KEY)).toBe(false); // startup not done: nothing saved
    edits.startSaving();
    edits.save(shipped);
    expect(storage.items.has(STORAGE_KEY)).toBe(false); // the pristine document is not an edit
    edits.save(edited());
    expect(JSON.parse(storage.items.get(STORAGE_KEY) ?? '{}')).toMatchObject({ origin: 'clicks' });
  });

  test('opening another scenario forgets the stored edits; a shared link keeps them', () => {
    const storage = storedEdit();
    const edits = new KeptEdits(storage);
    edits.startSaving();
    edits.linked(clicks());
    expect(storage.items.has(STORAGE_KEY)).toBe(true);
    edits.opened(clicks(), clicks(), 'clicks');
    expect(storage.items.has(STORAGE_KEY)).toBe(false);
  });

  test('a storage that refuses the write is reported, not thrown', () => {
    const full: EditStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    const edits = new KeptEdits(full);
    edits.opened(clicks(), clicks(), 'clicks');
    edits.startSaving();
    expect(() => edits.save(edited())).not.toThrow();
    expect(edits.error).not.toBe('');
    edits.dismissError();
    expect(edits.error).toBe('');
  });
});

describe('restoring edits', () => {
  test('stored edits come back with the shipped scenario they started from', () => {
    const edits = new KeptEdits(storedEdit());
    const s = sim();
    expect(edits.restore(s)).toBe('clicks');
    expect(s.loaded).toEqual([edited()]);
    expect(edits.origin).toBe('clicks');
    expect(edits.restoredTitle).toBe(clicks().title);
  });

  test('an embedded player or a ?lesson= page never shows stored edits', () => {
    const storage = storedEdit();
    const s = sim();
    expect(new KeptEdits(storage).restore(s, { embed: true, lesson: null })).toBeNull();
    expect(new KeptEdits(storage).restore(s, { embed: false, lesson: 'clicks' })).toBeNull();
    expect(s.loaded).toEqual([]);
    expect(storage.items.has(STORAGE_KEY)).toBe(true); // still there for a plain visit
  });

  test('nothing stored restores nothing, silently', () => {
    const edits = new KeptEdits(new MemoryStorage());
    expect(edits.restore(sim())).toBeNull();
    expect(edits.error).toBe('');
  });

  test('edits the simulation cannot load are discarded, and the page says why', () => {
    const storage = storedEdit();
    const edits = new KeptEdits(storage);
    expect(edits.restore(sim(false))).toBeNull();
    expect(edits.error).toContain('could not be restored');
    expect(storage.items.has(STORAGE_KEY)).toBe(false);
  });

  test('corrupted storage is discarded with the reason', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    const edits = new KeptEdits(storage);
    expect(edits.restore(sim())).toBeNull();
    expect(edits.error).toContain('could not be restored');
    expect(storage.items.has(STORAGE_KEY)).toBe(false);
  });

  test('discard forgets the stored edits', () => {
    const storage = storedEdit();
    new KeptEdits(storage).discard();
    expect(storage.items.has(STORAGE_KEY)).toBe(false);
  });
});
