/**
 * The one way into the engine for scenario documents: parse, migrate, validate, fill defaults.
 * Never throws for bad input; returns either a scenario or the list of field-path problems.
 */
import { scenarioSchema, type Scenario } from './schema';
import { formatPath, fromZodIssues, shorten, type ScenarioIssue } from './errors';
import { migrate } from './migrate';
import { jsonErrorPosition, lineAndColumn } from './json-position';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** Largest scenario text accepted (a generous bound on scripted entries). */
export const MAX_SCENARIO_CHARS = 20_000_000;

/** Validates an already-parsed document (from a file, a link or a form). */
export function validateScenario(doc: unknown): LoadResult {
  try {
    const forbidden = findForbiddenKey(doc);
    if (forbidden) return { ok: false, issues: [forbidden] };
    const migrated = migrate(doc);
    if (migrated.issues.length > 0) return { ok: false, issues: migrated.issues };
    const parsed = scenarioSchema.safeParse(migrated.doc, { reportInput: true });
    if (!parsed.success) return { ok: false, issues: firstPerPath(fromZodIssues(parsed.error.issues)) };
    return { ok: true, scenario: parsed.data };
  } catch (err) {
    // Only a hostile object (a getter that throws, say) gets here; JSON text never does.
    return { ok: false, issues: [{ path: '(root)', message: `could not be read: ${shorten(err instanceof Error ? err.message : String(err))}` }] };
  }
}

/** Names that could reach Object.prototype in careless code: refused anywhere in a scenario. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Visit {
  value: unknown;
  key: PropertyKey;
  parent: Visit | null;
}

/**
 * More objects and lists than the largest valid scenario holds (200,000 scripted entries, each
 * with a payload object, plus everything else).
 */
const MAX_OBJECTS = 1_000_000;

/**
 * Walks the document without recursion (deep nesting must not overflow the stack); each
 * entry points at its parent, so the path is only built for the key that is refused.
 */
function findForbiddenKey(doc: unknown): ScenarioIssue | null {
  const stack: Visit[] = [{ value: doc, key: '', parent: null }];
  // Objects built in code may be circular (JSON never is): a walk that meets more objects than
  // any valid scenario holds stops there. Cheaper than remembering every object seen.
  let budget = MAX_OBJECTS;
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const value = visit.value;
    if (value === null || typeof value !== 'object') continue; // only the root can be one
    if (--budget < 0) return { path: '(root)', message: `holds more than ${MAX_OBJECTS.toLocaleString('en-US')} objects and lists, or refers to itself; no valid scenario is that large` };
    // Only objects can hold a refused key: numbers and strings are not pushed at all.
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') stack.push({ value: item, key: i, parent: visit });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return { path: formatPath(pathOf(visit)), message: `the field name ${JSON.stringify(key)} is not allowed` };
      const item: unknown = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ value: item, key, parent: visit });
    }
  }
  return null;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let v: Visit | null = visit; v && v.parent; v = v.parent) path.push(v.key);
  return path.reverse();
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
  // Editors on some systems start files with a byte-order mark; it is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return { ok: false, issues: [{ path: '(root)', message: `not valid JSON: ${describeJsonError(json)}` }] };
  }
  return validateScenario(doc);
}

/** "unexpected "]" at line 4, column 3", found by our own scanner rather than V8's wording. */
function describeJsonError(text: string): string {
  if (text.trim() === '') return 'the text is empty';
  const position = jsonErrorPosition(text) ?? text.length;
  const { line, column } = lineAndColumn(text, position);
  if (position >= text.length) return `the text ends too early (line ${line}, column ${column})`;
  const found = text.slice(position, position + 12).split('\n')[0];
  return `unexpected ${JSON.stringify(found.length > 0 ? found : '\n')} at line ${line}, column ${column}`;
}

/** One message per field: the first rule it breaks is the one to fix first. */
function firstPerPath(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (seen.has(i.path)) return false;
    seen.add(i.path);
    return true;
  });
}
