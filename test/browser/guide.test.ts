/**
 * The lesson guide as a first-time user meets it (issue 13): an edited lesson says its numbers are
 * the lesson's own run's and grades nothing; the highlight never covers the sticky guide; Next
 * always moves to the next step and its time; a question waits for its answer or a skip; Start
 * goes straight to the first step. Times and texts come from scenarios/*.json, so a rewritten
 * lesson does not need this file changed; the few fixed numbers say where they come from.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot } from './harness';
import { browserSession, openPage } from './session';
import { waitForStep } from './guide-steps';
import { encodeLink, validateScenario, type Lesson } from '../../src/engine/index';

const session = browserSession();

function shipped(id: string): { document: Record<string, unknown>; lesson: Lesson } {
  const document = JSON.parse(readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const result = validateScenario(document);
  if (!result.ok || !result.scenario.lesson) throw new Error(`scenarios/${id}.json is not a valid lesson`);
  return { document, lesson: result.scenario.lesson };
}

const timeMs = async (page: Page) => Number(await page.getAttribute('[data-testid=time]', 'data-ms'));
const isPaused = async (page: Page) => ((await page.textContent('[data-testid=play]')) ?? '').includes('Play');

async function startLesson(page: Page, id: string, speed: string | null = '10'): Promise<void> {
  await page.click('[data-testid=open-library]');
  await page.click(`[data-testid="start-lesson-${id}"]`);
  await page.waitForSelector('[data-testid=guide]');
  if (speed !== null) await page.selectOption('[data-testid=speed]', speed);
}

/** From the introduction (or step 0), presses Next until step k is on screen at its time. */
async function goToStep(page: Page, lesson: Lesson, k: number): Promise<void> {
  for (;;) {
    const now = Number(await page.getAttribute('[data-testid=guide]', 'data-step'));
    if (now >= k) break;
    await page.click('[data-testid=guide-next]');
    await waitForStep(page, now + 1, lesson.steps[now + 1].at);
  }
}

/** A screenshot of what the viewport shows (the sticky guide and the fixed highlight as a user sees them). */
async function viewportShot(page: Page, name: string): Promise<void> {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

describe('browser: the guide', () => {
  test('an edited lesson marks its numbers as the original run, grades nothing, and goes back', async () => {
    const { document, lesson } = shipped('late-ctr');
    // Step 3 ("then 6/109 = 0.055") asks about the 7th click; the issue's repro edits allowed lateness to 20000.
    const k = lesson.steps.findIndex((s) => s.question !== undefined && s.at > 12_000);
    expect(k).toBeGreaterThan(0);
    const { page, errors } = await openPage(session);
    try {
      await startLesson(page, 'late-ctr');
      expect(await page.locator('[data-testid=guide-edited]').count()).toBe(0);
      const knob = page.locator('[data-testid="knob-processor.allowedLateness"]');
      await knob.fill('20000');
      await knob.press('Enter');
      await page.waitForSelector('[data-testid=guide-edited]', { timeout: 10_000 });
      await goToStep(page, lesson, k);
      const note = (await page.textContent('[data-testid=guide-edited]')) ?? '';
      expect(note).toMatch(/changed/i);
      expect(note).toMatch(/lesson's own run/);
      // The step text is labelled as the original run's, and the question is shown but cannot be graded.
      expect(await page.textContent('[data-testid=guide-text]')).toContain(lesson.steps[k].text);
      expect(await page.getAttribute('[data-testid=guide-text]', 'data-original')).toBe('true');
      expect(await page.locator('[data-testid=guide-question]').count()).toBe(1);
      expect(await page.isDisabled('[data-testid=guide-choice-1]')).toBe(true);
      expect(await page.textContent('[data-testid=guide-not-graded]')).toMatch(/not graded/i);
      await viewportShot(page, 'guide-edited-lesson');
      // Back to the lesson's scenario: same step and time, the knob reads the lesson's value again, questions count.
      await page.click('[data-testid=guide-back-to-lesson]');
      await page.waitForSelector('[data-testid=guide-edited]', { state: 'detached', timeout: 10_000 });
      expect(await timeMs(page)).toBe(lesson.steps[k].at);
      expect(await page.getAttribute('[data-testid=guide]', 'data-step')).toBe(String(k));
      const processor = document.processor as { allowedLateness: number };
      expect(await knob.inputValue()).toBe(String(processor.allowedLateness));
      expect(await page.isDisabled('[data-testid=guide-choice-1]')).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
    // An opened link whose scenario differs from the lesson's says the same.
    const edited = structuredClone(document);
    (edited.processor as { allowedLateness: number }).allowedLateness = 20_000;
    const link = encodeLink(edited, { time: lesson.steps[k].at });
    if (!link.ok) throw new Error(link.message);
    const opened = await openPage(session, { path: `#${link.fragment}` });
    try {
      await opened.page.waitForSelector('[data-testid=guide-edited]', { timeout: 10_000 });
      expect(await opened.page.getAttribute('[data-testid=guide]', 'data-step')).toBe(String(k));
      expect(await opened.page.isDisabled('[data-testid=guide-choice-1]')).toBe(true);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.page.close();
    }
  }, 120_000);

  test('the highlight never draws over the sticky guide, even when the guide grows', async () => {
    const { lesson } = shipped('late-ctr');
    const k = lesson.steps.findIndex((s) => s.question !== undefined && s.highlight === 'results-table');
    expect(k).toBeGreaterThanOrEqual(0);
    const { page, errors } = await openPage(session);
    try {
      await startLesson(page, 'late-ctr');
      await goToStep(page, lesson, k);
      await page.waitForSelector('[data-testid=guide-highlight]');
      // The guide grows: a prediction plays on to its reveal, which adds the answer and its explanation.
      await page.click('[data-testid=guide-choice-0]');
      await page.waitForSelector('[data-testid=guide-reveal]', { timeout: 30_000 });
      await page.waitForFunction(() => (document.querySelector('[data-testid=play]')?.textContent ?? '').includes('Play'));
      // Scroll so the outlined table starts under the sticky bar.
      await page.evaluate(() => {
        const guide = document.querySelector('[data-testid=guide]')?.getBoundingClientRect();
        const table = document.querySelector('[data-testid=results-table]')?.getBoundingClientRect();
        if (guide && table) window.scrollBy(0, table.top - guide.bottom + 80);
      });
      await page.waitForTimeout(300);
      const boxes = await page.evaluate(() => {
        const guide = document.querySelector('[data-testid=guide]')?.getBoundingClientRect();
        const outline = document.querySelector('[data-testid=guide-highlight]')?.getBoundingClientRect();
        const label = document.querySelector('[data-testid=guide-highlight] .label')?.getBoundingClientRect();
        return { guideBottom: guide?.bottom ?? NaN, outlineTop: outline?.top ?? NaN, labelTop: label?.top ?? NaN };
      });
      expect(Number.isFinite(boxes.outlineTop)).toBe(true);
      expect(boxes.outlineTop).toBeGreaterThanOrEqual(boxes.guideBottom - 0.5);
      expect(boxes.labelTop).toBeGreaterThanOrEqual(boxes.guideBottom - 0.5);
      await viewportShot(page, 'guide-highlight-under-guide');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('Next moves to the next step and its time, past a pending reveal (dataflow step 4 to 5)', async () => {
    const { lesson } = shipped('dataflow-by-hand');
    // A step whose question is revealed after the next step begins and before the one after it.
    const q = lesson.steps.findIndex((s, i) => s.question?.revealAt !== undefined && i + 2 < lesson.steps.length && s.question.revealAt > lesson.steps[i + 1].at && s.question.revealAt < lesson.steps[i + 2].at);
    expect(q).toBeGreaterThanOrEqual(0);
    const { page, errors } = await openPage(session);
    try {
      await startLesson(page, 'dataflow-by-hand');
      await goToStep(page, lesson, q);
      await page.click(`[data-testid=guide-choice-${lesson.steps[q].question?.answer ?? 0}]`);
      // Playing on stops at the next step, before the reveal.
      await waitForStep(page, q + 1, lesson.steps[q + 1].at);
      await page.click('[data-testid=guide-next]');
      // Next lands on the step after, at its time, and shows the answer revealed on the way.
      await waitForStep(page, q + 2, lesson.steps[q + 2].at);
      expect(await page.textContent('[data-testid=guide-text]')).toBe(lesson.steps[q + 2].text);
      expect(await page.locator(`[data-testid=guide-question][data-step="${q}"] [data-testid=guide-reveal]`).count()).toBe(1);
      await viewportShot(page, 'guide-dataflow-next');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('on the landing page a question waits for an answer or a skip', async () => {
    const { page, errors } = await openPage(session);
    try {
      await page.waitForSelector('[data-testid=guide]');
      const landing = await page.evaluate(() => document.querySelector('[data-testid=scenario-picker]') instanceof HTMLSelectElement ? (document.querySelector('[data-testid=scenario-picker]') as HTMLSelectElement).value : '');
      const { lesson } = shipped(landing);
      const k = lesson.steps.findIndex((s) => s.question !== undefined);
      expect(k).toBeGreaterThanOrEqual(0);
      await page.selectOption('[data-testid=speed]', '10');
      await waitForStep(page, k, lesson.steps[k].at);
      // It stays: time does not move on while the question is unanswered.
      await page.waitForTimeout(1500);
      expect(await timeMs(page)).toBe(lesson.steps[k].at);
      expect(await isPaused(page)).toBe(true);
      expect(await page.textContent('[data-testid=guide-question] .prompt')).toContain(lesson.steps[k].question?.prompt ?? '?');
      await viewportShot(page, 'guide-landing-question');
      // Skipping moves on to the next step.
      await page.click('[data-testid=guide-skip]');
      await waitForStep(page, k + 1, lesson.steps[k + 1].at);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('Start goes straight to the first step, and the guide says Next jumps ahead', async () => {
    const { lesson } = shipped('consumer-crash');
    // The first step is 20 s in: at 1× a newcomer would wait 20 s.
    expect(lesson.steps[0].at).toBeGreaterThanOrEqual(20_000);
    const { page, errors } = await openPage(session);
    try {
      await startLesson(page, 'consumer-crash', null);
      expect(await page.inputValue('[data-testid=speed]')).toBe('1');
      await page.click('[data-testid=guide-next]');
      await waitForStep(page, 0, lesson.steps[0].at, 3000);
      // Next plays on at 1×; the guide says Next jumps there now.
      await page.click('[data-testid=guide-next]');
      await page.waitForFunction(() => !(document.querySelector('[data-testid=play]')?.textContent ?? '').includes('Play'));
      expect(await page.textContent('[data-testid=guide-status]')).toMatch(/Next ▶ jumps/);
      await page.click('[data-testid=guide-next]');
      await waitForStep(page, 1, lesson.steps[1].at, 3000);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  // The issue asks for these lessons at 1440×900 with the guide showing a step; replay's steps are checked against its table.
  for (const id of ['four-engines', 'late-ctr', 'idle-partition', 'consumer-crash', 'replay']) {
    test(`${id}: every step shows its text and outlines what it points at`, async () => {
      const { lesson } = shipped(id);
      const { page, errors } = await openPage(session);
      try {
        await startLesson(page, id);
        for (let k = 0; k < lesson.steps.length; k++) {
          await goToStep(page, lesson, k);
          expect(await page.textContent('[data-testid=guide-text]')).toBe(lesson.steps[k].text);
          if (lesson.steps[k].highlight) await page.waitForSelector('[data-testid=guide-highlight]');
          await page.waitForTimeout(700); // the smooth scroll to the outlined part
          await viewportShot(page, `guide-${id}-step${k + 1}`);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 180_000);
  }
});
