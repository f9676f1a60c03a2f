/**
 * The landing page (issue 14): a first-time visitor sees the point in one sentence and three
 * starting points above the default lesson, which already plays; a starting point opens its
 * lesson in the guide; a link opens directly, without the welcome.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { screenshot } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

describe('browser: the landing page', () => {
  test('a plain visit: the welcome with three starts over the playing default lesson; a start opens its lesson', async () => {
    const { page, errors } = await openPage(session);
    try {
      const welcome = page.locator('[data-testid=welcome]');
      await welcome.waitFor();
      expect(await welcome.textContent()).toContain('Same events, three different answers.');
      for (const id of ['clicks', 'consumer-crash', 'late-ctr']) expect(await page.locator(`[data-testid=welcome-start-${id}]`).count()).toBe(1);
      // The default lesson plays underneath, its guide on screen.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > 0, undefined, { timeout: 10_000 });
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Click events into a partitioned topic');
      // At 1440×900 the welcome, the time controls and the pipeline's top all fit the first screen.
      const box = await welcome.boundingBox();
      expect(box !== null && box.y + box.height < 300).toBe(true);
      // What the first screen shows (the full page goes to landing-1440.png).
      const full = await screenshot(page, 'landing-1440');
      await page.screenshot({ path: full.replace(/\.png$/, '-viewport.png') });

      await page.click('[data-testid=welcome-start-consumer-crash]');
      await page.waitForFunction(() => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes('A crash'), undefined, { timeout: 10_000 });
      expect(await page.locator('[data-testid=welcome]').count()).toBe(0);
      expect(await page.getAttribute('[data-testid=guide]', 'data-step')).toBe('-1');
      expect(await page.getAttribute('[data-testid=play]', 'aria-label')).toBe('Play');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('the welcome closes with its button, and a link opens directly without it', async () => {
    const { page, errors } = await openPage(session);
    try {
      await page.click('[data-testid=welcome-close]');
      expect(await page.locator('[data-testid=welcome]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
    const scenario: unknown = JSON.parse(readFileSync(new URL('../../scenarios/late-ctr.json', import.meta.url), 'utf8'));
    const encoded = encodeLink(scenario, { time: 0 });
    if (!encoded.ok) throw new Error(encoded.message);
    const linked = await openPage(session, { path: `#${encoded.fragment}` });
    try {
      await linked.page.waitForFunction(() => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes('Late clicks'), undefined, { timeout: 10_000 });
      expect(await linked.page.locator('[data-testid=welcome]').count()).toBe(0);
      const lesson = await openPage(session, { path: '?lesson=dedup' });
      expect(await lesson.page.locator('[data-testid=welcome]').count()).toBe(0);
      await lesson.page.close();
      expect(linked.errors).toEqual([]);
    } finally {
      await linked.page.close();
    }
  }, 120_000);
});
