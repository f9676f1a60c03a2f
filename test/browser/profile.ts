/** Developer tool: CPU profile of load, play and scrubs; prints top self-time functions. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchBrowser, projectRoot, startApp } from './harness';
import type { Page } from 'playwright-core';

/** With --prod: a production build (not minified, so the profile keeps names) behind vite preview. */
async function startBuilt(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'streamlab-profile-'));
  const configFile = join(projectRoot, 'vite.config.ts');
  await build({ root: projectRoot, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true, minify: false } });
  const server = await preview({ root: projectRoot, configFile, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server reported no URL');
  return { url, close: async () => { await server.close(); await rm(outDir, { recursive: true, force: true }); } };
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const app = process.argv.includes('--prod') ? await startBuilt() : await startApp();
const browser = await launchBrowser();
const phase = process.argv[2] ?? 'scrub';
try {
  const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  await page.waitForSelector('[data-testid="app-ready"]', { timeout: 60_000 });
  await page.waitForTimeout(3000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const rate = phase === 'play' ? '2500' : '850';
  await page.click('[data-testid=play]');
  const before = await page.getAttribute('[data-testid=counter-appended]', 'data-total');
  await page.fill('[data-testid="knob-producers.0.rate"]', rate);
  await page.waitForFunction((old) => document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total') !== old, before, { timeout: 60_000 });
  await cdp.send('Performance.enable');
  const m0 = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.send('Profiler.start');
  if (phase === 'play') {
    await page.click('[data-testid=play]');
    await page.waitForTimeout(3000);
  } else if (phase === 'big') {
    // A run of about a million events arriving from the worker: what the page does with it.
    const old = await page.getAttribute('[data-testid=counter-appended]', 'data-total');
    await page.fill('[data-testid="knob-producers.0.rate"]', '8500');
    await page.waitForFunction((o) => document.querySelector('[data-testid=counter-appended]')?.getAttribute('data-total') !== o, old, { timeout: 120_000 });
    await page.waitForTimeout(2000);
  } else {
    for (const t of [50000, 10000, 90000, 30000, 70000]) {
      const ms = await page.$eval('[data-testid=scrubber]', (el, v) => new Promise<number>((done) => {
        const s = performance.now();
        (el as HTMLInputElement).value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - s)));
      }), t);
      console.log('scrub', t, ms.toFixed(0));
    }
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
  const m1 = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  for (const name of ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration', 'LayoutCount', 'RecalcStyleCount', 'Nodes']) {
    const a = m0.metrics.find((m) => m.name === name)?.value ?? 0;
    const b = m1.metrics.find((m) => m.name === name)?.value ?? 0;
    console.log(name, name.endsWith('Duration') ? ((b - a) * 1000).toFixed(0) + ' ms' : b - a + ' (now ' + b + ')');
  }
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/src\//, 'src/').replace(/\?.*$/, '')}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  // The longest stretch without an idle sample, and what ran in it (inclusive of callees).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let best = { from: 0, to: 0, ms: 0 };
  let from = 0;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const idle = byId.get(id)!.callFrame.functionName === '(idle)';
    if (idle) {
      if (ms > best.ms) best = { from, to: i, ms };
      from = i + 1;
      ms = 0;
    } else ms += (profile.timeDeltas[i] ?? 0) / 1000;
  });
  const inclusive = new Map<string, number>();
  for (let i = best.from; i < best.to; i++) {
    const names = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      names.add(`${f.functionName || '(anon)'} ${f.url.replace(/^.*\/src\//, 'src/').replace(/\?.*$/, '')}:${f.lineNumber}`);
    }
    for (const k of names) inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  console.log(`longest busy stretch ${best.ms.toFixed(0)} ms; inclusive time in it:`);
  for (const [k, v] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(0).padStart(7), k);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('total ms', total.toFixed(0));
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(0).padStart(7), k);
} finally {
  await browser.close();
  await app.close();
}
