/**
 * The guide's plain modules: the highlight outline is cut at the sticky bar so it never draws over
 * the guide (issue 13, defect 6), and a lesson is matched to the scenario its text describes by
 * content, not identity (defect 1). Expected boxes are worked out by hand beside each check.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MAX_ROOM, MIN_VISIBLE, placeOutline } from '../../src/ui/lessons/highlight-box';
import { canonicalJson, lessonSource, sameScenario } from '../../src/ui/lessons/lesson-origin';
import { validateScenario, type Scenario } from '../../src/engine/index';

describe('placeOutline', () => {
  test('a target well below the sticky bar keeps its box, its glow room and its label above', () => {
    // Target top 300, bar bottom 200: 100 px free, room capped at MAX_ROOM; the label (14 px) fits above.
    expect(placeOutline({ x: 10, y: 300, w: 500, h: 200 }, 200, 14)).toEqual({ box: { x: 10, y: 300, w: 500, h: 200 }, openTop: false, labelInside: false, room: MAX_ROOM });
  });
  test('a target scrolled under the bar is cut at the bar, open at the top, its label inside', () => {
    // Target spans 150..450, bar bottom 337: the outline runs 337..450 (113 px), nothing may rise above it.
    expect(placeOutline({ x: 10, y: 150, w: 500, h: 300 }, 337, 14)).toEqual({ box: { x: 10, y: 337, w: 500, h: 113 }, openTop: true, labelInside: true, room: 0 });
  });
  test('a target just below the bar: the label moves inside and the glow gets only the gap', () => {
    // Top 345, bar 337: 8 px gap < 14 px label rise.
    const placed = placeOutline({ x: 0, y: 345, w: 100, h: 100 }, 337, 14);
    expect(placed?.openTop).toBe(false);
    expect(placed?.labelInside).toBe(true);
    expect(placed?.room).toBe(8);
  });
  test('a target all but hidden under the bar is not outlined', () => {
    // 150..340 against a bar at 337 leaves 3 px < MIN_VISIBLE.
    expect(MIN_VISIBLE).toBeGreaterThan(3);
    expect(placeOutline({ x: 0, y: 150, w: 100, h: 190 }, 337, 14)).toBeNull();
  });
});

function shipped(file: string): { document: unknown; scenario: Scenario } {
  const document: unknown = JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
  const result = validateScenario(document);
  if (!result.ok) throw new Error(`${file} is not valid`);
  return { document, scenario: result.scenario };
}

describe('lesson origin', () => {
  test('canonical JSON ignores key order but not values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
  test('a re-parsed copy is the same scenario; an edited allowed lateness is not', () => {
    const lateCtr = shipped('late-ctr.json');
    const copy = validateScenario(JSON.parse(JSON.stringify(lateCtr.document)));
    if (!copy.ok) throw new Error('copy not valid');
    expect(copy.scenario).not.toBe(lateCtr.scenario);
    expect(sameScenario(copy.scenario, lateCtr.scenario)).toBe(true);
    const edited = structuredClone(lateCtr.document) as { processor: { allowedLateness: number } };
    edited.processor.allowedLateness = 20_000;
    const e = validateScenario(edited);
    if (!e.ok) throw new Error('edit not valid');
    expect(sameScenario(e.scenario, lateCtr.scenario)).toBe(false);
  });
  test('an edited shipped lesson is measured against the shipped run; a lesson of its own against itself', () => {
    const lateCtr = shipped('late-ctr.json');
    const clicks = shipped('clicks.json');
    const edited = structuredClone(lateCtr.document) as { processor: { allowedLateness: number }; lesson: { steps: { text: string }[] } };
    edited.processor.allowedLateness = 20_000;
    const e = validateScenario(edited);
    if (!e.ok) throw new Error('edit not valid');
    const opened = { scenario: e.scenario, document: edited };
    expect(lessonSource(opened, [clicks, lateCtr])).toBe(lateCtr);
    // With its lesson text rewritten, the text no longer describes the shipped run: the opened one is its own source.
    edited.lesson.steps[0].text = 'A lesson of my own.';
    const own = validateScenario(edited);
    if (!own.ok) throw new Error('own lesson not valid');
    const mine = { scenario: own.scenario, document: edited };
    expect(lessonSource(mine, [clicks, lateCtr])).toBe(mine);
  });
});
