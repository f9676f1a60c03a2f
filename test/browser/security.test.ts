/**
 * The page's Content-Security-Policy in a real browser (Debian's Chromium through playwright-core):
 * string-to-code (eval, new Function), injected inline scripts and inline event handlers are all
 * refused and reported; and a shared link whose every free-text field holds markup and script
 * shows that markup as literal text, runs nothing, opens no dialog and logs no error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { collectConsoleErrors, screenshot } from './harness';
import { browserSession } from './session';
import { encodeLink } from '../../src/engine/index';

const session = browserSession();

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
  dialogs: string[];
}

async function openAt(hash: string): Promise<Opened> {
  const { app, browser } = session;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${app.url}${hash}`);
  await page.waitForSelector('[data-testid=scenario-title]', { timeout: 30_000 });
  return { page, context, errors, dialogs };
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

describe('browser: Content-Security-Policy', () => {
  test('the policy is in force: eval, new Function, inline scripts and inline handlers are refused and reported', async () => {
    const { page, context, errors, dialogs } = await openAt('');
    try {
      const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toMatch(/script-src 'self';/); // no 'unsafe-inline' for scripts

      // The probes run in a timer task of the page, not inside page.evaluate itself: DevTools lets
      // code it evaluates directly use eval whatever the policy says (allowUnsafeEvalBlockedByCSP).
      const outcome = await page.evaluate(
        () =>
          new Promise<{ evalResult: string; functionResult: string; violations: string[]; pwned: unknown }>((resolve) => {
            const violations: string[] = [];
            document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
            const nameOf = (f: () => unknown): string => {
              try {
                f();
                return 'ran';
              } catch (err) {
                return err instanceof Error ? err.name : String(err);
              }
            };
            setTimeout(() => {
              const evalResult = nameOf(() => (0, eval)('1'));
              const functionResult = nameOf(() => new Function('return 1')());
              const script = document.createElement('script');
              script.textContent = 'window.__pwned = "inline script";';
              document.body.appendChild(script);
              document.body.insertAdjacentHTML('beforeend', '<img src="data:image/gif;base64,R0lGODlh" onerror="window.__pwned = \'inline handler\'">');
              const clickable = document.createElement('div');
              clickable.setAttribute('onclick', 'window.__pwned = "onclick attribute"');
              document.body.appendChild(clickable);
              clickable.click();
              // Violation events are queued as tasks: give them a moment to arrive.
              setTimeout(() => resolve({ evalResult, functionResult, violations, pwned: (window as unknown as { __pwned?: unknown }).__pwned }), 300);
            }, 0);
          }),
      );

      expect(outcome.evalResult).toBe('EvalError');
      expect(outcome.functionResult).toBe('EvalError');
      expect(outcome.pwned).toBeUndefined();
      expect(outcome.violations.filter((v) => v.startsWith('script-src') && v.endsWith(' eval')).length).toBeGreaterThanOrEqual(2);
      expect(outcome.violations.filter((v) => v.startsWith('script-src') && v.endsWith(' inline')).length).toBeGreaterThanOrEqual(2);
      expect(dialogs).toEqual([]);
      // The only console errors are the browser's own reports of the refusals above.
      expect(errors.filter((e) => !/Content Security Policy/i.test(e))).toEqual([]);
      // The app itself still runs: virtual time moves.
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) > 200, undefined, { timeout: 10_000 });
    } finally {
      await context.close();
    }
  }, 90_000);

  test('a shared link with markup and script in every text field shows it as literal text and runs nothing', async () => {
    const base = JSON.parse(readFileSync(new URL('../../scenarios/clicks.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    // One marked payload per field, so a failure names the field that let markup through.
    const markup = (field: string) => `<img src=x onerror="window.__pwned='${field}'"><script>window.__pwned='${field}'</script><b>${field}</b>`;
    const fields = ['title', 'description', 'notice', 'step-title', 'step-text', 'prompt', 'choice-0', 'choice-1', 'explanation', 'key-a', 'key-b'] as const;
    const producer = (base.producers as Record<string, unknown>[])[0];
    const scenario = {
      ...base,
      title: markup('title'),
      description: markup('description'),
      lesson: {
        order: 1,
        notice: [markup('notice')],
        steps: [
          {
            at: 0,
            title: markup('step-title'),
            text: markup('step-text'),
            question: { prompt: markup('prompt'), choices: [markup('choice-0'), markup('choice-1')], answer: 1, explanation: markup('explanation'), revealAt: 0 },
          },
        ],
      },
      producers: [{ ...producer, keys: [markup('key-a'), markup('key-b')] }],
    };
    const encoded = encodeLink(scenario, { time: 60_000 });
    if (!encoded.ok) throw new Error(encoded.message);

    const { page, context, errors, dialogs } = await openAt(`#${encoded.fragment}`);
    try {
      expect(await page.locator('[data-testid=link-error]').count()).toBe(0);
      expect(await page.textContent('[data-testid=scenario-title] strong')).toBe(`${markup('title')}.`);
      await page.waitForSelector('[data-testid=guide-choice-0]');
      await page.click('[data-testid=guide-choice-0]');
      await page.waitForSelector('[data-testid=guide-reveal]');
      // Every field's markup is in the page as text (the details hold the story and notice).
      const text = await page.evaluate(() => document.body.textContent ?? '');
      for (const field of fields) expect(text, field).toContain(markup(field));
      // ... and none of it became elements.
      expect(await page.locator('img[src=x]').count()).toBe(0);
      expect(await page.locator('[onerror]').count()).toBe(0);
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(await page.locator('b', { hasText: 'key-a' }).count()).toBe(0);
      await page.waitForTimeout(300);
      await screenshot(page, 'security-markup-link');
      expect(await pwned(page)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
