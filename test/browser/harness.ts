/**
 * Browser-test harness: a programmatic Vite dev server plus Debian's Chromium via playwright-core.
 *
 *   const app = await startApp();          // { url, close() }
 *   const browser = await launchBrowser(); // playwright-core Browser
 *   const page = await browser.newPage();
 *   const errors = collectConsoleErrors(page);
 *   await page.goto(app.url);
 *   await screenshot(page, 'name');        // test-results/screenshots/name.png
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { planChromium, thisMachine } from './chromium';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Starts Vite's dev server on a free port on 127.0.0.1 and returns its base URL. */
export async function startApp(): Promise<RunningApp> {
  const server = await createServer({
    root: projectRoot,
    configFile: join(projectRoot, 'vite.config.ts'),
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'error',
    clearScreen: false,
  });
  try {
    await server.listen();
  } catch (err) {
    await server.close();
    throw err;
  }
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('startApp: Vite dev server started but reported no local URL');
  }
  return {
    url,
    close: () => server.close(),
  };
}

/** Resolves the Chromium binary (CHROMIUM_PATH, or the usual paths in chromium.ts); throws with what to run if there is none. */
export function chromiumPath(): string {
  const plan = planChromium(thisMachine());
  if (plan.kind === 'found') return plan.path;
  if (plan.kind === 'stop') throw new Error(plan.message);
  throw new Error('No Chromium found for the browser tests: run `npm test` (its pretest step installs Debian\'s chromium when run as root), `apt-get install -y chromium`, or set CHROMIUM_PATH.');
}

/** Launches headless Chromium with flags that work as root in CI containers. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** Returns an array that fills with console 'error' messages and uncaught page exceptions. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc.url ? ` (${loc.url}:${loc.lineNumber}:${loc.columnNumber})` : '';
      errors.push(`console.error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err.stack ?? err.message}`);
  });
  return errors;
}

/** Saves a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const path = join(dir, `${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Moves the scrubber to virtual time t and waits until the time readout shows exactly t. */
export async function scrubTo(page: Page, t: number): Promise<void> {
  await page.$eval(
    '[data-testid=scrubber]',
    (el, value) => {
      const input = el as HTMLInputElement;
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    t,
  );
  await page.waitForFunction((value) => Number(document.querySelector('[data-testid=time]')?.getAttribute('data-ms')) === value, t);
}
