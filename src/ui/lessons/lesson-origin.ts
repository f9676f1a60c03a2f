/**
 * Which scenario a lesson's text describes, and whether the one on screen is still it. A lesson's
 * steps state numbers of one run; after an edit (or in a link carrying edits) those numbers belong
 * to the lesson's own run, not to the one on screen, and the guide must say so.
 */
import type { Scenario } from '../../engine/index';

/**
 * A stable text for a value: object keys sorted at every level, so two scenarios that are equal
 * compare equal whatever their key order or object identity (a re-validated or re-parsed copy).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Canonical forms by scenario object: a scenario is immutable once validated, so one form each. */
const forms = new WeakMap<object, string>();

function formOf(s: Scenario): string {
  let form = forms.get(s);
  if (form === undefined) {
    form = canonicalJson(s);
    forms.set(s, form);
  }
  return form;
}

/** Whether two validated scenarios are the same scenario (by content, not identity). */
export function sameScenario(a: Scenario, b: Scenario): boolean {
  return a === b || formOf(a) === formOf(b);
}

/** The lesson a scenario carries, in canonical form ('' without one). */
function lessonForm(s: Scenario): string {
  return s.lesson ? canonicalJson(s.lesson) : '';
}

/** A scenario a lesson can come from, with the document to load to go back to it. */
export interface LessonSource {
  scenario: Scenario;
  document: unknown;
}

/**
 * The scenario whose run a lesson's text describes: a shipped scenario with the same id and the
 * same lesson (so an edited copy of a shipped lesson, or a link carrying edits, is measured against
 * the shipped run), otherwise the scenario as it was first opened.
 */
export function lessonSource(opened: LessonSource, shipped: readonly LessonSource[]): LessonSource {
  const form = lessonForm(opened.scenario);
  const match = shipped.find((s) => s.scenario.id === opened.scenario.id && lessonForm(s.scenario) === form);
  return match ?? opened;
}
