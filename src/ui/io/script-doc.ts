/**
 * The "Your events" editor works on one scripted producer of the current scenario: these
 * helpers find its entries and put new ones into a copy of the document, leaving every other
 * setting as it was.
 */
import type { Scenario, ScriptEntry } from '../../engine/index';

/** Past this many entries the text editor would be slow; CSV import/export is the way then. */
export const MAX_EDITABLE_ENTRIES = 20_000;

export const NEW_SCRIPT_ID = 'script';

/** The first scripted producer of a scenario, if it has one. */
export function firstScript(scenario: Scenario | null): { id: string; entries: readonly ScriptEntry[] } | null {
  for (const p of scenario?.producers ?? []) if (p.type === 'scripted') return { id: p.id, entries: p.entries };
  return null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A copy of `document` (or, if that is not an object, of the fallback scenario) whose first
 * scripted producer has `entries`; without one, a producer "script" (or "script-2", ...) is
 * added after the others.
 */
export function withScript(document: unknown, fallback: Scenario | null, entries: readonly ScriptEntry[]): Record<string, unknown> {
  const source: unknown = isRecord(document) ? document : fallback;
  const doc: Record<string, unknown> = isRecord(source) ? (JSON.parse(JSON.stringify(source)) as Record<string, unknown>) : { version: 1 };
  const producers: unknown[] = Array.isArray(doc.producers) ? doc.producers : [];
  const list = entries.map((e) => ({ ...e }));
  const at = producers.findIndex((p) => isRecord(p) && p.type === 'scripted');
  if (at >= 0) producers[at] = { ...(producers[at] as Record<string, unknown>), entries: list };
  else {
    const taken = new Set(producers.map((p) => (isRecord(p) ? p.id : undefined)));
    let id = NEW_SCRIPT_ID;
    for (let n = 2; taken.has(id); n++) id = `${NEW_SCRIPT_ID}-${n}`;
    producers.push({ id, type: 'scripted', entries: list });
  }
  doc.producers = producers;
  return doc;
}
