/**
 * The same scenario gives the same bytes in Chromium as in Node: each mode's results, as the
 * page exports them, equal what the engine writes headless for the same file. And a hostile file
 * (markup and script in its keys and title) is imported as text, never run.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { collectConsoleErrors } from './harness';
import { browserSession } from './session';
import { createRun, resultsJson, validateScenario } from '../../src/engine/index';

const session = browserSession();

async function openApp(): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const { app, browser } = session;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const errors = collectConsoleErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(app.url);
  await page.waitForSelector('[data-testid=app-ready]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=io]');
  return { page, errors, dialogs };
}

/** Node's bytes for a shipped scenario's results in one mode. */
function nodeResults(file: string, mode: 'batch' | 'microbatch' | 'streaming'): string {
  const loaded = validateScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8')));
  if (!loaded.ok) throw new Error(`scenarios/${file}.json is not valid`);
  const run = createRun(loaded.scenario);
  run.advanceTo(run.endTime);
  return resultsJson(run, mode);
}

describe('browser: determinism and hostile files', () => {
  test.each(['clicks', 'late-ctr', 'dataflow-by-hand'])(
    '%s: every mode\'s exported results are byte-identical to Node\'s',
    async (id) => {
      const { page, errors } = await openApp();
      try {
        if (id !== 'clicks') {
          await page.selectOption('[data-testid=scenario-picker]', id);
          await page.waitForFunction((title) => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes(title), JSON.parse(readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8')).title as string);
        }
        for (const mode of ['batch', 'microbatch', 'streaming'] as const) {
          const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-results-${mode}-json]`)]);
          const browserBytes = readFileSync(await download.path(), 'utf8');
          expect(browserBytes.length).toBeGreaterThan(50);
          expect(browserBytes).toBe(nodeResults(id, mode));
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    120_000,
  );

  test('a CSV and a scenario file full of markup and script are imported as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-hostile-'));
    const payload = '<img src=x onerror="window.__pwned=1">';
    const csv = join(dir, 'hostile.csv');
    // Quotes inside a quoted CSV field are doubled (RFC 4180).
    writeFileSync(csv, `key,value,eventTime\n"${payload.replace(/"/g, '""')}",1,1000\n"<script>window.__pwned=2</script>",2,2000\n`);
    const scenario = join(dir, 'hostile.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        version: 1,
        title: `Title ${payload}`,
        description: '<script>window.__pwned=3</script>',
        producers: [{ id: 's', type: 'scripted', entries: [{ key: payload, value: 1, eventTime: 0 }] }],
      }),
    );
    const { page, errors, dialogs } = await openApp();
    try {
      await page.click('[data-testid=play]');
      await page.setInputFiles('[data-testid=import-file]', csv);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total')) === 2, undefined, { timeout: 20_000 });
      await page.setInputFiles('[data-testid=import-file]', scenario);
      await page.waitForFunction((t) => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes(t), `Title ${payload}`, { timeout: 20_000 });
      // Scrub to the end so keys show in the outputs, then check nothing ran and no markup was built.
      await page.$eval('[data-testid=scrubber]', (el) => {
        const input = el as HTMLInputElement;
        input.value = input.max;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img[src=x]').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
