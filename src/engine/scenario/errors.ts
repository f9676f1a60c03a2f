/**
 * Turns schema failures into messages a learner can act on: the field path, then the rule.
 *
 *   producers[0].rate: must be > 0
 *   processor.window.type: must be one of "tumbling", "sliding", "session"
 */
import type { z } from 'zod';

export interface ScenarioIssue {
  /** Field path as written in a file: `producers[0].rate`, or `(root)`. */
  path: string;
  message: string;
}

/** Raised (or returned) by every scenario boundary: file, link, form, CLI flag. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

type ZodIssue = z.core.$ZodIssue;

const quote = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Keeps a message readable when the input holds a huge name. */
export function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} characters)`;
}

/**
 * Picks the union branch the input was meant for. A branch that rejected the input's very
 * shape (a string given where it wants an object) was not meant; among the others, the one
 * with the fewest problems speaks. So `{ "type": "early" }` hears that `interval` is missing,
 * not that the trigger should be "onWatermark".
 */
function closestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] {
  const rejectsShape = (issues: readonly ZodIssue[]) => issues.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
  const meant = branches.filter((b) => !rejectsShape(b));
  const pool = meant.length > 0 ? meant : branches;
  return pool.reduce((a, b) => (b.length < a.length ? b : a));
}

function describeType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return expected;
  }
}

/** zod's own wording ("Too small: expected ..."), as opposed to a rule the schema words itself. */
const isZodDefault = (message: string) => /^(Too small|Too big|Invalid input)\b/.test(message);

/** One readable rule for one zod issue (path excluded). */
function ruleFor(issue: ZodIssue): string {
  // A field whose schema words its own rule (times in ms, say) is told that rule.
  const own = (issue.code === 'too_small' || issue.code === 'too_big') && issue.origin !== 'array' && issue.origin !== 'string' ? !isZodDefault(issue.message) : false;
  if (own) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      if (!isZodDefault(issue.message)) return issue.message;
      if (issue.expected === 'int' && typeof issue.input === 'number') {
        return Number.isFinite(issue.input) ? 'must be a whole number' : 'must be a finite number';
      }
      if (issue.expected === 'number' && typeof issue.input === 'number') return 'must be a finite number';
      return `must be ${expectedName(issue.expected)}, not ${describeType(issue.input)}`;
    }
    case 'too_small': {
      const op = issue.inclusive ? '>=' : '>';
      if (issue.origin === 'array') return issue.message.startsWith('Too small') ? `needs at least ${issue.minimum} item(s)` : issue.message;
      if (issue.origin === 'string') return `must not be empty`;
      return `must be ${op} ${issue.minimum}`;
    }
    case 'too_big': {
      const op = issue.inclusive ? '<=' : '<';
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${op} ${issue.maximum}`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 5).map((k) => quote(shorten(k)));
      const more = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '';
      return issue.keys.length === 1 ? `unknown field ${keys[0]}` : `unknown fields ${keys.join(', ')}${more}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quote(issue.values[0])}`
        : `must be one of ${issue.values.map(quote).join(', ')}`;
    case 'invalid_format':
      return issue.message;
    default:
      return issue.message;
  }
}

/**
 * Flattens zod issues to field-path messages. For a union, the branch that came closest
 * (fewest problems) speaks, so `{ "watermark": "x" }` is told about `watermark`, not `key`.
 */
export function fromZodIssues(issues: readonly ZodIssue[], prefix: readonly PropertyKey[] = []): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      out.push(...fromZodIssues(closestBranch(issue.errors), path));
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record key (such as an event type name) that breaks its rule: say which key.
      const inner = issue.issues[0];
      out.push({ path: formatPath(path.slice(0, -1)), message: `${quote(shorten(String(issue.path[issue.path.length - 1])))} ${inner ? inner.message : 'is not allowed as a name'}` });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length === 0) {
      // A discriminated union whose `type` matched no option; zod already put `type` in the path.
      const { discriminator, options, input } = issue as { discriminator?: string; options?: unknown[]; input?: unknown };
      const given = discriminator && input && typeof input === 'object' ? (input as Record<string, unknown>)[discriminator] : undefined;
      const choices = (options ?? []).map(quote).join(', ');
      out.push({ path: formatPath(path), message: given === undefined ? `is required (one of ${choices})` : `must be one of ${choices}` });
      continue;
    }
    out.push({ path: formatPath(path), message: ruleFor(issue) });
  }
  return out;
}
