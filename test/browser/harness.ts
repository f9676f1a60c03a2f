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
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer } from 'vite';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

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

/** Resolves the Chromium binary (CHROMIUM_PATH or /usr/bin/chromium); throws with install instructions if missing. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  const path = fromEnv && fromEnv.trim() !== '' ? fromEnv : DEFAULT_CHROMIUM_PATH;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}` +
        (fromEnv ? ' (from CHROMIUM_PATH)' : '') +
        '. The browser tests need a Chromium binary. Install Debian\'s with: ' +
        '`apt-get update && apt-get install -y chromium` ' +
        '(DEBIAN_FRONTEND=noninteractive, --no-install-recommends are fine), ' +
        'or set CHROMIUM_PATH to an existing Chromium/Chrome executable. ' +
        '(`npx playwright install` cannot download browsers on this machine.)',
    );
  }
  return path;
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
