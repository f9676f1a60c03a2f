/**
 * One dev server and one Chromium per browser test file: `browserSession()` registers the
 * beforeAll/afterAll that start and stop them, and `openPage` opens a ready page on it. Kept
 * apart from harness.ts, which the developer tools (shot.ts, profile.ts) import outside Vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectConsoleErrors, launchBrowser, startApp, type RunningApp } from './harness';

export interface BrowserSession {
  readonly app: RunningApp;
  readonly browser: Browser;
}

export function browserSession(): BrowserSession {
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
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('beforeAll did not start the app and browser');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get browser() {
      return started(browser);
    },
  };
}

export interface OpenOptions {
  /** Appended to the app's URL: a query ('?embed=1') or a fragment ('#s=v1...'). */
  path?: string;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** How long to wait for the app to say it is ready (ms). */
  readyTimeout?: number;
}

/** A new page on the app, ready to use, with its console errors collected. */
export async function openPage(session: BrowserSession, options: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 }, acceptDownloads: options.acceptDownloads ?? false });
  const errors = collectConsoleErrors(page);
  await page.goto(session.app.url + (options.path ?? ''));
  await page.waitForSelector('[data-testid=app-ready]', { timeout: options.readyTimeout ?? 30_000 });
  return { page, errors };
}
