/**
 * Developer tool, not a test: opens the app and saves a screenshot for a human to look at.
 *   npx tsx test/browser/shot.ts <out.png> [waitMs] [--el selector] [--at ms] [--w width] [selector-to-click...]
 */
import { launchBrowser, startApp, collectConsoleErrors } from './harness';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const element = option('--el');
const at = option('--at');
const width = Number(option('--w') ?? 1440);
const height = Number(option('--h') ?? 900);
const viewportOnly = args.includes('--viewport') ? (args.splice(args.indexOf('--viewport'), 1), true) : false;
const [out = 'test-results/shot.png', wait = '1500', ...clicks] = args;
const app = await startApp();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = collectConsoleErrors(page);
  await page.goto(app.url);
  await page.waitForSelector('[data-testid="app-ready"]', { timeout: 60_000 });
  if (at !== undefined) {
    await page.click('[data-testid=play]');
    await page.$eval('[data-testid=scrubber]', (el, t) => {
      (el as HTMLInputElement).value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, at);
  }
  for (const sel of clicks) await page.click(sel);
  await page.waitForTimeout(Number(wait));
  if (element) await page.locator(element).first().screenshot({ path: out });
  else await page.screenshot({ path: out, fullPage: !viewportOnly });
  if (errors.length) console.log(errors.join('\n'));
  console.log('saved', out);
} finally {
  await browser.close();
  await app.close();
}
