/**
 * The landing page's welcome (issue 14): shown on a plain visit only, and its three starting
 * points are shipped lessons.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { availableStartPoints, START_POINTS, welcomeOnLanding } from '../../src/ui/lessons/welcome';

describe('welcomeOnLanding', () => {
  const plain = { link: false, lesson: null, embed: false, restored: false };
  test('a plain visit gets the welcome', () => {
    expect(welcomeOnLanding(plain)).toBe(true);
  });
  test('a link, ?lesson=, an embed or restored edits open directly, without it', () => {
    expect(welcomeOnLanding({ ...plain, link: true })).toBe(false);
    expect(welcomeOnLanding({ ...plain, lesson: 'late-ctr' })).toBe(false);
    // An unknown lesson id still names a choice; the page says it is unknown instead.
    expect(welcomeOnLanding({ ...plain, lesson: 'nope' })).toBe(false);
    expect(welcomeOnLanding({ ...plain, embed: true })).toBe(false);
    expect(welcomeOnLanding({ ...plain, restored: true })).toBe(false);
  });
});

describe('start points', () => {
  test('three, each a shipped lesson', () => {
    expect(START_POINTS.map((p) => p.id)).toEqual(['clicks', 'consumer-crash', 'late-ctr']);
    for (const p of START_POINTS) {
      const doc = JSON.parse(readFileSync(new URL(`../../scenarios/${p.id}.json`, import.meta.url), 'utf8')) as { id: string; lesson?: unknown };
      expect(doc.id).toBe(p.id);
      expect(doc.lesson).toBeDefined();
    }
  });
  test('a lesson that is not shipped drops its button', () => {
    expect(availableStartPoints([{ id: 'clicks' }, { id: 'late-ctr' }]).map((p) => p.id)).toEqual(['clicks', 'late-ctr']);
  });
});
