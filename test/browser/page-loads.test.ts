import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectConsoleErrors, launchBrowser, screenshot, startApp, type RunningApp } from './harness';

describe('browser: app shell', () => {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  }, 60_000);

  test('the page loads and shows the Streamlab shell with no console errors', async () => {
    if (!app || !browser) throw new Error('beforeAll did not start the app and browser');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const errors = collectConsoleErrors(page);
      const response = await page.goto(app.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);

      await page.waitForSelector('[data-testid=app-ready]', { timeout: 30_000 });

      expect(await page.title()).toBe('Streamlab');
      expect((await page.locator('h1').textContent())?.trim()).toBe('Streamlab');
      expect(await page.locator('header').textContent()).toContain(
        'Watch events flow from producers through a partitioned broker',
      );

      await screenshot(page, 'page-loads');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
