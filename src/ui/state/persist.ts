/**
 * Keeping the learner's edits across a reload: the edited scenario document goes into the
 * browser's local storage under a versioned key, and comes back on the next visit.
 *
 * Stored text is untrusted on the way back in (another tab, an extension, an older version of
 * the app or a person with the developer tools may have changed it): it is parsed without
 * throwing, its shape checked, and the scenario inside validated by the engine exactly like a
 * file or a link. Anything wrong is reported as a message, never a blank page.
 */
import { formatIssue, validateScenario, type Scenario } from '../../engine/index';

/** The storage key; a later storage format gets a new key (and may read this one to migrate). */
export const STORAGE_KEY = 'streamlab.edits.v1';
/** The storage format written under STORAGE_KEY. */
export const STORAGE_FORMAT = 1;
/**
 * Longest stored text (in UTF-16 characters). Browsers allow about 5 million characters per
 * site; a scenario this large could not be shared as a link either.
 */
export const MAX_STORED_CHARS = 1024 * 1024;

/** What is written: the edited document, and the shipped scenario it started from (if any). */
export interface StoredEdits {
  format: typeof STORAGE_FORMAT;
  /** Id of the shipped scenario the edits started from; null for a scenario from a link or a file. */
  origin: string | null;
  /** Wall-clock ms when saved (for people reading the storage; not used to decide anything). */
  savedAt: number;
  document: unknown;
}

export type SerializeResult =
  | { ok: true; text: string }
  /** Nothing to keep: the document is not valid (yet) or cannot be written as JSON. */
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'too-large'; message: string };

export type ParseResult =
  | { kind: 'none' }
  | { kind: 'restored'; document: unknown; scenario: Scenario; origin: string | null }
  | { kind: 'invalid'; message: string };

/** Whether two scenario documents are the same JSON (key order included, as written). */
export function sameDocument(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * The text to store for an edited document. Only a valid scenario is written, so a half-typed
 * value never replaces the last good edit; a document over MAX_STORED_CHARS is refused with the
 * size.
 */
export function serializeEdits(document: unknown, origin: string | null, now: number = Date.now()): SerializeResult {
  if (!validateScenario(document).ok) return { ok: false, reason: 'invalid' };
  let text: string;
  try {
    const stored: StoredEdits = { format: STORAGE_FORMAT, origin, savedAt: now, document };
    text = JSON.stringify(stored);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (text.length > MAX_STORED_CHARS) {
    return { ok: false, reason: 'too-large', message: `the scenario is ${text.length} characters; at most ${MAX_STORED_CHARS} are kept in this browser` };
  }
  return { ok: true, text };
}

/** Reads stored text back. Never throws; `none` when nothing is stored. */
export function parseEdits(text: string | null | undefined): ParseResult {
  if (text === null || text === undefined) return { kind: 'none' };
  if (text.length > MAX_STORED_CHARS) return { kind: 'invalid', message: `the saved text is ${text.length} characters, more than the ${MAX_STORED_CHARS} allowed` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', message: 'the saved text is not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'invalid', message: 'the saved value is not an object' };
  const stored = value as Partial<Record<keyof StoredEdits, unknown>>;
  if (stored.format !== STORAGE_FORMAT) return { kind: 'invalid', message: `the saved value has format ${JSON.stringify(stored.format) ?? 'undefined'}, not ${STORAGE_FORMAT}` };
  if (stored.origin !== null && typeof stored.origin !== 'string') return { kind: 'invalid', message: 'the saved value has no origin' };
  if (!('document' in stored)) return { kind: 'invalid', message: 'the saved value has no scenario' };
  const result = validateScenario(stored.document);
  if (!result.ok) {
    const first = result.issues.slice(0, 3).map(formatIssue).join('; ');
    return { kind: 'invalid', message: `the saved scenario is not valid: ${first}` };
  }
  return { kind: 'restored', document: stored.document, scenario: result.scenario, origin: stored.origin };
}

/** The part of the Web Storage API used here (a fake in tests). */
export type EditStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's local storage, or null where it is unavailable (blocked cookies, sandboxed frames). */
export function pageStorage(): EditStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads the stored edits; a storage that throws on reading counts as invalid, with the reason. */
export function loadEdits(storage: EditStorage | null): ParseResult {
  if (!storage) return { kind: 'none' };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch (err) {
    return { kind: 'invalid', message: `local storage could not be read: ${reason(err)}` };
  }
  return parseEdits(text);
}

/**
 * Keeps `document` when it differs from `original`, forgets the stored edits when it is the
 * original again. Returns a message when the edits could not be kept, null otherwise.
 */
export function saveEdits(storage: EditStorage | null, document: unknown, original: unknown, origin: string | null): string | null {
  if (!storage) return null;
  try {
    if (sameDocument(document, original)) {
      storage.removeItem(STORAGE_KEY);
      return null;
    }
    const serialized = serializeEdits(document, origin);
    if (!serialized.ok) return serialized.reason === 'too-large' ? `Your edits are not kept in this browser: ${serialized.message}.` : null;
    storage.setItem(STORAGE_KEY, serialized.text);
    return null;
  } catch (err) {
    // A full quota or a storage that refuses writes: the edits still work, they just do not last.
    return `Your edits could not be kept in this browser: ${reason(err)}.`;
  }
}

/** Forgets the stored edits (Discard, or a stored value that could not be read). */
export function clearEdits(storage: EditStorage | null): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing more to do: the next save overwrites it.
  }
}
