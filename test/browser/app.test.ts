/**
 * The simulator in a real browser (Debian's Chromium through playwright-core): it opens on the
 * default scenario and plays, pause stops virtual time, the scrubber moves to any moment in both
 * directions, a knob re-runs the simulation, an invalid value is explained where it was typed, and
 * nothing logs an error. Screenshots land in test-results/screenshots for a human to look at.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, scrubTo } from './harness';
import { browserSession, openPage } from './session';
import { createRun, validateScenario, type Run } from '../../src/engine/index';

/** The default scenario run headless, to check what the page shows against the engine's log. */
function defaultRun(): Run {
  const document: unknown = JSON.parse(readFileSync(new URL('../../scenarios/clicks.json', import.meta.url), 'utf8'));
  const result = validateScenario(document);
  if (!result.ok) throw new Error('scenarios/clicks.json is not valid');
  const run = createRun(result.scenario);
  run.advanceTo(run.endTime);
  return run;
}

const session = browserSession();

const openApp = () => openPage(session);

const timeMs = async (page: Page) => Number(await page.getAttribute('[data-testid=time]', 'data-ms'));
/** A number the page exposes on an element as a data attribute (tiles show it formatted). */
const dataOf = async (page: Page, testid: string, attribute: string) => Number(await page.getAttribute(`[data-testid="${testid}"]`, `data-${attribute}`));

describe('browser: the simulator', () => {
  test('opens on the default scenario and plays without being touched', async () => {
    const { page, errors } = await openApp();
    try {
      expect(await page.title()).toBe('Streamlab');
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Click events into a partitioned topic');
      // Virtual time moves and records reach the broker on their own.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > 500, undefined, { timeout: 10_000 });
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-value')) > 0, undefined, { timeout: 10_000 });
      expect(await page.textContent('[data-testid=play]')).toContain('Pause');
      expect(await page.locator('[data-testid=pipeline-canvas]').count()).toBe(1);
      await page.waitForTimeout(1500);
      await screenshot(page, 'app-playing');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('pause stops virtual time, and space plays again', async () => {
    const { page, errors } = await openApp();
    try {
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > 200);
      await page.click('[data-testid=play]');
      expect(await page.textContent('[data-testid=play]')).toContain('Play');
      const paused = await timeMs(page);
      await page.waitForTimeout(600);
      expect(await timeMs(page)).toBe(paused);
      // Space is the play/pause shortcut (focus on the page body, not on a control).
      await page.locator('h1').click();
      await page.keyboard.press('Space');
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > t, paused, { timeout: 5000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('the scrubber shows the state at any time, forward and back', async () => {
    const run = defaultRun();
    // Expected counts come straight from the log: records appended (appendedAt <= t) and
    // records sent (sentAt <= t), counted with a plain filter rather than the UI's binary search.
    const appendedBy = (t: number) => Array.from(run.log.records.appendedAt.subarray(0, run.log.records.length)).filter((a) => a <= t).length;
    const { page, errors } = await openApp();
    try {
      await page.click('[data-testid=play]'); // pause
      for (const t of [60_000, 12_345, 90_000, 0, 30_000]) {
        await scrubTo(page, t);
        expect(await dataOf(page, 'counter-appended', 'value')).toBe(appendedBy(t));
      }
      // Going back and forth again lands on the same state (the run is deterministic).
      await scrubTo(page, 60_000);
      const there = await page.textContent('[data-testid=metrics]');
      await scrubTo(page, 5_000);
      await scrubTo(page, 60_000);
      expect(await page.textContent('[data-testid=metrics]')).toBe(there);
      await screenshot(page, 'app-scrubbed-60s');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('changing a knob re-runs the simulation and changes the outputs', async () => {
    const end = defaultRun().endTime;
    const { page, errors } = await openApp();
    try {
      await page.click('[data-testid=play]');
      await scrubTo(page, end);
      const before = await dataOf(page, 'sink-batch', 'results');
      // Ten-second windows over 120 s of ten pages; doubling the size roughly halves the windows.
      await page.fill('[data-testid="knob-processor.window.size"]', '20000');
      await page.waitForFunction((old) => Number(document.querySelector('[data-testid=sink-batch]')?.getAttribute('data-results')) !== old, before, { timeout: 10_000 });
      const after = await dataOf(page, 'sink-batch', 'results');
      expect(after).toBeLessThan(before);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('an invalid value shows its message next to the field and keeps the last valid run', async () => {
    const { page, errors } = await openApp();
    try {
      await page.click('[data-testid=play]');
      await scrubTo(page, 60_000);
      const appended = await dataOf(page, 'counter-appended', 'value');
      await page.fill('[data-testid="knob-producers.0.rate"]', '-5');
      const message = page.locator('[data-testid="error-producers.0.rate"]');
      await message.waitFor({ timeout: 10_000 });
      expect(await message.textContent()).toMatch(/must be > 0/);
      expect(await page.getAttribute('[data-testid="knob-producers.0.rate"]', 'aria-invalid')).toBe('true');
      // The last valid run stays on screen.
      expect(await dataOf(page, 'counter-appended', 'value')).toBe(appended);
      await screenshot(page, 'app-invalid-rate');
      // A valid value clears the message.
      await page.fill('[data-testid="knob-producers.0.rate"]', '20');
      await message.waitFor({ state: 'detached', timeout: 10_000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('inspecting a late event shows its fate in every mode, and presenter view enlarges the page', async () => {
    const run = defaultRun();
    // The first record streaming dropped as late, found by a plain scan of the engine's fates (2 = late).
    const lateRow = Array.from(run.modes.streaming.fate).indexOf(2);
    expect(lateRow).toBeGreaterThanOrEqual(0);
    const { page, errors } = await openApp();
    try {
      await page.click('[data-testid=play]');
      await page.click('[data-testid=inspect-late-event]');
      const record = page.locator('[data-testid=inspect-record]');
      await record.waitFor();
      expect(await record.textContent()).toContain(run.log.keys[run.log.records.key[lateRow]]);
      expect(await page.textContent('[data-testid=inspect-fate-streaming]')).toMatch(/late/i);
      expect(await page.textContent('[data-testid=inspect-fate-batch]')).toMatch(/counted/i);
      // What the room reads: the lesson's narration when the landing lesson's guide is on, else the page.
      const readSize = () =>
        page.evaluate(() => {
          const el = document.querySelector('[data-testid=guide-text], [data-testid=guide-story]') ?? document.querySelector('h1');
          return el ? parseFloat(getComputedStyle(el).fontSize) : 0;
        });
      const normalSize = await readSize();
      await page.check('[data-testid=presenter]');
      const presenterSize = await readSize();
      expect(presenterSize).toBeGreaterThan(normalSize);
      await screenshot(page, 'app-presenter-inspect');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
