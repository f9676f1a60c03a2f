/**
 * Presenter view on a 720p projector (1280×720), in a real browser (Debian's Chromium through
 * playwright-core): at every step of a lesson, and after every answer is revealed, the narration
 * and the panel the step points at are on screen together, nothing of either cut off. Also: an
 * embedded player opened with `t` starts at that moment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot } from './harness';
import { browserSession, openPage } from './session';
import { encodeLink } from '../../src/engine/index';
import { HIGHLIGHT_TARGETS } from '../../src/ui/lessons/guide.svelte';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';

const session = browserSession();
const VIEWPORT = { width: 1280, height: 720 };

type Rect = { top: number; bottom: number; left: number; right: number; height: number };

interface Lesson {
  steps: { at: number; highlight?: keyof typeof HIGHLIGHT_TARGETS; question?: unknown }[];
}
const lessonOf = (id: string): Lesson => (JSON.parse(readFileSync(join(projectRoot, 'scenarios', `${id}.json`), 'utf8')) as { lesson: Lesson }).lesson;

/**
 * The union of the boxes of everything matching `selector`, each cut to what its scrolling
 * ancestors show (a wide table scrolls sideways inside its panel), as the highlight outlines it.
 */
async function unionRect(page: Page, selector: string): Promise<Rect | null> {
  return page.evaluate((sel) => {
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    for (const el of document.querySelectorAll(sel)) {
      const b = el.getBoundingClientRect();
      const r = { top: b.top, bottom: b.bottom, left: b.left, right: b.right };
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        const c = a.getBoundingClientRect();
        if (style.overflowX !== 'visible') [r.left, r.right] = [Math.max(r.left, c.left), Math.min(r.right, c.right)];
        if (style.overflowY !== 'visible') [r.top, r.bottom] = [Math.max(r.top, c.top), Math.min(r.bottom, c.bottom)];
      }
      if (r.right <= r.left || r.bottom <= r.top) continue;
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
      left = Math.min(left, r.left);
      right = Math.max(right, r.right);
    }
    return Number.isFinite(top) ? { top, bottom, left, right, height: bottom - top } : null;
  }, selector);
}

/** A box lies wholly inside the viewport (a pixel of rounding allowed). */
function expectInView(what: string, r: Rect | null) {
  expect(r, `${what} is on the page`).not.toBeNull();
  if (!r) return;
  expect({ what, top: r.top >= -1, bottom: r.bottom <= VIEWPORT.height + 1, left: r.left >= -1, right: r.right <= VIEWPORT.width + 1 }).toEqual({
    what,
    top: true,
    bottom: true,
    left: true,
    right: true,
  });
}

/** No text inside the narration is clipped by a scrolling guide: what it holds is as tall as what it shows. */
async function expectGuideUnclipped(page: Page, what: string) {
  const clipped = await page.evaluate(() => {
    const out: string[] = [];
    for (let el = document.querySelector('[data-testid=guide]') as HTMLElement | null; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (/(auto|scroll|hidden)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) out.push(`${el.className || el.tagName}: ${el.scrollHeight} > ${el.clientHeight}`);
    }
    return out;
  });
  expect(clipped, `${what}: the narration scrolls inside a box`).toEqual([]);
}

/** The narration, every question and reveal, and the highlighted panel, all in view. */
async function expectStepInView(page: Page, id: string, k: number, lesson: Lesson, shot: string) {
  await page.waitForTimeout(900); // the highlight's smooth scroll
  await mkdir(join(projectRoot, 'test-results', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(projectRoot, 'test-results', 'screenshots', `${shot}.png`) });
  const what = `${id} step ${k + 1}`;
  expectInView(`${what}: the guide's text`, await unionRect(page, '[data-testid=guide-text]'));
  for (const sel of ['[data-testid=guide-question]', '[data-testid=guide-reveal]', '[data-testid=guide-waiting]']) {
    if (await page.$(sel)) expectInView(`${what}: ${sel}`, await unionRect(page, sel));
  }
  await expectGuideUnclipped(page, what);
  const highlight = lesson.steps[k].highlight;
  if (!highlight) return;
  const target = await unionRect(page, HIGHLIGHT_TARGETS[highlight].selector);
  const controls = await unionRect(page, '[data-cover]:not([data-testid=narration-column])');
  const room = VIEWPORT.height - (controls?.bottom ?? 0);
  if (target && target.height > room) {
    // Taller than a screen (the whole outputs panel): it starts just under the controls and fills the rest.
    expect({ what, highlight, top: target.top >= (controls?.bottom ?? 0) - 1 && target.top <= (controls?.bottom ?? 0) + 24 }).toEqual({ what, highlight, top: true });
  } else expectInView(`${what}: the highlighted ${highlight}`, target);
}

async function waitForStep(page: Page, k: number) {
  try {
    await page.waitForFunction(
      (step) =>
        document.querySelector('[data-testid=guide]')?.getAttribute('data-step') === String(step) &&
        (document.querySelector('[data-testid=play]')?.textContent ?? '').includes('Play'),
      k,
      { timeout: 30_000 },
    );
  } catch (error) {
    const state = await page.evaluate(() => ({
      step: document.querySelector('[data-testid=guide]')?.getAttribute('data-step'),
      time: document.querySelector('[data-testid=time]')?.getAttribute('data-ms'),
      play: document.querySelector('[data-testid=play]')?.textContent?.trim(),
    }));
    throw new Error(`step ${k} never came: ${JSON.stringify(state)} (${String(error)})`);
  }
}

const stepOnScreen = async (page: Page) => Number(await page.getAttribute('[data-testid=guide]', 'data-step'));

/** The questions (by step) whose answers are on screen. */
const revealed = (page: Page): Promise<string[]> =>
  page.$$eval('[data-testid=guide-question]', (qs) => qs.filter((q) => q.querySelector('[data-testid=guide-reveal]')).map((q) => q.getAttribute('data-step') ?? ''));

/**
 * Next plays to the next step; a second Next while playing jumps there. Both presses in one task,
 * so playing cannot reach the step (and stop) between them.
 */
const nextStep = (page: Page) =>
  page.evaluate(async () => {
    const next = document.querySelector('[data-testid=guide-next]') as HTMLButtonElement;
    next.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (document.querySelector('[data-testid=play]')?.getAttribute('aria-label') === 'Pause') next.click();
  });

const paused = (page: Page) => page.waitForFunction(() => (document.querySelector('[data-testid=play]')?.textContent ?? '').includes('Play'), undefined, { timeout: 60_000 });

/**
 * Walks a lesson in presenter view, answering each question with its first choice, and checks
 * every step as it arrives and again whenever an answer is revealed.
 */
async function walkLesson(id: string) {
  const lesson = lessonOf(id);
  const { page, errors } = await openPage(session, { path: `?lesson=${id}`, viewport: VIEWPORT, readyTimeout: 90_000 });
  try {
    await page.waitForSelector('[data-testid=guide]', { timeout: 30_000 });
    await page.check('[data-testid=presenter]');
    // At 1× a second Next lands well before the step is reached by playing (no race).
    const reveals = new Set<string>();
    let checked = -1;
    for (let guard = 0; guard < 4 * lesson.steps.length; guard++) {
      const now = await stepOnScreen(page);
      if (now > checked) {
        await expectStepInView(page, id, now, lesson, `presenter-${id}-step${now + 1}`);
        checked = now;
      }
      const shown = await revealed(page);
      if (shown.some((q) => !reveals.has(q))) {
        await expectStepInView(page, id, now, lesson, `presenter-${id}-step${now + 1}-reveal`);
        for (const q of shown) reveals.add(q);
      }
      const choice = await page.$('[data-testid=guide-choice-0]:not([disabled])');
      if (choice) {
        await choice.click();
        // Plays on to the reveal, or to the next step if that comes first.
        await paused(page);
        continue;
      }
      if (now >= lesson.steps.length - 1) break;
      await nextStep(page);
      await waitForStep(page, now + 1);
    }
    expect(checked).toBe(lesson.steps.length - 1);
    expect(reveals.size, 'every question was answered and revealed').toBe(lesson.steps.filter((s) => s.question).length);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

describe('browser: presenter view at 1280×720', () => {
  test('consumer-crash: every step shows its narration and its panel on one screen', async () => {
    await walkLesson('consumer-crash');
  }, 300_000);

  test('late-ctr: every step shows its narration and its panel on one screen', async () => {
    await walkLesson('late-ctr');
  }, 300_000);

  test('four-engines: every step shows its narration and its panel on one screen', async () => {
    await walkLesson('four-engines');
  }, 300_000);

  test('idle-partition: every step shows its narration and its panel on one screen', async () => {
    await walkLesson('idle-partition');
  }, 300_000);
});

describe('browser: the embedded player', () => {
  test('an embed link with t opens at that moment, on the step in force there', async () => {
    const scenario: unknown = JSON.parse(readFileSync(join(projectRoot, 'scenarios', 'consumer-crash.json'), 'utf8'));
    const encoded = encodeLink(scenario, { time: 16_000 });
    if (!encoded.ok) throw new Error(encoded.message);
    const { page, errors } = await openPage(session, { path: `#${encoded.fragment}&embed=1`, readyTimeout: 90_000 });
    try {
      await page.waitForSelector('[data-testid=embed]');
      await page.waitForSelector('[data-testid=guide]');
      await page.waitForTimeout(500);
      expect(Number(await page.getAttribute('[data-testid=time]', 'data-ms'))).toBe(16_000);
      // consumer-crash's first step is at 20 s: at 16 s the introduction is on screen, paused.
      expect(await page.getAttribute('[data-testid=guide]', 'data-step')).toBe('-1');
      expect(await page.getAttribute('[data-testid=play]', 'aria-label')).toBe('Play');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);
});
