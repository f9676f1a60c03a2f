/**
 * Edits surviving a reload, in a real browser (Debian's Chromium through playwright-core): an
 * edited knob keeps its value after a reload with a "Restored your edits" note and a Discard
 * button; a link in the address wins over stored edits (which stay for a visit without one); a
 * corrupted or invalid stored value is discarded with a message and the default scenario runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { collectConsoleErrors } from './harness';
import { browserSession } from './session';
import { encodeLink } from '../../src/engine/index';
import { STORAGE_KEY } from '../../src/ui/state/persist';

const session = browserSession();

const RATE = '[data-testid="knob-producers.0.rate"]';
const DEFAULT_TITLE = 'Click events into a partitioned topic';

async function newPage(): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const { app, browser } = session;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return { page, context, errors: collectConsoleErrors(page) };
}

async function go(page: Page, hash = ''): Promise<void> {
  await page.goto(`${session.app.url}${hash}`);
  await page.waitForSelector('[data-testid=scenario-title]', { timeout: 30_000 });
}

const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
const plays = (page: Page) =>
  page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > 200, undefined, { timeout: 10_000 });

describe('browser: edits survive a reload', () => {
  test('an edited knob keeps its value after a reload, with a note; Discard goes back to the original', async () => {
    const { page, context, errors } = await newPage();
    try {
      await go(page);
      expect(await stored(page)).toBeNull(); // opening is not editing
      const original = await page.inputValue(RATE);
      await page.fill(RATE, '12');
      await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORAGE_KEY, { timeout: 10_000 });
      await page.reload();
      await page.waitForSelector('[data-testid=restored-note]', { timeout: 30_000 });
      expect(await page.textContent('[data-testid=restored-note]')).toMatch(new RegExp(`Restored your edits to ${DEFAULT_TITLE}\\s*—\\s*Discard`));
      expect(await page.inputValue(RATE)).toBe('12');
      expect(await page.textContent('[data-testid=scenario-title]')).toContain(DEFAULT_TITLE);
      await plays(page);

      await page.click('[data-testid=restored-discard]');
      expect(await page.locator('[data-testid=restored-note]').count()).toBe(0);
      expect(await page.inputValue(RATE)).toBe(original);
      expect(await stored(page)).toBeNull();
      await page.reload();
      await page.waitForSelector('[data-testid=scenario-title]');
      expect(await page.locator('[data-testid=restored-note]').count()).toBe(0);
      expect(await page.inputValue(RATE)).toBe(original);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  test('a link in the address wins over stored edits, which come back on a visit without a link', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../scenarios/dedup.json', import.meta.url), 'utf8')) as { title: string };
    const link = encodeLink(doc);
    if (!link.ok) throw new Error(link.message);
    const { page, context, errors } = await newPage();
    try {
      await go(page);
      await page.fill(RATE, '13');
      await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORAGE_KEY, { timeout: 10_000 });
      await go(page, `#${link.fragment}`);
      expect(await page.textContent('[data-testid=scenario-title]')).toContain(doc.title);
      expect(await page.locator('[data-testid=restored-note]').count()).toBe(0);
      expect(await stored(page)).not.toBeNull();
      await page.goto('about:blank');
      await go(page);
      await page.waitForSelector('[data-testid=restored-note]');
      expect(await page.inputValue(RATE)).toBe('13');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  test.each([
    ['text that is not JSON', '{"format":1,"origin":"clicks","document":{', /not valid JSON/],
    ['an invalid scenario', JSON.stringify({ format: 1, origin: 'clicks', document: { version: 1, producers: '<b>none</b>' } }), /not valid: producers/],
    ['a value from another format', JSON.stringify({ format: 99 }), /format 99/],
  ])('%s in storage is discarded with a message and the default scenario runs', async (_name, value, reason) => {
    const { page, context, errors } = await newPage();
    try {
      await go(page);
      await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, value] as const);
      await page.reload();
      const message = page.locator('[data-testid=storage-error]');
      await message.waitFor({ timeout: 30_000 });
      const text = (await message.textContent()) ?? '';
      expect(text).toMatch(/Your saved edits could not be restored/);
      expect(text).toMatch(reason);
      expect(text).toMatch(/The default scenario is shown instead/);
      expect(await page.locator('[data-testid=storage-error] b').count()).toBe(0);
      expect(await page.textContent('[data-testid=scenario-title]')).toContain(DEFAULT_TITLE);
      await plays(page);
      expect(await stored(page)).toBeNull();
      await page.click('[data-testid=storage-error-dismiss]');
      expect(await message.count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
