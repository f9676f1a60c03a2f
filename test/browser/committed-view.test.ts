/**
 * The committed view in a real browser (Debian's Chromium through playwright-core): opened at
 * 12 s, exactly-once-latency's streaming sink has written eu [5 s, 10 s) = 10 (at 11.8 s) but its
 * transaction commits only at the 20 s checkpoint (from `npm run sim -- scenarios/exactly-once-latency.json`).
 * The written view shows 10, marked not yet committed; switched with the keyboard to a reader of
 * committed data, the same cell says it commits at 20 s. The streaming card lists the failure at
 * 27 s and its cost. No console errors throughout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot, screenshot } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

describe('browser: the sink as a committed reader sees it', () => {
  test('exactly-once-latency at 12 s: eu [5 s, 10 s) is written (10) but not visible until 20 s', async () => {
    const scenario: unknown = JSON.parse(readFileSync(new URL('../../scenarios/exactly-once-latency.json', import.meta.url), 'utf8'));
    const encoded = encodeLink(scenario, { time: 12_000 });
    if (!encoded.ok) throw new Error(encoded.message);
    const { page, errors } = await openPage(session, { path: `#${encoded.fragment}` });
    try {
      await page.waitForFunction(() => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes('Exactly-once costs latency'), undefined, { timeout: 10_000 });
      const row = page.locator('[data-testid=result-row][data-key=eu][data-start="5000"][data-end="10000"]');
      await row.waitFor({ timeout: 15_000 });
      const cell = row.locator('[data-testid=cell-streaming]');

      // Everything written (the default): 10, emitted at 11.8 s, not yet committed.
      expect(await page.isChecked('[data-testid=sink-basis-written]')).toBe(true);
      expect(await cell.getAttribute('data-state')).toBe('value');
      // The marker sits before the value, so values stay lined up.
      expect((await cell.textContent())?.trim()).toMatch(/^not yet committed\s*10\s*✓$/);
      expect(await row.locator('[data-testid=uncommitted-streaming]').textContent()).toBe('not yet committed');
      expect(await page.textContent('[data-testid=sink-basis-note]')).toContain('transactional sink');

      // Keyboard only: focus the radio group and move to the committed reader.
      await page.focus('[data-testid=sink-basis-written]');
      await page.keyboard.press('ArrowRight');
      expect(await page.isChecked('[data-testid=sink-basis-committed]')).toBe(true);
      await page.waitForFunction(
        () => document.querySelector('[data-testid=result-row][data-key=eu][data-start="5000"][data-end="10000"] [data-testid=cell-streaming]')?.getAttribute('data-state') === 'pending-commit',
        undefined,
        { timeout: 5000 },
      );
      expect((await cell.textContent())?.trim()).toBe('10 · commits at 20 s');
      // [0 s, 5 s) was committed at the 10 s checkpoint: visible, 8 for eu.
      const first = page.locator('[data-testid=result-row][data-key=eu][data-start="0"][data-end="5000"] [data-testid=cell-streaming]');
      expect(await first.getAttribute('data-state')).toBe('value');
      expect((await first.textContent())?.trim()).toMatch(/^8\s*✓$/);

      // The streaming card: the failure at 27 s and the latency a committed reader pays.
      const recoveries = page.locator('[data-testid=recoveries-streaming]');
      expect(await recoveries.textContent()).toContain('Failed at 27 s, back at 30 s: restored the checkpoint of 20 s');
      expect(await recoveries.textContent()).toContain('re-read 30 · counted twice 0 · 4 results aborted');
      // Median from the arrival of the last record a window's first result covers (docs/semantics.md): first
      // visible p50 5,895 ms in `npm run -s sim -- scenarios/exactly-once-latency.json`.
      expect(await page.textContent('[data-testid=visible-latency-streaming]')).toMatch(/visible to committed readers after\s+5\.895 s/);

      await page.locator('[data-testid=sink-basis]').scrollIntoViewIfNeeded();
      await screenshot(page, 'committed-view');
      await page.locator('[data-testid=outputs]').screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'committed-view-outputs.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
