/**
 * Issue 13, defects 9, 10, 13 and 15 in a real browser: after a CSV import the scenario picker
 * names the import; an import into a punctuated scenario says what it kept and sees a row 12 s
 * late; a bad window size or bound is explained at its field, in words; the built page opened
 * from a folder (file://) renders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { projectRoot, screenshot, scrubTo } from './harness';
import { browserSession, openPage } from './session';

const fixturePath = (name: string) => new URL(`../fixtures/import/${name}`, import.meta.url).pathname;

const session = browserSession();

/** A screenshot of one element, beside the full-page ones, so the change can be looked at closely. */
async function closeUp(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: join(projectRoot, 'test-results', 'screenshots', `${name}.png`) });
}

const pickerText = (page: Page) => page.$eval('[data-testid=scenario-picker]', (el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');

/** Opens the app on the scripted-example scenario (punctuated watermark, allowed lateness 0) and imports late-12s.csv. */
async function importIntoPunctuated(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(session);
  const { page } = opened;
  await page.selectOption('[data-testid=scenario-picker]', 'scripted-example');
  await page.waitForFunction(() => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes('punctuated'));
  expect(await pickerText(page)).toMatch(/punctuated/i);
  await page.setInputFiles('[data-testid=import-file]', fixturePath('late-12s.csv'));
  await page.waitForSelector('[data-testid=import-note]');
  return opened;
}

async function pauseAtEnd(page: Page): Promise<void> {
  if ((await page.textContent('[data-testid=play]'))?.includes('Pause')) await page.click('[data-testid=play]');
  const end = Number(await page.getAttribute('[data-testid=scrubber]', 'max'));
  await scrubTo(page, end);
}

describe('browser: import and build', () => {
  test('after a CSV import the scenario picker names the import, not the previous scenario', async () => {
    const { page, errors } = await importIntoPunctuated();
    try {
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Events from late-12s.csv');
      const shown = await pickerText(page);
      expect(shown).toContain('Events from late-12s.csv');
      expect(shown).not.toMatch(/punctuated/i);
      // Picking a shipped scenario from the picker still works afterwards.
      await page.selectOption('[data-testid=scenario-picker]', 'clicks');
      await page.waitForFunction(() => !document.querySelector('[data-testid=scenario-title]')?.textContent?.includes('late-12s'));
      expect(await pickerText(page)).not.toContain('late-12s');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('a CSV import into a punctuated scenario says what it kept and drops a row 12 s late', async () => {
    const { page, errors } = await importIntoPunctuated();
    try {
      const note = (await page.textContent('[data-testid=import-note]')) ?? '';
      expect(note).toContain('Imported 4 events from late-12s.csv');
      expect(note).toContain('kept the open scenario’s seed, topic and processor');
      expect(note).toContain('tumbling windows of 3,000 ms');
      expect(note).toContain('bounded out-of-orderness with a 1,000 ms bound');
      expect(note).toContain('punctuated');
      await pauseAtEnd(page);
      // By hand (see test/engine/import/import-settings.test.ts): the watermark is 12,999 ms when
      // the row with eventTime 3,000 arrives at 15,000 ms; window [3,000, 6,000) has fired and allowed
      // lateness is 0, so that one row is dropped as late by the streaming job.
      expect(await page.getAttribute('[data-testid=counter-dropped-late]', 'data-streaming')).toBe('1');
      await screenshot(page, 'import-late-12s-into-punctuated');
      await closeUp(page.locator('[data-testid=io]'), 'import-late-12s-note');
      await closeUp(page.locator('[data-testid=scenario-picker]').locator('xpath=ancestor::header[1]'), 'import-late-12s-picker');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('a negative window size is explained at the Size field, with no unrelated offset message', async () => {
    const { page, errors } = await openPage(session);
    try {
      const size = '[data-testid="knob-processor.window.size"]';
      await page.locator(size).scrollIntoViewIfNeeded();
      await page.fill(size, '-5000');
      await page.press(size, 'Enter');
      const message = page.locator('[data-testid="error-processor.window.size"]');
      await message.waitFor({ timeout: 10_000 });
      expect(await message.textContent()).toBe('must be a positive number of milliseconds (at least 1 ms)');
      const banner = (await page.textContent('[data-testid=editor-issues]')) ?? '';
      expect(banner).not.toContain('offset');
      expect(banner).toContain('One field below needs fixing');
      await screenshot(page, 'editor-negative-window-size');
      await closeUp(page.locator('[data-testid=editor-issues]'), 'editor-negative-window-size-banner');
      await closeUp(page.locator('[data-testid="knob-processor.window.size"]').locator('xpath=ancestor::div[contains(@class,"field")][1]'), 'editor-negative-window-size-field');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('a bound of 1e20 is told the field limit in words, not the largest safe integer', async () => {
    const { page, errors } = await openPage(session);
    try {
      const bound = '[data-testid="knob-processor.watermark.bound"]';
      await page.locator(bound).scrollIntoViewIfNeeded();
      await page.fill(bound, '1e20');
      await page.press(bound, 'Enter');
      const message = page.locator('[data-testid="error-processor.watermark.bound"]');
      await message.waitFor({ timeout: 10_000 });
      const text = (await message.textContent()) ?? '';
      expect(text).toBe('must be at most 86,400,000 ms (24 hours)');
      expect(text).not.toContain('9007199254740991');
      await screenshot(page, 'editor-bound-1e20');
      await closeUp(page.locator(bound).locator('xpath=ancestor::div[contains(@class,"field")][1]'), 'editor-bound-1e20-field');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('the built page opened from a folder (file://) says how to serve it instead of staying blank', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'streamlab-dist-'));
    try {
      execFileSync(process.execPath, [join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
        cwd: projectRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
        timeout: 240_000,
      });
      const index = join(outDir, 'index.html');
      expect(existsSync(index)).toBe(true);
      const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await page.goto(pathToFileURL(index).href);
        const note = page.locator('[data-testid=not-started]');
        // The note fades in after 2 s when nothing has mounted; wait for it to be fully shown.
        await page.waitForFunction(() => {
          const el = document.querySelector('[data-testid=not-started]');
          return el !== null && getComputedStyle(el).display !== 'none' && getComputedStyle(el).opacity === '1';
        }, undefined, { timeout: 15_000 });
        const text = (await note.textContent()) ?? '';
        expect(text).toContain('Streamlab has not started');
        expect(text).toContain('file://');
        expect(text).toContain('npm run preview');
        expect(text).toContain('npx vite preview');
        expect(await page.locator('[data-testid=app-ready]').count()).toBe(0);
        await screenshot(page, 'built-page-from-file-url');
      } finally {
        await page.close();
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 300_000);

  test('served normally, the page starts and the not-started note stays hidden', async () => {
    const { page, errors } = await openPage(session);
    try {
      await page.waitForTimeout(2500);
      expect(await page.locator('[data-testid=not-started]').isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
