/**
 * Brings an older scenario document up to the current format version, one step at a time.
 * Version 1 is the first format, so the table is empty; a version 2 adds `1: (doc) => ...`.
 */
import { SCENARIO_VERSION } from './schema';
import type { ScenarioIssue } from './errors';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] turns a version-n document into a version-(n+1) document. */
const migrations: Record<number, Migration> = {};

export function migrate(doc: unknown): { doc: unknown; issues: ScenarioIssue[] } {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { doc, issues: [{ path: '(root)', message: 'must be a JSON object describing a scenario' }] };
  }
  let current = doc as Record<string, unknown>;
  const version = current.version;
  if (version === undefined) {
    return { doc, issues: [{ path: 'version', message: `is required (the current format is ${SCENARIO_VERSION})` }] };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const allowed = SCENARIO_VERSION === 1 ? 'must be 1' : `must be a whole number from 1 to ${SCENARIO_VERSION}`;
    return { doc, issues: [{ path: 'version', message: allowed }] };
  }
  if (version > SCENARIO_VERSION) {
    return {
      doc,
      issues: [{ path: 'version', message: `${version} is newer than this Streamlab reads (up to ${SCENARIO_VERSION}); update Streamlab` }],
    };
  }
  for (let v = version; v < SCENARIO_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { doc, issues: [{ path: 'version', message: `no migration from version ${v}` }] };
    current = { ...step(current), version: v + 1 };
  }
  return { doc: current, issues: [] };
}
