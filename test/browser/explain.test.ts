/**
 * Predict, observe, explain (issue 14), in a real browser: a small lesson of this test's own (so
 * it does not depend on the shipped lessons' wording) is opened from a link; the learner answers
 * the question, the run plays to the reveal, the learner picks the reason with the keyboard and
 * sees the verdict and the rule; the next question is labelled a remedy; an edited run hides the
 * explain step and grades nothing.
 */
import { describe, expect, test } from 'vitest';
import { screenshot } from './harness';
import { browserSession, openPage } from './session';
import { waitForStep } from './guide-steps';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

/**
 * One partition, count per 10 s tumbling window, Flink's watermark with bound 0 applied after
 * every record. By hand: the click at event time 12 s (arriving at 12 s) lifts the watermark to
 * 12 000 − 0 − 1 = 11 999 ≥ 9 999, so [0 s, 10 s) fires at 12 s with the two clicks at 1 s and
 * 5 s. The click with event time 3 s arrives at 14 s, after that firing; allowed lateness 0 drops
 * it, so the window stays at 2 (the batch truth, which sees all four clicks, is 3).
 */
const scenario = {
  version: 1,
  id: 'explain-walk',
  title: 'One late click',
  description: 'Four clicks of one key; the last one is late.',
  seed: 1,
  duration: 20_000,
  topic: { partitions: 1 },
  producers: [
    {
      id: 'web',
      type: 'scripted',
      entries: [
        { key: 'a', value: 1, eventTime: 1000, arrivalTime: 1000 },
        { key: 'a', value: 1, eventTime: 5000, arrivalTime: 5000 },
        { key: 'a', value: 1, eventTime: 12_000, arrivalTime: 12_000 },
        { key: 'a', value: 1, eventTime: 3000, arrivalTime: 14_000 },
      ],
    },
  ],
  processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: 0 }, allowedLateness: 0, aggregate: 'count' },
  lesson: {
    steps: [
      {
        at: 2000,
        text: 'Clicks arrive at 1 s, 5 s and 12 s. At 14 s a click with event time 3 s arrives.',
        question: {
          prompt: 'What does the streaming sink finally hold for [0 s, 10 s)?',
          choices: ['2: the click at 3 s is dropped as late', '3: it is added to the window', '3, in a second firing marked late'],
          answer: 0,
          explanation: 'The window fired at 12 s with 2; the click at 3 s came after and went to the side output.',
          revealAt: 15_000,
          explain: {
            prompt: 'Why was the click at 3 s left out?',
            choices: [
              "The watermark (11.999 s) had passed the window's end and allowed lateness is 0",
              'The topic discards events older than the newest one',
              'The window can hold only two clicks',
            ],
            answer: 0,
            explanation: 'A Flink window fires once the watermark reaches its end − 1 ms; with allowed lateness 0 its state is then gone, so any later record for it is late and dropped.',
          },
        },
      },
      {
        at: 16_000,
        text: 'Keep it next time.',
        question: {
          prompt: 'Which knob would count it, and at what cost?',
          kind: 'remedy',
          choices: ['Allowed lateness of 5 s: a late firing corrects the window; its state is kept 5 s longer', 'A second partition', 'A longer run'],
          answer: 0,
          explanation: 'Allowed lateness keeps a fired window open to late records until the watermark passes its end plus the lateness.',
        },
      },
      { at: 19_000, text: 'The end.' },
    ],
  },
};

describe('browser: predict, observe, explain', () => {
  test('a question is answered, revealed, then explained with the keyboard; the verdict gives the rule', async () => {
    const encoded = encodeLink(scenario, { time: 0 });
    if (!encoded.ok) throw new Error(encoded.message);
    const { page, errors } = await openPage(session, { path: `#${encoded.fragment}` });
    try {
      await page.waitForSelector('[data-testid=guide]');
      await page.selectOption('[data-testid=speed]', '10');
      await page.click('[data-testid=guide-next]'); // Start: step 1 at 2 s
      await waitForStep(page, 0, 2000);
      expect(await page.textContent('[data-testid=guide-question-tag]')).toBe('Predict');
      expect(await page.locator('[data-testid=guide-explain]').count()).toBe(0);

      // Predict, then the run plays to the reveal at 15 s and stops there.
      await page.click('[data-testid=guide-choice-0]');
      await page.waitForSelector('[data-testid=guide-reveal]', { timeout: 30_000 });
      await waitForStep(page, 0, 15_000);
      expect(await page.getAttribute('[data-testid=guide-reveal]', 'data-correct')).toBe('true');
      // The engine agrees with the lesson: [0 s, 10 s) holds 2 in streaming.
      const cell = page.locator('[data-testid=result-row][data-key=a][data-start="0"][data-end="10000"] [data-testid=cell-streaming]');
      expect((await cell.textContent())?.trim()).toMatch(/^2\b/);

      // Explain: a radio group of three reasons, nothing picked, Check disabled.
      const explainBox = page.locator('[data-testid=guide-explain]');
      await explainBox.waitFor();
      expect(await explainBox.textContent()).toContain('Why was the click at 3 s left out?');
      expect(await page.locator('[data-testid=guide-explain] [role=radio]').count()).toBe(3);
      expect(await page.isDisabled('[data-testid=guide-explain-check]')).toBe(true);
      await screenshot(page, 'explain-asked');

      // Keyboard only: arrows move the pick (and focus), Space picks without playing, Enter answers.
      await page.focus('[data-testid=guide-reason-0]');
      await page.keyboard.press('ArrowDown');
      expect(await page.getAttribute('[data-testid=guide-reason-1]', 'aria-checked')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('guide-reason-1');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press(' ');
      expect(await page.getAttribute('[data-testid=guide-reason-0]', 'aria-checked')).toBe('true');
      expect(await page.textContent('[data-testid=play]')).toContain('Play'); // Space stayed the radio's
      await page.keyboard.press('Enter');

      const verdict = page.locator('[data-testid=guide-explain-verdict]');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-correct')).toBe('true');
      const said = (await verdict.textContent()) ?? '';
      expect(said).toContain('Right reason');
      expect(said).toContain("The watermark (11.999 s) had passed the window's end");
      expect(said).toContain('its state is then gone');
      expect(await page.getAttribute('[data-testid=guide-reason-0]', 'aria-disabled')).toBe('true');
      expect(await page.locator('[data-testid=guide-explain-check]').count()).toBe(0);
      await screenshot(page, 'explain-answered');

      // The next question is a remedy, and says so.
      await page.click('[data-testid=guide-next]');
      await waitForStep(page, 1, 16_000);
      expect(await page.textContent('[data-testid=guide-question-tag]')).toBe('Remedy');
      expect(await page.getAttribute('[data-testid=guide-question]', 'data-kind')).toBe('remedy');

      // Back at the first question, then an edit: the explain step is hidden and nothing is graded.
      await page.click('[data-testid=guide-prev]');
      await waitForStep(page, 0, 2000);
      const knob = page.locator('[data-testid="knob-processor.allowedLateness"]');
      await knob.fill('5000');
      await knob.press('Enter');
      await page.waitForSelector('[data-testid=guide-not-graded]', { timeout: 10_000 });
      expect(await page.locator('[data-testid=guide-explain]').count()).toBe(0);
      expect(await page.locator('[data-testid=guide-reveal]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('a wrong reason is marked and the right one named, with the mouse', async () => {
    const encoded = encodeLink(scenario, { time: 0 });
    if (!encoded.ok) throw new Error(encoded.message);
    const { page, errors } = await openPage(session, { path: `#${encoded.fragment}`, viewport: { width: 1280, height: 720 } });
    try {
      await page.waitForSelector('[data-testid=guide]');
      await page.selectOption('[data-testid=speed]', '10');
      await page.click('[data-testid=guide-next]');
      await waitForStep(page, 0, 2000);
      await page.click('[data-testid=guide-choice-1]'); // a wrong prediction: the explain step still follows
      await page.waitForSelector('[data-testid=guide-explain]', { timeout: 30_000 });
      await page.click('[data-testid=guide-reason-2]');
      await page.click('[data-testid=guide-explain-check]');
      const verdict = page.locator('[data-testid=guide-explain-verdict]');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-correct')).toBe('false');
      expect(await verdict.textContent()).toContain("The reason is “The watermark (11.999 s) had passed the window's end and allowed lateness is 0”");
      expect((await page.textContent('[data-testid=guide-reason-2]'))?.startsWith('✗')).toBe(true);
      expect((await page.textContent('[data-testid=guide-reason-0]'))?.startsWith('✓')).toBe(true);
      await screenshot(page, 'explain-wrong-1280');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
