/**
 * Shared by the edit-persistence tests: the clicks scenario as a plain document, the same with
 * one edit, and a storage kept in memory.
 */
import { readFileSync } from 'node:fs';
import type { EditStorage } from '../../src/ui/state/persist';

export const clicks = (): Record<string, unknown> => JSON.parse(readFileSync(new URL('../../scenarios/clicks.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The clicks scenario with its producer's rate changed: an edit. */
export function edited(): Record<string, unknown> {
  const doc = clicks();
  (doc.producers as Record<string, unknown>[])[0].rate = 7;
  return doc;
}

export class MemoryStorage implements EditStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
