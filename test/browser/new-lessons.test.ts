/**
 * The three operating lessons of issue 14 (slow-consumer, microbatch-interval, hot-keys): the
 * library lists them after lesson 13 in their order, and each plays to its second step, where
 * the guide shows that step's text and the panel it points at. Texts and times come from the
 * scenario files, so a rewritten narration does not need this file changed.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot } from './harness';
import { browserSession, openPage } from './session';
import { waitForStep } from './guide-steps';
import { validateScenario, type Lesson } from '../../src/engine/index';

const session = browserSession();
const IDS = ['slow-consumer', 'microbatch-interval', 'hot-keys'] as const;

function lessonOf(id: string): Lesson {
  const result = validateScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8')));
  if (!result.ok || !result.scenario.lesson) throw new Error(`scenarios/${id}.json is not a valid lesson`);
  return result.scenario.lesson;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

describe('browser: the slow-consumer, microbatch-interval and hot-keys lessons', () => {
  test('the library lists them after lesson 13, in their order', async () => {
    const { page, errors } = await openPage(session);
    await page.click('[data-testid=open-library]');
    await page.waitForSelector('[data-testid=library][open]');
    const cards = await page.$$eval('[data-testid^=lesson-card-]', (els) => els.map((e) => e.getAttribute('data-testid')?.slice('lesson-card-'.length)));
    const at = IDS.map((id) => cards.indexOf(id));
    expect(at.every((i) => i > cards.indexOf('exactly-once-latency'))).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    await page.locator('[data-testid="lesson-card-hot-keys"]').scrollIntoViewIfNeeded();
    await shot(page, 'new-lessons-library');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  for (const id of IDS) {
    test(`${id} plays to its second step, with its text and highlight on screen`, async () => {
      const lesson = lessonOf(id);
      const { page, errors } = await openPage(session);
      // Instant scrolling, so the screenshot shows the highlighted panel where the guide put it.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.click('[data-testid=open-library]');
      await page.waitForSelector('[data-testid=library][open]');
      const start = page.locator(`[data-testid="start-lesson-${id}"]`);
      await start.scrollIntoViewIfNeeded();
      await start.click();
      await page.waitForSelector('[data-testid=guide]');
      await page.selectOption('[data-testid=speed]', '100');
      // Start goes to step 1; Next from there plays to step 2 (a question's Next skips it).
      for (let k = 0; k <= 1; k++) {
        await page.click('[data-testid=guide-next]');
        await waitForStep(page, k, lesson.steps[k].at, 120_000);
      }
      const guide = (await page.textContent('[data-testid=guide]')) ?? '';
      expect(guide).toContain(lesson.steps[1].text);
      expect(guide).toContain(lesson.steps[1].question?.prompt ?? '');
      // The step's highlight is on screen, below the sticky guide.
      await page.waitForFunction(() => {
        const box = document.querySelector('[data-testid=guide-highlight]')?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.top < window.innerHeight;
      });
      await shot(page, `new-lessons-${id}-step-2`);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
