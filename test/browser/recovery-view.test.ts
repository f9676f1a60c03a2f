/**
 * The streaming job's recovery story on the event-time chart, in a real browser. consumer-crash
 * (flink, checkpoint every 10 s, c0 crashes at 27 s for 5 s; see test/ui/recovery-marks.test.ts
 * for the hand derivation): checkpoints at 10, 20, 40, 50 and 60 s, the job down 27..32 s,
 * restoring its 20 s checkpoint, and 77 records read again at 32 s.
 *
 * Opened at 45 s: in the whole-run view the checkpoints up to then (10, 20, 40) are flags on the
 * axis, the band says "job down", the arrow says "restores checkpoint @ 20 s", and the 77
 * re-reads are rings. Following now (about 15..47 s shown), the 10 s flag is off the plot.
 * Scrubbed back to 30 s: two flags, the band reaches now, no restore and no rings yet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot, screenshot, scrubTo } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();
const chart = '[data-testid=event-time-chart]';

const count = (page: Page, testId: string) => page.locator(`${chart} [data-testid=${testId}]`).count();
const rereads = async (page: Page) => Number(await page.getAttribute(`${chart} [data-testid=reread-rings]`, 'data-rereads'));

describe('browser: the event-time chart tells the recovery story', () => {
  test('consumer-crash at 45 s: checkpoint flags, the job-down band, the restore arrow and the second-pass rings', async () => {
    const scenario: unknown = JSON.parse(readFileSync(new URL('../../scenarios/consumer-crash.json', import.meta.url), 'utf8'));
    const encoded = encodeLink(scenario, { time: 45_000 });
    if (!encoded.ok) throw new Error(encoded.message);
    const { page, errors } = await openPage(session, { path: `#${encoded.fragment}` });
    try {
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 45_000, undefined, { timeout: 15_000 });
      await page.locator(`${chart} [data-testid=recovery-marks]`).waitFor({ timeout: 15_000 });

      // Following now (the default): x from about 15 s, so the 10 s checkpoint is off the plot.
      expect(await page.getAttribute(`${chart} [data-testid=event-time-follow]`, 'aria-pressed')).toBe('true');
      expect(await count(page, 'checkpoint-mark')).toBe(2);
      await page.locator(chart).screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'recovery-view-follow.png') });

      await page.click(`${chart} [data-testid=event-time-whole]`);
      await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-testid=checkpoint-mark]`).length === 3, chart, { timeout: 5000 });
      expect(await count(page, 'job-down')).toBe(1);
      expect(await page.textContent(`${chart} [data-testid=recovery-marks]`)).toContain('job down');
      expect(await page.textContent(`${chart} [data-testid=restore-label]`)).toBe('restores checkpoint @ 20 s');
      expect(await rereads(page)).toBe(77);
      expect(await page.textContent(`${chart} [data-testid=legend-reread]`)).toContain('read again after a failure (second pass)');
      await page.locator(chart).screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'recovery-view-whole.png') });

      // Back to 30 s: the job is still down, so the band ends at now and nothing is restored yet.
      await scrubTo(page, 30_000);
      expect(await count(page, 'checkpoint-mark')).toBe(2);
      expect(await count(page, 'job-down')).toBe(1);
      expect(await count(page, 'restore-label')).toBe(0);
      expect(await rereads(page)).toBe(0);
      await page.locator(chart).screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'recovery-view-down.png') });

      await screenshot(page, 'recovery-view');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('a run without failures shows none of it', async () => {
    const scenario: unknown = JSON.parse(readFileSync(new URL('../../scenarios/late-and-duplicates.json', import.meta.url), 'utf8'));
    const encoded = encodeLink(scenario, { time: 20_000 });
    if (!encoded.ok) throw new Error(encoded.message);
    const { page, errors } = await openPage(session, { path: `#${encoded.fragment}` });
    try {
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 20_000, undefined, { timeout: 15_000 });
      await page.locator(`${chart} [data-testid=recovery-marks]`).waitFor({ timeout: 15_000 });
      expect(await count(page, 'job-down')).toBe(0);
      expect(await rereads(page)).toBe(0);
      expect(await count(page, 'legend-reread')).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
