/**
 * Shared links in a real browser (Debian's Chromium through playwright-core): a link opens its
 * scenario at its moment, with the same result counts the engine computes headless; hostile links
 * show a plain-text reason (or plain-text markup) and never a dialog, a script, a freeze or a
 * console error; "Copy link" puts a link in the address bar and on the clipboard that reopens the
 * same scenario at the same moment.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { collectConsoleErrors, screenshot } from './harness';
import { browserSession } from './session';
import { encodeLink } from '../../src/engine/index';

const scenarioDoc = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function fragmentFor(document: unknown, time?: number): string {
  const encoded = encodeLink(document, time === undefined ? {} : { time });
  if (!encoded.ok) throw new Error(encoded.message);
  return encoded.fragment;
}

/**
 * The CLI's answer for the same file (npm run sim -- <file> --json): title, end time and each
 * mode's result count, plus the narration step in force at the end.
 */
function expected(file: string) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const json = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', `scenarios/${file}`, '--json'], { cwd: root, encoding: 'utf8' });
  const report = JSON.parse(json) as { title: string; endTime: number; modes: Record<'batch' | 'microbatch' | 'streaming', { results: unknown[] }> };
  const steps = ((scenarioDoc(file).lesson as { steps?: { at: number; text: string }[] } | undefined)?.steps ?? []).filter((s) => s.at <= report.endTime);
  return {
    title: report.title,
    endTime: report.endTime,
    batch: report.modes.batch.results.length,
    microbatch: report.modes.microbatch.results.length,
    streaming: report.modes.streaming.results.length,
    lastStep: steps.at(-1)?.text ?? null,
  };
}

const session = browserSession();

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
  dialogs: string[];
}

async function openAt(hash: string, setup?: (context: BrowserContext) => Promise<unknown>): Promise<Opened> {
  const { app, browser } = session;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (setup) await setup(context);
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Generous: a 1 MB address takes Chromium a while to take in on a busy two-core machine.
  await page.goto(`${app.url}${hash}`, { timeout: 90_000, waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-testid=scenario-title]', { timeout: 30_000 });
  return { page, context, errors, dialogs };
}

const timeMs = async (page: Page) => Number(await page.getAttribute('[data-testid=time]', 'data-ms'));
const sinkResults = async (page: Page, mode: string) => Number(await page.getAttribute(`[data-testid=sink-${mode}]`, 'data-results'));

/** The page still answers script quickly: no freeze. */
async function expectResponsive(page: Page) {
  const started = Date.now();
  const answer = await Promise.race([page.evaluate(() => 1 + 1), new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5000))]);
  expect(answer).toBe(2);
  expect(Date.now() - started).toBeLessThan(5000);
}

describe('browser: shared links', () => {
  test.each(['late-ctr.json', 'idle-partition.json', 'dataflow-by-hand.json'])(
    'lesson %s opens from a link at its end time with its narration and the CLI\'s result counts',
    async (file) => {
      const doc = scenarioDoc(file);
      const want = expected(file);
      const { page, context, errors, dialogs } = await openAt(`#${fragmentFor(doc, want.endTime)}`);
      try {
        expect(await page.textContent('[data-testid=scenario-title]')).toContain(want.title);
        // A link with a time opens paused at that moment.
        await page.waitForFunction((t) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === t, want.endTime, { timeout: 10_000 });
        await page.waitForTimeout(300);
        expect(await timeMs(page)).toBe(want.endTime);
        expect(await sinkResults(page, 'batch')).toBe(want.batch);
        expect(await sinkResults(page, 'microbatch')).toBe(want.microbatch);
        expect(await sinkResults(page, 'streaming')).toBe(want.streaming);
        expect(await page.locator('[data-testid=link-error]').count()).toBe(0);
        // The guide shows the narration step in force at that moment.
        expect(want.lastStep).not.toBeNull();
        expect(await page.textContent('[data-testid=guide-text]')).toContain(want.lastStep ?? '');
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    90_000,
  );

  const good = fragmentFor(scenarioDoc('late-and-duplicates.json'));
  // Fixed pseudo-random bytes (not Math.random), percent-encoded as a browser would send them.
  const randomBytes = encodeURIComponent(Array.from({ length: 400 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join(''));
  const hostile: [string, string, RegExp][] = [
    ['random bytes', randomBytes, /the link is damaged: character 1 /],
    ['a truncated link', good.slice(0, Math.floor(good.length / 2)), /damaged|not valid/],
    ['a 1 MB fragment', `s=v1.${'A'.repeat(1024 * 1024)}`, /limited to 65536/],
    ['a damaged character', `s=v1.${good.slice(5, 40)}!${good.slice(41)}`, /cannot appear in a Streamlab link/],
  ];

  test.each(hostile)(
    '%s shows the link-error banner as text, opens the default scenario, and stays quiet and responsive',
    async (name, fragment, reason) => {
      const { page, context, errors, dialogs } = await openAt(`#${fragment}`);
      try {
        const banner = page.locator('[data-testid=link-error]');
        await banner.waitFor({ timeout: 10_000 });
        expect(await banner.getAttribute('role')).toBe('alert');
        const text = (await banner.textContent()) ?? '';
        expect(text).toContain('This link could not be opened:');
        expect(text).toContain('The default scenario is shown instead.');
        expect(text).toMatch(reason);
        // The default lesson is on screen instead.
        expect(await page.textContent('[data-testid=scenario-title]')).toContain('Click events into a partitioned topic');
        await expectResponsive(page);
        if (name === 'a truncated link') await screenshot(page, 'link-error');
        // Dismissing removes the banner.
        await page.click('[data-testid=link-error-dismiss]');
        expect(await banner.count()).toBe(0);
        expect(dialogs).toEqual([]);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    150_000,
  );

  test('a title with markup opens and shows the markup as literal text', async () => {
    const title = '<img src=x onerror="window.__pwned=1">';
    const { page, context, errors, dialogs } = await openAt(`#${fragmentFor({ ...scenarioDoc('clicks.json'), title })}`);
    try {
      await page.waitForTimeout(500);
      expect(await page.textContent('[data-testid=scenario-title] strong')).toBe(`${title}.`);
      expect(await page.locator('[data-testid=scenario-title] img').count()).toBe(0);
      expect(await page.locator('img[src=x]').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('[data-testid=link-error]').count()).toBe(0);
      await expectResponsive(page);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test('a link pasted into the address bar later (hashchange) opens without a reload', async () => {
    const { page, context, errors } = await openAt('');
    try {
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Click events into a partitioned topic');
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      const fragment = fragmentFor(scenarioDoc('scripted-example.json'), 20);
      await page.evaluate((f) => (location.hash = f), fragment);
      await page.waitForFunction(() => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes('Scripted events'), undefined, { timeout: 10_000 });
      expect(await timeMs(page)).toBe(20);
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      // A broken one later keeps the scenario on screen and says why.
      await page.evaluate(() => (location.hash = 's=v1.@@@'));
      await page.locator('[data-testid=link-error]').waitFor({ timeout: 10_000 });
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Scripted events');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test('Copy link writes the address bar and the clipboard; the link reopens the same scenario and moment', async () => {
    const origin = new URL(session.app.url).origin;
    const start = fragmentFor(scenarioDoc('late-and-duplicates.json'), 12_345);
    const { page, context, errors } = await openAt(`#${start}`, (c) => c.grantPermissions(['clipboard-read', 'clipboard-write'], { origin }));
    try {
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 12_345);
      // Move to another moment first, so the copied time is the one on screen, not the link's.
      await page.$eval('[data-testid=scrubber]', (el) => {
        (el as HTMLInputElement).value = '23456';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 23_456);
      const historyLength = await page.evaluate(() => history.length);
      await page.click('[data-testid=copy-link]');
      await page.waitForFunction(() => document.querySelector('[data-testid=copy-link-status]')?.textContent === 'Link copied', undefined, { timeout: 5000 });
      expect(await page.getAttribute('[data-testid=copy-link-status]', 'aria-live')).toBe('polite');
      await screenshot(page, 'copy-link');
      const hash = await page.evaluate(() => location.hash);
      expect(hash).toMatch(/^#s=v1\.[A-Za-z0-9+\-$]+&t=23456$/);
      expect(await page.evaluate(() => history.length)).toBe(historyLength); // replaced, not pushed
      const clipboard = await page.evaluate(() => navigator.clipboard.readText());
      expect(clipboard).toBe(await page.evaluate(() => location.href));
      expect(errors).toEqual([]);

      const again = await context.newPage();
      const againErrors = collectConsoleErrors(again);
      await again.goto(clipboard);
      await again.waitForSelector('[data-testid=scenario-title]', { timeout: 30_000 });
      expect(await again.textContent('[data-testid=scenario-title]')).toContain('5% late events and 2% duplicates');
      await again.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 23_456, undefined, { timeout: 10_000 });
      expect(againErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test('without a clipboard, Copy link shows the link selected in a read-only field', async () => {
    const { page, context, errors } = await openAt('', (c) =>
      c.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })),
    );
    try {
      await page.click('[data-testid=copy-link]');
      const field = page.locator('[data-testid=copy-link-fallback]');
      await field.waitFor({ timeout: 5000 });
      expect(await field.getAttribute('readonly')).not.toBeNull();
      const value = await field.inputValue();
      expect(value).toBe(await page.evaluate(() => location.href));
      expect(value).toMatch(/#s=v1\./);
      // Selected, so Ctrl+C copies it.
      const selected = await field.evaluate((el) => {
        const input = el as HTMLInputElement;
        return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
      });
      expect(selected).toBe(value);
      await screenshot(page, 'copy-link-fallback');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
