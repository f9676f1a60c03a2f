/**
 * The pipeline figure's watermarks and producers in a real browser (Debian's Chromium through
 * playwright-core):
 * - four-engines at 7 s: the processor's watermark reads 10.499 s exactly (12,500 - 2,000 - 1),
 *   never rounded to 10.5 s;
 * - idle-partition: each partition lane shows its own watermark from the engine, the one holding
 *   the minimum is marked, and partition 2 is badged idle once its idle timeout has run out;
 * - a producer that has sent everything it will send reads "done", not "online".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot, scrubTo } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

async function openAt(file: string, time: number): Promise<{ page: Page; errors: string[] }> {
  const scenario: unknown = JSON.parse(readFileSync(join(projectRoot, 'scenarios', file), 'utf8'));
  const encoded = encodeLink(scenario, { time });
  if (!encoded.ok) throw new Error(encoded.message);
  const opened = await openPage(session, { path: `#${encoded.fragment}`, readyTimeout: 90_000 });
  await opened.page.waitForFunction((t) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === t, time, { timeout: 30_000 });
  await opened.page.waitForSelector('[data-testid=processor]');
  return opened;
}

async function shotOf(page: Page, name: string) {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  await page.locator('[data-testid=pipeline]').screenshot({ path: join(dir, `${name}.png`) });
}

describe('browser: the pipeline figure', () => {
  test('four-engines at 7 s: the watermark reads 10.499 s, not rounded', async () => {
    const { page, errors } = await openAt('four-engines.json', 7000);
    try {
      // t = 12.5 s read at 6.5 s; the 6.6 s tick: 12,500 - 2,000 - 1 = 10,499 (its lesson: "12.5 s: 10,499").
      expect(await page.textContent('[data-testid=processor]')).toContain('watermark 10.499 s');
      expect(await page.textContent('[data-testid=processor]')).not.toContain('10.5 s');
      await shotOf(page, 'pipeline-four-engines-10499');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);

  test('idle-partition: a producer past its stop reads done', async () => {
    // partner stops at 20 s (its `stop`); web runs to the end (60 s). With three producers (the
    // lesson's export joins at 40 s) the boxes are too short for the "online" line, so web is
    // checked by what it must not say.
    const { page, errors } = await openAt('idle-partition.json', 30_000);
    try {
      const partner = (await page.textContent('[data-testid=producer-partner]')) ?? '';
      expect(partner).toContain('done');
      expect(partner).not.toContain('online');
      expect(await page.textContent('[data-testid=producer-web]')).not.toContain('done');
      await shotOf(page, 'pipeline-idle-partition-30s');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);

  test('idle-partition: each lane shows its own watermark; partition 2 holds the minimum, then goes idle', async () => {
    const { page, errors } = await openAt('idle-partition.json', 25_000);
    try {
      // At 25 s partition 2's last record (t = 19,889) is 5 s old: 19,889 − 1,000 − 1 = 18,888, the lowest.
      const lane2 = page.locator('[data-testid=lane-watermark-2]');
      expect(await lane2.getAttribute('data-ms')).toBe('18888');
      expect(await lane2.getAttribute('data-holding')).toBe('true');
      expect(await lane2.textContent()).toContain('wm 18.888 s = min');
      for (const p of [0, 1]) {
        const lane = page.locator(`[data-testid=lane-watermark-${p}]`);
        expect(Number(await lane.getAttribute('data-ms'))).toBeGreaterThan(18_888);
        expect(await lane.getAttribute('data-holding')).toBe('false');
      }
      // The header's streaming watermark is the same minimum.
      expect(await page.getAttribute('[data-testid=watermark]', 'data-ms')).toBe('18888');
      await shotOf(page, 'pipeline-idle-partition-25s');

      // After the 10 s idle timeout (the lesson: the watermark jumps at 30.4 s) partition 2 is idle.
      await scrubTo(page, 31_000);
      expect(await lane2.getAttribute('data-idle')).toBe('true');
      expect(await lane2.getAttribute('data-holding')).toBe('false');
      expect(await lane2.textContent()).toContain('idle');
      await shotOf(page, 'pipeline-idle-partition-31s');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);
});
