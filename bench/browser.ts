/**
 * Browser figures for `npm run bench`: the production build served by Vite's preview server,
 * driven in Debian's Chromium. It measures what a user feels, through the UI's own controls:
 * how soon events flow after opening, frame times with thousands of dots in flight, how
 * long a scrub takes to paint in a 100,000-event run, and how responsive the page stays while a
 * million-event run computes in the Web Worker. Printed, never asserted.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchBrowser } from '../test/browser/harness';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BrowserFigures {
  /** Gzipped size of the built JavaScript, in KB. */
  bundleGzipKB: number;
  firstFlowMs: number;
  frames: { dotsInFlight: number; samples: number; p50: number; p95: number; max: number };
  scrub: { records: number; loadMs: number; samples: number; median: number; p95: number; max: number };
  /** Records in the big run computed in the Web Worker (rate 8,500/s over 120 s; 4,000/s with --quick). */
  bigRunRecords: number;
  /** From the edit's re-run to the big run on screen, as the editor reports it (worker compute and hand-over). */
  bigRunComputeMs: number;
  /** Longest gap between animation frames while the big run was computing: how responsive the page stayed. */
  responsiveMaxGapMs: number;
  /** Longest frame gap in the 2 s after the big run appeared (the page taking it in). */
  bigRunArrivalMaxGapMs: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Types a value into one of the editor's knobs and waits until the re-run is on screen. */
async function setKnob(page: Page, path: string, value: string): Promise<void> {
  const before = await page.getAttribute('[data-testid=counter-appended]', 'data-total');
  await page.fill(`[data-testid="knob-${path}"]`, value);
  await page.waitForFunction((old) => document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total') !== old, before, { timeout: 60_000 });
}

async function frameTimes(page: Page, seconds: number): Promise<number[]> {
  // Passed as source text: tsx would wrap a named function with a helper the page lacks.
  return page.evaluate(`new Promise((done) => {
    const deltas = [];
    let last = performance.now();
    const started = last;
    const frame = (now) => {
      deltas.push(now - last);
      last = now;
      if (now - started < ${seconds * 1000}) requestAnimationFrame(frame);
      else done(deltas.slice(1));
    };
    requestAnimationFrame(frame);
  })`) as Promise<number[]>;
}

async function gzippedJs(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) if (name.endsWith('.js')) bytes += gzipSync(await readFile(join(dir, name)), { level: 9 }).length;
  return bytes / 1024;
}

export async function benchBrowser(options: { quick: boolean }): Promise<BrowserFigures> {
  const outDir = await mkdtemp(join(tmpdir(), 'streamlab-bench-'));
  await build({ root: projectRoot, configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const bundleGzipKB = await gzippedJs(join(outDir, 'assets'));
  const server = await preview({ root: projectRoot, configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  const browser = await launchBrowser();
  try {
    if (!url) throw new Error('the preview server reported no URL');
    // The page's CSP forbids eval; the bench's own string probes need it (security is tested elsewhere).
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });

    // 1. From navigation to the first appended record on screen, untouched.
    // Timed inside the page from the start of navigation, checked on every animation frame.
    await page.addInitScript(`(() => {
      const check = () => {
        if (Number(document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-value')) > 0) window.__firstFlow = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })()`);
    await page.goto(url);
    await page.waitForFunction('window.__firstFlow !== undefined', undefined, { timeout: 30_000 });
    const firstFlowMs = Number(await page.evaluate('window.__firstFlow'));

    // 2. Frame times with thousands of dots in flight: a busy producer, played at 1x.
    await page.click('[data-testid=play]'); // pause while editing
    await setKnob(page, 'producers.0.rate', '2500');
    await page.$eval('[data-testid=scrubber]', (el) => {
      const input = el as HTMLInputElement;
      input.value = '20000';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.selectOption('[data-testid=speed]', '1');
    await page.click('[data-testid=play]');
    await page.waitForTimeout(500);
    const dots: number[] = [];
    const sampler = setInterval(() => {
      void page.getAttribute('[data-testid=pipeline-canvas]', 'data-dots').then((d) => dots.push(Number(d)), () => undefined);
    }, 250);
    const deltas = await frameTimes(page, options.quick ? 3 : 8);
    clearInterval(sampler);
    await page.click('[data-testid=play]');

    // 3. Scrubbing in a 100,000-event run: from the input event to the next painted frame.
    await setKnob(page, 'producers.0.rate', '850'); // 850/s over 120 s: about 102,000 events
    // The editor reports how long the re-run took (the engine's work, without the typing debounce).
    const computed = ((await page.textContent('[data-testid=editor-compute]')) ?? '').match(/([\d,.]+)\s*ms/);
    const loadMs = computed ? Number(computed[1].replace(/,/g, '')) : NaN;
    const records = await page.evaluate(() => Number(document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total') ?? NaN));
    const end = Number(await page.getAttribute('[data-testid=scrubber]', 'max'));
    const scrubs: number[] = [];
    const targets = Array.from({ length: options.quick ? 10 : 30 }, (_, i) => Math.round(((i * 7919) % 30 / 30) * end));
    for (const t of targets) {
      const ms = await page.$eval(
        '[data-testid=scrubber]',
        (el, value) =>
          new Promise<number>((done) => {
            const input = el as HTMLInputElement;
            const started = performance.now();
            input.value = String(value);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            // Two frames: the first runs the update and paints, the second starts after the paint.
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
          }),
        t,
      );
      scrubs.push(ms);
    }
    // 4. A run of about a million events, computed in the worker: frame gaps in the page meanwhile.
    // Started in the page as source text (see frameTimes); the loop ends 2 s after the run appears.
    await page.evaluate(`(() => {
      const old = document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total');
      const w = (window.__big = { computing: [], after: [], arrivedAt: NaN, done: false });
      let last = performance.now();
      const frame = (now) => {
        const gap = now - last;
        last = now;
        if (!Number.isNaN(w.arrivedAt)) w.after.push(gap);
        else if (document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total') !== old) w.arrivedAt = now;
        else w.computing.push(gap);
        if (Number.isNaN(w.arrivedAt) || now - w.arrivedAt < 2000) requestAnimationFrame(frame);
        else w.done = true;
      };
      requestAnimationFrame(frame);
    })()`);
    await page.fill('[data-testid="knob-producers.0.rate"]', options.quick ? '4000' : '8500');
    await page.waitForFunction(() => (window as unknown as { __big?: { done: boolean } }).__big?.done === true, undefined, { timeout: 300_000, polling: 500 });
    const big = (await page.evaluate('window.__big')) as { computing: number[]; after: number[] };
    const bigComputed = ((await page.textContent('[data-testid=editor-compute]')) ?? '').match(/([\d,.]+)\s*ms/);
    const bigRunRecords = await page.evaluate(() => Number(document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total') ?? NaN));

    return {
      bigRunRecords,
      bigRunComputeMs: bigComputed ? Number(bigComputed[1].replace(/,/g, '')) : NaN,
      responsiveMaxGapMs: Math.max(...big.computing),
      bigRunArrivalMaxGapMs: Math.max(...big.after),
      bundleGzipKB,
      firstFlowMs,
      frames: { dotsInFlight: quantile(dots, 0.5) ?? NaN, samples: deltas.length, p50: quantile(deltas, 0.5), p95: quantile(deltas, 0.95), max: Math.max(...deltas) },
      scrub: { records, loadMs, samples: scrubs.length, median: quantile(scrubs, 0.5), p95: quantile(scrubs, 0.95), max: Math.max(...scrubs) },
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
