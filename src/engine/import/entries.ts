/**
 * Shared by the notation and the event-log importers: checks a list of scripted entries with
 * the scenario schema itself (so every rule, including the arrival-order rule, is the one the
 * engine applies) and maps each problem back to the line or row it came from.
 */
import { producerSchema, type ScriptEntry } from '../scenario/schema';
import { fromZodIssues } from '../scenario/errors';

/** A problem at one line (notation) or row (CSV / NDJSON) of the source text; 0 = the text as a whole. */
export interface SourceError {
  line: number;
  message: string;
}

/** Most problems a parser lists before summing up the rest: enough to fix a file, not a flood. */
export const MAX_REPORTED = 50;

/** Appends an error unless the list is full; returns false once it is (the caller may stop early). */
export function report(errors: SourceError[], line: number, message: string): boolean {
  if (errors.length >= MAX_REPORTED) return false;
  errors.push({ line, message });
  return errors.length < MAX_REPORTED;
}

const ENTRY_PATH = /^entries\[(\d+)\]\.?(.*)$/;

/**
 * Validates entries as one scripted producer's list. `sourceOf[i]` is the line (or row) entry
 * i came from. Returns the parsed entries or the problems, each as "field: rule".
 */
export function checkEntries(
  entries: readonly unknown[],
  sourceOf: readonly number[],
): { ok: true; entries: ScriptEntry[] } | { ok: false; errors: SourceError[] } {
  const parsed = producerSchema.safeParse({ id: 'script', type: 'scripted', entries }, { reportInput: true });
  if (parsed.success) {
    if (parsed.data.type !== 'scripted') return { ok: false, errors: [{ line: 0, message: 'not a list of scripted entries' }] };
    return { ok: true, entries: parsed.data.entries };
  }
  const errors: SourceError[] = [];
  const seen = new Set<string>();
  for (const issue of fromZodIssues(parsed.error.issues)) {
    const m = ENTRY_PATH.exec(issue.path);
    const line = m ? (sourceOf[Number(m[1])] ?? 0) : 0;
    const field = m ? m[2] : issue.path === 'entries' ? 'entries' : issue.path;
    const message = field === '' ? issue.message : `${field}: ${issue.message}`;
    // One message per line and field: the first rule broken is the one to fix first.
    const id = `${line}\u0000${field}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!report(errors, line, message)) break;
  }
  errors.sort((a, b) => a.line - b.line);
  return { ok: false, errors };
}

/** "line 3: eventTime: must be ..." (or "row 3: ..."); line 0 speaks of the text as a whole. */
export function formatSourceError(error: SourceError, unit: 'line' | 'row'): string {
  return error.line > 0 ? `${unit} ${error.line}: ${error.message}` : error.message;
}
