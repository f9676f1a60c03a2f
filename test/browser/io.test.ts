/**
 * The "Your events, import and export" panel in a real browser: a CSV with a bad row is
 * refused naming the row, a good CSV runs to the same sink counts as the engine computes for
 * the same events, notation errors name their line, and the exports download files that
 * start as they should.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, scrubTo } from './harness';
import { browserSession, openPage } from './session';
import { createRun, parseCsvEvents, scenarioFromEvents, validateScenario, type Run } from '../../src/engine/index';

const fixturePath = (name: string) => new URL(`../fixtures/import/${name}`, import.meta.url).pathname;

const session = browserSession();

async function openApp(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(session, { acceptDownloads: true });
  await opened.page.waitForSelector('[data-testid=io]');
  return opened;
}

/** What the app should compute for good.csv: the same events with the default scenario's pipeline. */
function importedRun(): Run {
  const parsed = parseCsvEvents(readFileSync(fixturePath('good.csv'), 'utf8'));
  if (!parsed.ok) throw new Error('good.csv does not parse');
  const clicks: unknown = JSON.parse(readFileSync(new URL('../../scenarios/clicks.json', import.meta.url), 'utf8'));
  const result = validateScenario(scenarioFromEvents(parsed.entries, clicks));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const run = createRun(result.scenario);
  run.advanceTo(run.endTime);
  return run;
}

async function pauseAndScrubTo(page: Page, t: number): Promise<void> {
  if ((await page.textContent('[data-testid=play]'))?.includes('Pause')) await page.click('[data-testid=play]');
  await scrubTo(page, t);
}

describe('browser: your events, import and export', () => {
  test('a CSV with a bad row is refused, naming the row', async () => {
    const { page, errors } = await openApp();
    try {
      await page.setInputFiles('[data-testid=import-file]', fixturePath('bad-row.csv'));
      // The header is row 1, so the sixth event (eventTime "12s") is row 7.
      await page.waitForSelector('[data-testid=import-errors]');
      expect(await page.textContent('[data-testid=import-errors]')).toContain('row 7: eventTime: must be an integer number of ms');
      // The default scenario stays on screen.
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Click events into a partitioned topic');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('a good CSV runs to the same sink counts as the engine gives for the same events', async () => {
    const expected = importedRun();
    const { page, errors } = await openApp();
    try {
      await page.setInputFiles('[data-testid=import-file]', fixturePath('good.csv'));
      await page.waitForSelector('[data-testid=import-note]');
      expect(await page.textContent('[data-testid=import-note]')).toContain('Imported 6 events from good.csv');
      expect(await page.textContent('[data-testid=scenario-title]')).toContain('Events from good.csv');
      await pauseAndScrubTo(page, expected.endTime);
      for (const mode of ['batch', 'microbatch', 'streaming'] as const) {
        const shown = Number(await page.getAttribute(`[data-testid=sink-${mode}]`, 'data-results'));
        const results = expected.modes[mode]?.results ?? [];
        expect(results.length).toBeGreaterThan(0);
        expect(shown, mode).toBe(results.filter((r) => r.emittedAt <= expected.endTime).length);
      }
      // The notation editor now shows the imported producer's entries.
      expect(await page.inputValue('[data-testid=notation]')).toContain('page-1 7 3s @15s #late-1');
      await screenshot(page, 'io-imported-csv');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('notation with an error names the line; a valid script is applied', async () => {
    const { page, errors } = await openApp();
    try {
      await page.fill('[data-testid=notation]', '# two events\npage-1 1 1s\npage-2 1 soon\n');
      await page.click('[data-testid=notation-apply]');
      await page.waitForSelector('[data-testid=notation-errors]');
      expect(await page.textContent('[data-testid=notation-errors]')).toContain('line 3: eventTime: must be a number of ms or a time like 12s');
      expect(await page.getAttribute('[data-testid=notation]', 'aria-invalid')).toBe('true');

      await page.fill('[data-testid=notation]', '# two events\npage-1 1 1s\npage-2 1 2s\n');
      await page.click('[data-testid=notation-apply]');
      await page.waitForSelector('[data-testid=notation-errors]', { state: 'detached' });
      expect(await page.getAttribute('[data-testid=notation]', 'aria-invalid')).toBe('false');
      // The script is added next to the generated producer, and the text keeps its comment.
      expect(await page.inputValue('[data-testid=notation]')).toContain('# two events');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('exports download a results CSV with its header, and the chart as SVG and PNG', async () => {
    const { page, errors } = await openApp();
    try {
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-results-streaming-csv]')]);
      expect(csv.suggestedFilename()).toBe('clicks-streaming-results.csv');
      const text = readFileSync(await csv.path(), 'utf8');
      expect(text.startsWith('key,windowStart,windowEnd,value,firing,emittedAt,watermark,retraction\r\n')).toBe(true);

      const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-chart-svg]')]);
      const svgText = readFileSync(await svg.path(), 'utf8');
      expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      // The dots canvas travels as an embedded PNG; the axis titles as text.
      expect(svgText).toContain('data:image/png;base64,');
      expect(svgText).toContain('event time: when it happened');

      const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-chart-png]')]);
      const bytes = readFileSync(await png.path());
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

      const [scenario] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-scenario]')]);
      expect((JSON.parse(readFileSync(await scenario.path(), 'utf8')) as { id: string }).id).toBe('clicks');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
