/** Waiting on the lesson guide in browser tests (shared by lessons.test.ts and guide.test.ts). */
import type { Page } from 'playwright-core';

/** Waits until step k is on screen with playback stopped at exactly time `at`. */
export async function waitForStep(page: Page, k: number, at: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    ([step, t]) =>
      document.querySelector('[data-testid=guide]')?.getAttribute('data-step') === String(step) &&
      Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === t &&
      (document.querySelector('[data-testid=play]')?.textContent ?? '').includes('Play'),
    [k, at] as const,
    { timeout },
  );
}
