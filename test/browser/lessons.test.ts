/**
 * Lessons in a real browser: the library lists the shipped lessons in order and behaves as a
 * dialog, a lesson starts in guided mode, Next plays to exactly the next step's time, a question
 * reveals its answer when the run reaches revealAt, presenter view folds the side panels and the
 * embedded player shows no editor. Lesson text is read from scenarios/*.json, never hard-coded,
 * so the lessons can be rewritten without touching this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';
import { browserSession, openPage } from './session';
import { waitForStep } from './guide-steps';
import { validateScenario, type Lesson, type Scenario } from '../../src/engine/index';

interface ShippedLesson {
  id: string;
  title: string;
  lesson: Lesson;
}

/** Every scenarios/*.json with lesson steps, validated, in library order (lesson.order, then title). */
function shippedLessons(): ShippedLesson[] {
  const dir = new URL('../../scenarios/', import.meta.url);
  const out: ShippedLesson[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const result = validateScenario(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
    if (!result.ok) throw new Error(`scenarios/${file} is not valid: ${JSON.stringify(result.issues)}`);
    const s: Scenario = result.scenario;
    if (s.lesson && s.lesson.steps.length > 0) out.push({ id: s.id, title: s.title, lesson: s.lesson });
  }
  return out.sort((a, b) => a.lesson.order - b.lesson.order || a.title.localeCompare(b.title));
}

const lessons = shippedLessons();

const session = browserSession();

const openApp = (query = '', viewport = { width: 1440, height: 900 }) => openPage(session, { path: query, viewport, readyTimeout: 60_000 });

const timeMs = async (page: Page) => Number(await page.getAttribute('[data-testid=time]', 'data-ms'));
const activeTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

/** Presses Next and waits until step k is on screen with playback stopped at exactly its time. */
async function nextTo(page: Page, k: number, at: number): Promise<void> {
  await page.click('[data-testid=guide-next]');
  await waitForStep(page, k, at);
}

async function startLesson(page: Page, id: string): Promise<void> {
  await page.click('[data-testid=open-library]');
  await page.click(`[data-testid="start-lesson-${id}"]`);
  await page.waitForSelector('[data-testid=guide]');
  // Faster playback keeps the test short; the guide still stops at exactly each step's time.
  await page.selectOption('[data-testid=speed]', '10');
}

describe('browser: lessons', () => {
  test('the scenarios folder ships lessons to test with', () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  test('the library lists every lesson in order, is a keyboard dialog, and starts a lesson', async () => {
    // The first lesson whose first two steps both pause, so Next stops at each of them.
    const chosen = lessons.find((l) => l.lesson.steps.length >= 2 && l.lesson.steps[0].pause && l.lesson.steps[1].pause && l.lesson.steps[0].text !== l.lesson.steps[1].text);
    expect(chosen, 'a lesson with two pausing steps').toBeDefined();
    if (!chosen) return;
    const { page, errors } = await openApp();
    try {
      await page.click('[data-testid=open-library]');
      await page.waitForSelector('[data-testid=library][open]');
      // Focus moved into the dialog.
      expect(await page.evaluate(() => document.querySelector('[data-testid=library]')?.contains(document.activeElement))).toBe(true);
      // One card per lesson, in lesson order.
      const titles = await page.$$eval('[data-testid^="lesson-card-"] h3', (hs) => hs.map((h) => h.textContent ?? ''));
      expect(titles.length).toBe(lessons.length);
      lessons.forEach((l, i) => expect(titles[i]).toContain(l.title));
      await screenshot(page, 'lessons-library');
      // Escape closes it and focus returns to the button that opened it.
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=library]:not([open])', { state: 'attached' });
      expect(await activeTestId(page)).toBe('open-library');

      await startLesson(page, chosen.id);
      const [s0, s1] = chosen.lesson.steps;
      if (s0.at > 0) {
        // Paused at 0 on the introduction; Start plays to the first step.
        expect(await timeMs(page)).toBe(0);
        expect(await page.textContent('[data-testid=guide-counter]')).toContain('Introduction');
        await nextTo(page, 0, s0.at);
      }
      expect(await page.textContent('[data-testid=guide-text]')).toBe(s0.text);
      expect(await page.textContent('[data-testid=guide-counter]')).toBe(`Step 1 of ${chosen.lesson.steps.length}`);
      // Next plays on and stops at exactly the second step's time, with its text.
      await nextTo(page, 1, s1.at);
      expect(await page.textContent('[data-testid=guide-text]')).toBe(s1.text);
      expect(await page.textContent('[data-testid=guide-counter]')).toBe(`Step 2 of ${chosen.lesson.steps.length}`);
      if (s1.highlight) await page.waitForSelector('[data-testid=guide-highlight]');
      await screenshot(page, 'lessons-guided-step');
      // Previous goes back to the first step's time; Restart to 0.
      await page.click('[data-testid=guide-prev]');
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === t, s0.at);
      expect(await page.textContent('[data-testid=guide-text]')).toBe(s0.text);
      await page.click('[data-testid=guide-restart]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === 0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  test('a question reveals its answer when the run reaches revealAt', async () => {
    // A question whose revealAt comes no later than the next step, so playing on reaches it directly.
    let found: { lesson: ShippedLesson; index: number } | undefined;
    for (const l of lessons) {
      const steps = l.lesson.steps;
      const index = steps.findIndex(
        (s, i) => s.question?.revealAt !== undefined && s.question.revealAt > s.at && (i + 1 >= steps.length || s.question.revealAt <= steps[i + 1].at) && steps.slice(0, i + 1).every((p) => p.pause),
      );
      if (index >= 0) {
        found = { lesson: l, index };
        break;
      }
    }
    expect(found, 'a lesson with a question revealed before its next step').toBeDefined();
    if (!found) return;
    const steps = found.lesson.lesson.steps;
    const step = steps[found.index];
    const q = step.question;
    if (!q || q.revealAt === undefined) throw new Error('unreachable: the search required a question with revealAt');
    const { page, errors } = await openApp();
    try {
      await startLesson(page, found.lesson.id);
      let k = steps[0].at > 0 ? -1 : 0;
      while (k < found.index) {
        k++;
        await nextTo(page, k, steps[k].at);
      }
      expect(await page.textContent('[data-testid=guide-question] .prompt')).toContain(q.prompt);
      // A wrong prediction: the reveal must say so and name the right answer.
      const wrong = (q.answer + 1) % q.choices.length;
      await page.click(`[data-testid=guide-choice-${wrong}]`);
      expect(await page.textContent('[data-testid=guide-waiting]')).toContain("Let's see");
      expect(await page.locator('[data-testid=guide-reveal]').count()).toBe(0);
      await page.waitForSelector('[data-testid=guide-reveal]', { timeout: 60_000 });
      // Playback stopped at exactly the reveal time.
      await page.waitForFunction(() => (document.querySelector('[data-testid=play]')?.textContent ?? '').includes('Play'));
      expect(await timeMs(page)).toBe(q.revealAt);
      const reveal = (await page.textContent('[data-testid=guide-reveal]')) ?? '';
      expect(await page.getAttribute('[data-testid=guide-reveal]', 'data-correct')).toBe('false');
      expect(reveal).toContain(q.choices[q.answer]);
      expect(reveal).toContain(q.explanation);
      await screenshot(page, 'lessons-question-reveal');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  test('presenter view folds the side panels behind a button', async () => {
    const { page, errors } = await openApp('', { width: 1280, height: 720 });
    try {
      await startLesson(page, lessons[0].id);
      await page.check('[data-testid=presenter]');
      expect(await page.locator('[data-testid=editor]').isVisible()).toBe(false);
      await screenshot(page, 'lessons-presenter-1280');
      await page.click('[data-testid=presenter-side-toggle]');
      expect(await page.locator('[data-testid=editor]').isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  test('embed mode shows the player and the narration without the editor or header tools', async () => {
    const lesson = lessons[0];
    const { page, errors } = await openApp(`?embed=1&lesson=${lesson.id}`, { width: 960, height: 640 });
    try {
      await page.waitForSelector('[data-testid=embed]');
      expect(await page.textContent('[data-testid=scenario-title]')).toBe(lesson.title);
      for (const present of ['pipeline', 'event-time-chart', 'play', 'guide']) {
        expect(await page.locator(`[data-testid=${present}]`).count(), present).toBe(1);
      }
      for (const absent of ['editor', 'open-library', 'scenario-picker', 'outputs', 'metrics']) {
        expect(await page.locator(`[data-testid=${absent}]`).count(), absent).toBe(0);
      }
      // The way out is the same address without the embed switch.
      const href = (await page.getAttribute('[data-testid=open-full]', 'href')) ?? '';
      expect(href).toContain(`lesson=${lesson.id}`);
      expect(href).not.toContain('embed');
      await screenshot(page, 'lessons-embed');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
