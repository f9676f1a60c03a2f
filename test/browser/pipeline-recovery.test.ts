/**
 * The pipeline tells a crash's story in a real browser. consumer-crash.json (Flink, checkpoint every
 * 10 s, c0 crashes at 27 s for 5 s; docs/semantics.md "Failures and recovery"):
 * - at 28 s the job is down until 32 s; the last checkpoint completed at 20 s (10 s and 20 s are
 *   the multiples of 10 s while it was up), so the processor says so and the lanes carry the restore
 *   marks;
 * - at 32.4 s the job has restored the 20 s checkpoint and is reading again the 77 records it had
 *   read after it (the lesson pins 77): those fly as their own ring-marked dots, counted on the canvas.
 * No console errors throughout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeLink } from '../../src/engine/index';
import { projectRoot } from './harness';
import { browserSession, openPage } from './session';

const session = browserSession();
const scenario: unknown = JSON.parse(readFileSync(new URL('../../scenarios/consumer-crash.json', import.meta.url), 'utf8'));

async function openAt(time: number): Promise<{ page: Page; errors: string[] }> {
  const encoded = encodeLink(scenario, { time });
  if (!encoded.ok) throw new Error(encoded.message);
  const opened = await openPage(session, { path: `#${encoded.fragment}` });
  await opened.page.waitForFunction((t) => document.querySelector('[data-testid=time]')?.getAttribute('data-ms') === String(t), time, { timeout: 15_000 });
  return opened;
}

const shot = (page: Page, name: string) =>
  page.locator('[data-testid=pipeline]').screenshot({ path: join(projectRoot, 'test-results', 'screenshots', `${name}.png`) });

describe('browser: a crash in the pipeline', () => {
  test('at 28 s the streaming job is down, back at 32 s, and its last checkpoint is 20 s', async () => {
    const { page, errors } = await openAt(28_000);
    try {
      const status = page.locator('[data-testid=job-status]');
      await status.waitFor({ timeout: 15_000 });
      await shot(page, 'pipeline-job-down');
      expect(await status.textContent()).toBe('✕ job down');
      expect(await page.textContent('[data-testid=job-detail]')).toBe('restarts 32 s');
      expect(await page.getAttribute('[data-testid=processor]', 'class')).toContain('down');
      expect(await page.getAttribute('[data-testid=pipeline-canvas]', 'aria-label')).toContain('Streaming job: down since 27 s, restarts at 32 s');
      const legend = await page.textContent('[data-testid=pipeline] .legend');
      expect(legend).toContain("last checkpoint's position");
      expect(legend).toContain('restart point and records to read again');
      expect(legend).toContain('read again after a failure');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('at 32.4 s it has restored the 20 s checkpoint and the re-read records fly as their own dots', async () => {
    const { page, errors } = await openAt(32_400);
    try {
      const status = page.locator('[data-testid=job-status]');
      await status.waitFor({ timeout: 15_000 });
      await shot(page, 'pipeline-rereads');
      expect(await status.textContent()).toBe('↺ checkpoint @ 20 s');
      expect(await page.textContent('[data-testid=job-detail]')).toBe('re-read 77');
      // Second-pass dots are drawn with their own mark; the canvas reports how many are in flight.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=pipeline-canvas]')?.getAttribute('data-rereads')) > 0, undefined, { timeout: 5000 });
      await shot(page, 'pipeline-rereads');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
