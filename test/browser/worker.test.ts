/**
 * Big runs compute in a Web Worker: a progress bar shows while they do, the page keeps
 * painting frames (measured in the page with requestAnimationFrame), a newer edit replaces a
 * computation under way, and the finished run replaces the previous one.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import { browserSession, openPage } from './session';

/** 8,500 events/s over the default scenario's 120 s: about a million events. */
const BIG_RATE = process.env.STREAMLAB_BIG_RATE ?? '8500';

const session = browserSession();

async function openApp(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(session);
  await opened.page.waitForSelector('[data-testid=counter-appended]', { timeout: 30_000 });
  await opened.page.click('[data-testid=play]'); // pause: frames then measure the page, not playback
  return opened;
}

const appended = (page: Page) => page.getAttribute('[data-testid=counter-appended]', 'data-total').then(Number);

/**
 * Starts a requestAnimationFrame loop in the page. Each frame records its gap since the last
 * one, until the first frame that shows more than `total` appended records, then 2 s more.
 */
async function watchFrames(page: Page, total: number): Promise<void> {
  // Passed as source text: tsx would wrap a named function with a helper the page lacks.
  await page.evaluate(`(() => {
    const w = (window.__frames = { gaps: [], long: [], after: [], arrivalGap: NaN, done: false, started: performance.now(), arrivedAt: NaN });
    let last = performance.now();
    const frame = (now) => {
      const gap = now - last;
      last = now;
      const shown = Number(document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total'));
      if (!Number.isNaN(w.arrivedAt)) {
        // After the run is on screen: the page takes it in (derived data, charts) for a while.
        w.after.push(gap);
        if (now - w.arrivedAt < 2000) requestAnimationFrame(frame);
        else w.done = true;
        return;
      }
      if (shown > ${total}) {
        // This frame's gap includes taking the finished run in.
        w.arrivalGap = gap;
        w.arrivedAt = now;
        requestAnimationFrame(frame);
        return;
      }
      w.gaps.push(gap);
      if (gap > 100) w.long.push([Math.round(now - w.started), Math.round(gap)]);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
}

interface Frames {
  gaps: number[];
  /** [ms since the edit, gap] of frames over 100 ms apart. */
  long: [number, number][];
  arrivalGap: number;
  /** Gaps during the 2 s after the run appeared. */
  after: number[];
  started: number;
  arrivedAt: number;
}

describe('big runs in a worker', () => {
  test('a newer edit replaces a computation under way, and a small one is computed at once', async () => {
    const { page, errors } = await openApp();
    try {
      const before = await appended(page);
      await page.fill('[data-testid="knob-producers.0.rate"]', BIG_RATE);
      const bar = page.locator('[data-testid=compute-progress]');
      await bar.waitFor({ timeout: 10_000 });
      // The previous run stays on screen meanwhile.
      expect(await appended(page)).toBe(before);
      await page.fill('[data-testid="knob-producers.0.rate"]', '20');
      await bar.waitFor({ state: 'detached', timeout: 10_000 });
      const small = await appended(page);
      expect(small).toBeGreaterThan(1000);
      expect(small).toBeLessThan(before);
      // The big computation was dropped: nothing replaces the small run later.
      await page.waitForTimeout(1500);
      expect(await appended(page)).toBe(small);
      expect(await page.locator('[data-testid=compute-error]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test(`rate ${BIG_RATE}/s: a progress bar shows, frames keep coming, and the big run appears`, async () => {
    const { page, errors } = await openApp();
    try {
      await watchFrames(page, 100_000);
      await page.fill('[data-testid="knob-producers.0.rate"]', BIG_RATE);
      const bar = page.locator('[data-testid=compute-progress]');
      await bar.waitFor({ timeout: 10_000 });
      const progress = page.locator('[data-testid=compute-progress] [role=progressbar]');
      expect(Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
      // Later the bar moves on (phases and percentages come from the worker).
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=compute-progress] [role=progressbar]')?.getAttribute('aria-valuenow')) >= 25, undefined, { timeout: 120_000 });
      expect(await bar.textContent()).toMatch(/\d+%/);
      await page.waitForFunction(() => (window as unknown as { __frames?: { done: boolean } }).__frames?.done === true, undefined, { timeout: 180_000, polling: 250 });
      const frames = (await page.evaluate('window.__frames')) as Frames;
      const total = await appended(page);
      const maxGap = Math.max(...frames.gaps);
      const computeText = (await page.textContent('[data-testid=editor-compute]')) ?? '';
      console.log(
        `worker: ${total.toLocaleString('en-US')} events, on screen ${Math.round(frames.arrivedAt - frames.started)} ms after the edit (${computeText.match(/[\d,]+ ms/)?.[0]}); ` +
          `${frames.gaps.length} frames while computing, max gap ${Math.round(maxGap)} ms; the arrival frame ${Math.round(frames.arrivalGap)} ms, then max ${Math.round(Math.max(...frames.after))} ms; ` +
          `gaps over 100 ms (at, gap): ${JSON.stringify(frames.long)}`,
      );
      expect(total).toBeGreaterThan(100_000);
      expect(frames.gaps.length).toBeGreaterThan(10);
      expect(maxGap).toBeLessThan(500);
      await bar.waitFor({ state: 'detached', timeout: 10_000 });
      await screenshot(page, 'worker-big-run');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
