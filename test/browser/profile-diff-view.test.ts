/**
 * Semantics profiles in a real browser (Debian's Chromium through playwright-core): the compare
 * view lists the one window where Flink and Kafka Streams disagree on a hand-worked script, with
 * the engine's rule sentence; the same profile on both sides is called out; the editor's
 * profile picker re-runs streaming under another engine's rules and the cards say whose; and
 * Beam's afterWatermark trigger is validated where it is typed. No console errors throughout.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot, screenshot } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';
import { join } from 'node:path';

/**
 * Worked by hand: three events of key "a" in the tumbling window [0, 10 s), then a watermark
 * past its end. Flink waits for the watermark and emits the count once (3); Kafka Streams,
 * without suppress, emits an updated count for every record (1, 2, 3). Same final value,
 * three results against one: the window differs.
 */
const SCRIPT = {
  version: 1,
  id: 'profiles-by-hand',
  title: 'Three events, two engines',
  topic: { partitions: 1 },
  producers: [
    {
      id: 'script',
      type: 'scripted',
      entries: [
        { key: 'a', value: 1, eventTime: 1000, arrivalTime: 1 },
        { key: 'a', value: 1, eventTime: 2000, arrivalTime: 2 },
        { key: 'a', value: 1, eventTime: 3000, arrivalTime: 3 },
        { watermark: 20_000, arrivalTime: 4 },
      ],
    },
  ],
  processor: {
    window: { type: 'tumbling', size: 10_000 },
    watermark: { type: 'punctuated' },
    aggregate: 'count',
    trigger: 'onWatermark',
  },
};

const session = browserSession();

async function openScript(): Promise<{ page: Page; errors: string[] }> {
  const encoded = encodeLink(SCRIPT);
  if (!encoded.ok) throw new Error(encoded.message);
  const { page, errors } = await openPage(session, { path: `#${encoded.fragment}` });
  await page.waitForFunction((title) => document.querySelector('[data-testid=scenario-title]')?.textContent?.includes(title), SCRIPT.title, { timeout: 10_000 });
  await page.waitForSelector('[data-testid=profile-compare]');
  return { page, errors };
}

describe('browser: semantics profiles', () => {
  test('the compare view lists the window Flink and Kafka Streams disagree on, with the rule', async () => {
    const { page, errors } = await openScript();
    try {
      // A starts on the scenario's own profile (the default, Flink), B on Kafka Streams.
      expect(await page.inputValue('[data-testid=compare-a]')).toBe('flink');
      expect(await page.inputValue('[data-testid=compare-b]')).toBe('kafka-streams');
      expect(await page.textContent('[data-testid=compare-idle]')).toContain('Press Compare');

      // Keyboard only: focus the button and press Enter.
      await page.focus('[data-testid=compare-run]');
      await page.keyboard.press('Enter');
      const summary = page.locator('[data-testid=compare-summary]');
      await summary.waitFor({ timeout: 15_000 });
      expect(await summary.textContent()).toMatch(/1 of 1 windows\s+differ between Flink and Kafka Streams/);
      expect(await summary.textContent()).toMatch(/Dropped as late: Flink 0, Kafka Streams 0/);

      const rows = page.locator('[data-testid=compare-row]');
      expect(await rows.count()).toBe(1);
      const row = rows.first();
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toContain('[0 ms, 10.000 s)');
      expect(cells[1]).toBe('a');
      expect(cells[2]).toBe('3');
      // Flink: final 3 from one result; Kafka Streams: final 3 from three.
      expect(cells[3]).toContain('3');
      expect(cells[4].trim()).toBe('1');
      expect(cells[5]).toContain('3');
      expect(cells[6].trim()).toBe('3');
      expect(await row.locator('[data-testid=compare-rule]').textContent()).toContain('Kafka Streams');

      // A row selects its window for the inspector.
      await row.locator('button').click();
      expect(await row.locator('tr').first().getAttribute('aria-selected')).toBe('true');

      await page.locator('[data-testid=profile-compare]').scrollIntoViewIfNeeded();
      await screenshot(page, 'compare-flink-kafka-streams');
      await page.locator('[data-testid=outputs]').screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'compare-outputs-panel.png') });

      // The same profile on both sides is said, not computed.
      await page.selectOption('[data-testid=compare-b]', 'flink');
      const same = page.locator('[data-testid=compare-same]');
      await same.waitFor({ timeout: 5000 });
      expect(await same.textContent()).toContain('both Flink');
      expect(await page.isDisabled('[data-testid=compare-run]')).toBe(true);
      expect(await page.locator('[data-testid=compare-table]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  test('the editor picks the streaming profile; suppress and Beam\'s trigger are knobs, validated in place', async () => {
    const { page, errors } = await openScript();
    try {
      expect(await page.textContent('[data-testid=mode-summary-streaming] h3')).toContain('Streaming (Flink rules)');
      expect(await page.textContent('[data-testid=microbatch-semantics]')).toContain('Spark');
      expect(await page.locator('[data-testid="knob-processor.suppress"]').count()).toBe(0);

      await page.selectOption('[data-testid="knob-processor.semantics"]', 'kafka-streams');
      await page.waitForFunction(() => document.querySelector('[data-testid=mode-summary-streaming] h3')?.textContent?.includes('Kafka Streams rules'), undefined, { timeout: 10_000 });
      // Suppress applies to Kafka Streams only, so it appears now; compare A follows the scenario.
      await page.locator('[data-testid="knob-processor.suppress"]').waitFor({ timeout: 5000 });
      await page.selectOption('[data-testid="knob-processor.suppress"]', 'untilWindowCloses');
      expect(await page.inputValue('[data-testid=compare-a]')).toBe('kafka-streams');
      expect(await page.inputValue('[data-testid=compare-b]')).toBe('flink');

      // Beam's afterWatermark trigger with early panes every N elements; 0 elements is refused in place.
      await page.selectOption('[data-testid="knob-processor.semantics"]', 'beam');
      await page.selectOption('[data-testid="knob-processor.trigger"]', 'afterWatermark');
      await page.selectOption('[data-testid="knob-processor.trigger.early"]', 'elementCountAtLeast');
      await page.fill('[data-testid="knob-processor.trigger.early.count"]', '0');
      const message = page.locator('[data-testid="error-processor.trigger.early.count"]');
      await message.waitFor({ timeout: 10_000 });
      expect(await message.textContent()).toMatch(/must be >= 1/);
      await page.fill('[data-testid="knob-processor.trigger.early.count"]', '2');
      await message.waitFor({ state: 'detached', timeout: 10_000 });
      await page.selectOption('[data-testid="knob-processor.trigger.late"]', 'processingTimeAfterFirstElementInPane');
      await page.locator('[data-testid="knob-processor.trigger.late.delay"]').waitFor({ timeout: 5000 });
      expect(await page.locator('[data-testid=editor-issues]').count()).toBe(0);
      await page.locator('[data-testid=editor-section-processor]').scrollIntoViewIfNeeded();
      await screenshot(page, 'compare-editor-beam-trigger');
      await page.locator('[data-testid=editor-section-processor]').screenshot({ path: join(projectRoot, 'test-results', 'screenshots', 'compare-editor-processor.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
