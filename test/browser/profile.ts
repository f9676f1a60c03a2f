/** Developer tool: CPU profile of load, play and scrubs; prints top self-time functions. */
import { launchBrowser, startApp } from './harness';
import type { Page } from 'playwright-core';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const app = await startApp();
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
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('total ms', total.toFixed(0));
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(0).padStart(7), k);
} finally {
  await browser.close();
  await app.close();
}
