/**
 * The keyboard in a real browser (Debian's Chromium through playwright-core), as a video player
 * behaves: Space plays and pauses wherever focus is, except where it types or chooses (a text
 * field, a menu, a checkbox); Enter presses a focused button; Shift+←/→ moves by the step chosen
 * in the time controls; the pipeline's records can be stepped through with ] and [ and inspected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

/** clicks.json opened paused at `time` (a link to a moment opens paused there). */
async function openClicksAt(time: number, viewport?: { width: number; height: number }) {
  const scenario: unknown = JSON.parse(readFileSync(new URL('../../scenarios/clicks.json', import.meta.url), 'utf8'));
  const encoded = encodeLink(scenario, { time });
  if (!encoded.ok) throw new Error(encoded.message);
  // The first page waits for Vite's first compile, slow on a shared machine.
  const opened = await openPage(session, { path: `#${encoded.fragment}`, viewport, readyTimeout: 90_000 });
  await opened.page.waitForFunction((t) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === t, time, { timeout: 15_000 });
  return opened;
}

const timeMs = async (page: Page) => Number(await page.getAttribute('[data-testid=time]', 'data-ms'));
const playing = async (page: Page) => (await page.getAttribute('[data-testid=play]', 'aria-label')) === 'Pause';

describe('browser: keyboard', () => {
  test('Shift+→ and Shift+← move by the step chosen in the time controls', async () => {
    const { page, errors } = await openClicksAt(20_000);
    try {
      await page.selectOption('select[aria-label="Step size"]', '5000');
      // Leave the menu (keys in a menu belong to the menu) for the page body.
      await page.locator('h1').click();
      await page.keyboard.press('Shift+ArrowRight');
      // 20,000 + the chosen 5,000 = 25,000.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) !== 20_000);
      expect(await timeMs(page)).toBe(25_000);
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('Shift+ArrowLeft');
      // 25,000 − 2 × 5,000 = 15,000.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 15_000, undefined, { timeout: 5000 });
      expect(await playing(page)).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);

  test('Space on a focused button plays and pauses; Enter presses the button', async () => {
    const { page, errors } = await openClicksAt(20_000);
    try {
      const nextEvent = page.locator('button[aria-label="Next event"]');
      await nextEvent.focus();
      await page.keyboard.press('Space');
      // Playing, not stepped: pressing the button would have paused at the next event.
      await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-label') === 'Pause', undefined, { timeout: 5000 });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Next event');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-label') === 'Play', undefined, { timeout: 5000 });
      const paused = await timeMs(page);
      expect(paused).toBeGreaterThan(20_000);

      // Enter still presses the focused button: one step to the next event, still paused.
      await page.keyboard.press('Enter');
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > t, paused, { timeout: 5000 });
      expect(await playing(page)).toBe(false);

      // On the scrubber (a slider, no typing) Space plays too.
      await page.focus('[data-testid=scrubber]');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-label') === 'Pause', undefined, { timeout: 5000 });
      await page.keyboard.press('Space');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('Space types in a text field and toggles a checkbox, without playing', async () => {
    const { page, errors } = await openClicksAt(20_000);
    try {
      await page.focus('[data-testid=presenter]');
      await page.keyboard.press('Space');
      expect(await page.isChecked('[data-testid=presenter]')).toBe(true);
      await page.keyboard.press('Space');
      expect(await page.isChecked('[data-testid=presenter]')).toBe(false);
      const field = page.locator('[data-testid=editor] input[type=text], [data-testid=editor] textarea').first();
      await field.focus();
      await page.keyboard.press('Space');
      await page.waitForTimeout(300);
      expect(await playing(page)).toBe(false);
      expect(await timeMs(page)).toBe(20_000);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('the pipeline takes focus and ] / [ step through the records in its lanes', async () => {
    const { page, errors } = await openClicksAt(20_000);
    try {
      const canvas = page.locator('[data-testid=pipeline-canvas]');
      await canvas.focus();
      await page.keyboard.press(']');
      const first = page.locator('[data-testid=inspect-record]');
      await first.waitFor({ timeout: 5000 });
      const firstText = await first.textContent();
      await page.keyboard.press(']');
      await page.waitForFunction((before) => document.querySelector('[data-testid=inspect-record]')?.textContent !== before, firstText, { timeout: 5000 });
      await page.keyboard.press('[');
      await page.waitForFunction((before) => document.querySelector('[data-testid=inspect-record]')?.textContent === before, firstText, { timeout: 5000 });
      // Arrow keys still move time while the pipeline has focus (they are the page's keys).
      await page.keyboard.press('Shift+ArrowRight');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 21_000, undefined, { timeout: 5000 });
      await canvas.scrollIntoViewIfNeeded();
      await screenshot(page, 'pipeline-keyboard');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
