/**
 * The one way into the engine for scenario documents: parse, migrate, validate, fill defaults.
 * Never throws for bad input; returns either a scenario or the list of field-path problems.
 */
import { scenarioSchema, type Scenario } from './schema';
import { fromZodIssues, type ScenarioIssue } from './errors';
import { migrate } from './migrate';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** Largest scenario text accepted (a generous bound on scripted entries). */
export const MAX_SCENARIO_CHARS = 20_000_000;

/** Validates an already-parsed document (from a file, a link or a form). */
export function validateScenario(doc: unknown): LoadResult {
  const migrated = migrate(doc);
  if (migrated.issues.length > 0) return { ok: false, issues: migrated.issues };
  const parsed = scenarioSchema.safeParse(migrated.doc, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: dedupe(fromZodIssues(parsed.error.issues)) };
  return { ok: true, scenario: parsed.data };
}

/**
 * Parses scenario JSON text. Syntax errors name the line and column.
 *
 * @example
 * const r = loadScenarioText('{"version":1,"producers":[]}');
 * // r.ok === false; r.issues[0] = { path: 'producers', message: 'needs at least one producer' }
 */
export function loadScenarioText(text: string): LoadResult {
  if (text.length > MAX_SCENARIO_CHARS) {
    return { ok: false, issues: [{ path: '(root)', message: `is ${text.length} characters; the limit is ${MAX_SCENARIO_CHARS}` }] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [{ path: '(root)', message: `not valid JSON: ${describeJsonError(text, err)}` }] };
  }
  return validateScenario(doc);
}

function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const position = Number(at[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')} at line ${line}, column ${column}`;
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
