/**
 * docs/curriculum.md maps every concept of the source to the lesson step where a learner meets it.
 * These checks keep that map from rotting as lessons change: every lesson it names exists and is a
 * lesson, every step it cites exists in that lesson, every lesson appears in it, and every row
 * says where the concept is met or which issue will add it.
 *
 * A reference is written `<file>.json` step <n> (n counted from 1, as the guide shows "Step n of
 * m") or `<file>.json` intro (the description and notice lines, shown before step 1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(fileURLToPath(new URL('docs/curriculum.md', root)), 'utf8');
const scenarioDir = fileURLToPath(new URL('scenarios/', root));

interface LessonShape {
  description?: string;
  lesson?: { notice?: unknown[]; steps?: unknown[] };
}

/** Every scenario file that carries a lesson, by file name. */
const lessons = new Map<string, LessonShape>(
  readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(scenarioDir + f, 'utf8')) as LessonShape] as const)
    .filter(([, s]) => s.lesson !== undefined),
);

const REFERENCE = /`([A-Za-z0-9_.-]+\.json)` (step (\d+)|intro)/;
const references = [...doc.matchAll(new RegExp(REFERENCE, 'g'))].map((m) => ({ text: m[0], file: m[1], step: m[3] === undefined ? null : Number(m[3]) }));

/** Table rows of the concept tables: `| concept | where |`, without header and separator rows. */
const rows = doc
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Concept'))
  .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '')));

describe('docs/curriculum.md', () => {
  it('cites lesson steps in the pattern the checks read (so they cannot pass on an empty match)', () => {
    // The map has one row per concept of the source, around eighty; most cite at least one step.
    expect(references.length).toBeGreaterThan(30);
    expect(rows.length).toBeGreaterThan(50);
  });

  it('names only lesson files that exist in scenarios/ and carry a lesson', () => {
    const missing = references.filter((r) => !lessons.has(r.file)).map((r) => r.text);
    expect(missing, 'references to files that are not lessons in scenarios/').toEqual([]);
  });

  it('cites only steps that the lesson has, counted from 1', () => {
    const bad = references
      .filter((r) => r.step !== null && lessons.has(r.file))
      .filter((r) => {
        const steps = lessons.get(r.file)?.lesson?.steps ?? [];
        const n = r.step ?? 0; // never null here: the filter above kept step references only
        return n < 1 || n > steps.length;
      })
      .map((r) => `${r.text} (the lesson has ${lessons.get(r.file)?.lesson?.steps?.length ?? 0} steps)`);
    expect(bad).toEqual([]);
  });

  it('cites an intro only where the lesson has a description or notice lines', () => {
    const bad = references
      .filter((r) => r.step === null && lessons.has(r.file))
      .filter((r) => {
        const s = lessons.get(r.file);
        return !s?.description && (s?.lesson?.notice ?? []).length === 0;
      })
      .map((r) => r.text);
    expect(bad).toEqual([]);
  });

  it('names every lesson at least once, so a new lesson is mapped when it is added', () => {
    const named = new Set(references.map((r) => r.file));
    const unnamed = [...lessons.keys()].filter((f) => !named.has(f));
    expect(unnamed, 'lessons missing from docs/curriculum.md').toEqual([]);
  });

  it('says for every concept where it is met, or which issue will add it', () => {
    const unplaced = rows
      .filter(([, where]) => {
        if (where === undefined) return true;
        return !REFERENCE.test(where) && !/not yet \((issue \d+|no issue)/.test(where);
      })
      .map(([concept]) => concept);
    expect(unplaced).toEqual([]);
  });
});
