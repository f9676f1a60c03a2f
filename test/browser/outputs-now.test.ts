/**
 * What the outputs, metrics and event-time chart show "now", in a real browser (issue 13):
 * the results table lists the windows the engine has closed by now (not those whose event-time
 * end is below processing time), the value chart fits its y-axis to the values, latencies are
 * never negative, the mode cards count windows as of now and label end-of-run totals as such,
 * sink labels are not cut off, and the chart draws the allowed-lateness horizon.
 * Numbers come from `npm run -s sim -- scenarios/<file>` and are derived beside each check.
 */
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { projectRoot } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

function scenarioLink(file: string, time: number): string {
  const scenario: unknown = JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
  const encoded = encodeLink(scenario, { time });
  if (!encoded.ok) throw new Error(encoded.message);
  return `#${encoded.fragment}`;
}

async function open(file: string, time: number): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(session, { path: scenarioLink(file, time) });
  await opened.page.waitForFunction((ms) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === ms, time, { timeout: 15_000 });
  await opened.page.waitForSelector('[data-testid=results-table]', { timeout: 15_000 });
  return opened;
}

/** Opens a scenario at a time, runs the checks, and expects no console errors. */
async function at(file: string, time: number, checks: (page: Page) => Promise<void>): Promise<void> {
  const { page, errors } = await open(file, time);
  try {
    await checks(page);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

/** A picture of one element, to look at. */
async function shot(target: Locator, name: string): Promise<void> {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: join(dir, `${name}.png`) });
}

describe('browser: outputs as of now', () => {
  test('four-engines at 12 s: the table lists [0 s, 10 s), which the watermark 10,499 closed at 6.6 s', async () => {
    // Event times run ahead of processing time here: at 12 s the window end 20,000 ms of event
    // time is still ahead of 12,000 ms, which once emptied the table. Flink's watermark reaches
    // 12,500 - 2,001 = 10,499 at 6,600, so [0, 10 s) is closed by 12 s; [10 s, 20 s) fired at
    // 12,000 (end of input) and batch ran at 12,000: it is closed too.
    await at('four-engines.json', 12_000, async (page) => {
      const rows = page.locator('[data-testid=result-row]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-row]').length > 0, undefined, { timeout: 5000 }).catch(() => undefined);
      expect(await page.locator('[data-testid=result-row][data-start="0"][data-end="10000"]').count()).toBe(1);
      expect(await rows.count()).toBe(2);
      await shot(page.locator('[data-testid=results-table]'), 'outputs-now-four-engines-table');
    });
  }, 60_000);

  test('late-ctr: the value chart fits 0.037 to 0.064 instead of 0 to 1', async () => {
    // ad-A [0 s, 10 s): streaming 0.037, 0.046, 0.055, truth 0.064 (npm run -s sim). The y-axis
    // must span about that range: no tick above 0.1 and none below 0.02.
    await at('late-ctr.json', 20_000, async (page) => {
      const chart = page.locator('[data-testid=value-chart]');
      await chart.waitFor();
      expect(await chart.textContent()).toContain('ad-A');
      const ticks = (await chart.locator('[data-testid=value-y-axis] .tick text').allTextContents()).map(Number);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...ticks)).toBeLessThanOrEqual(0.1);
      expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0.02);
      expect(new Set(ticks).size).toBe(ticks.length);
      await shot(chart, 'outputs-now-late-ctr-value-chart');
    });
  }, 60_000);

  test('four-engines: no latency is negative', async () => {
    // Streaming's first result for [0 s, 10 s) comes at 6,600, when its event-time end (10,000)
    // is still ahead: event time minus processing time would be negative. Measured from the
    // arrival of the last record it covers (t=9.5 s at 5,500), it is 1,100 ms; [10 s, 20 s) at
    // 12,000 over 12.5 s (6,500): 5,500 ms. The median of [1,100, 5,500] is element 1: 5,500.
    await at('four-engines.json', 10_000, async (page) => {
      const card = page.locator('[data-testid=mode-summary-streaming]');
      const text = (await card.textContent()) ?? '';
      expect(text).not.toMatch(/[−-]\d/);
      expect(await card.locator('[data-testid=latency-p50]').textContent()).toBe('5.500 s');
      await shot(page.locator('[data-testid=mode-summary-streaming]'), 'outputs-now-four-engines-card');
    });
  }, 60_000);

  test('late-ctr at 12 s: the cards count windows as of now; the end-of-run totals are labelled', async () => {
    // By 12 s streaming has emitted ad-A [0 s, 10 s) 0.037 (truth 0.064) and ad-C 0.048 then 0.06
    // (truth 0.083): 0 exact, 2 wrong. Micro-batch emits nothing before its 20 s batch: 0 and 0.
    // By the end of the run streaming has 8 exact and 4 wrong (the CLI's divergence summary).
    await at('late-ctr.json', 12_000, async (page) => {
      const card = page.locator('[data-testid=mode-summary-streaming]');
      expect(await card.locator('[data-testid=now-exact]').textContent()).toContain('0');
      expect(await card.locator('[data-testid=now-wrong]').textContent()).toContain('2');
      expect(await page.locator('[data-testid=mode-summary-microbatch] [data-testid=now-wrong]').textContent()).toContain('0');
      const totals = card.locator('[data-testid=end-totals]');
      expect(await totals.isVisible()).toBe(false);
      await card.locator('[data-testid=end-totals-toggle]').click();
      expect(await totals.textContent()).toContain('By the end of the run: 8 exact · 4 wrong · 0 missing');
      await shot(page.locator('[data-testid=mode-summary-streaming]'), 'outputs-now-late-ctr-cards');
    });
  }, 60_000);

  test('consumer-crash at 25 s: metrics show nothing redelivered yet and no end-of-run 33 in view', async () => {
    // The crash is at 27 s; the 33 redeliveries come after it (CLI counters: redelivered 33).
    await at('consumer-crash.json', 25_000, async (page) => {
      const metrics = page.locator('[data-testid=metrics]');
      const tile = page.locator('[data-testid=counter-redelivered]');
      expect(await tile.getAttribute('data-value')).toBe('0');
      expect(await metrics.innerText()).not.toMatch(/\b33\b/);
      await shot(metrics, 'outputs-now-consumer-crash-metrics');
    });
  }, 60_000);

  test('late-ctr at 13 s: the streaming sink label is not cut off', async () => {
    // Streaming's latest result by 13 s is ad-C [0 s, 10 s) = 0.071, a late firing at 12,948.
    await at('late-ctr.json', 13_000, async (page) => {
      const sink = page.locator('[data-testid=sink-streaming]');
      const text = (await sink.textContent()) ?? '';
      expect(text).toContain('ad-C');
      expect(text).toContain('0.071');
      expect(text).not.toContain('…');
      await shot(page.locator('[data-testid=pipeline]'), 'outputs-now-late-ctr-sinks');
    });
  }, 60_000);

  test('late-ctr: the event-time chart draws watermark − allowed lateness (5 s); four-engines (lateness 0) does not', async () => {
    await at('late-ctr.json', 30_000, async (page) => {
      const chart = page.locator('[data-testid=event-time-chart]');
      const horizon = chart.locator('[data-testid=lateness-horizon]');
      await horizon.waitFor({ state: 'attached' });
      expect(((await horizon.getAttribute('d')) ?? '').length).toBeGreaterThan(5);
      expect(await chart.locator('[data-testid=legend-horizon]').textContent()).toContain('allowed lateness 5 s');
      await shot(chart, 'outputs-now-late-ctr-horizon');
    });
    await at('four-engines.json', 10_000, async (page) => {
      expect(await page.locator('[data-testid=lateness-horizon]').count()).toBe(0);
    });
  }, 90_000);
});
