/**
 * The inspector explains a late drop in the words of the profile that dropped it (Debian's
 * Chromium through playwright-core). Worked out by hand:
 * - Kafka Streams, tumbling 10 s, grace 0: k@5 ms read at 1 ms, k@10 s at 2 ms (stream time 10 s),
 *   k@6 ms at 3 ms: [0, 10 s) has 10 s + 0 <= 10 s, so it is dropped; there is no watermark.
 * - Spark, tumbling 1 s, bound 0: a@1.5 s read at 100 ms, counted in the batch at 1 s (watermark 0),
 *   which sets the watermark to 1.5 s; a@200 ms read at 1.1 s is judged in the batch at 2 s:
 *   1 s <= 1.5 s, dropped from [0, 1 s).
 * Screenshots of the inspector go to test-results/screenshots/.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { encodeLink } from '../../src/engine/index';
import { projectRoot } from './harness';
import { browserSession, openPage } from './session';

const session = browserSession();

// The dev server compiles the app on the first visit, which on a loaded machine outlasts a page's
// 30 s goto: visit once first, with time to spare.
beforeAll(async () => {
  const page = await session.browser.newPage();
  await page.goto(session.app.url, { timeout: 120_000 });
  await page.waitForSelector('[data-testid=app-ready]', { timeout: 120_000 });
  await page.close();
}, 150_000);

const scenario = (id: string, processor: object, entries: object[]) => ({
  version: 1,
  id,
  title: id,
  topic: { partitions: 1 },
  producers: [{ id: 's', type: 'scripted', entries }],
  processor: { aggregate: 'count', flushAtEnd: false, ...processor },
});

async function inspectLate(doc: object, shot: string): Promise<string> {
  const encoded = encodeLink(doc, { time: 5000 });
  if (!encoded.ok) throw new Error(encoded.message);
  const { page, errors } = await openPage(session, { path: `#${encoded.fragment}` });
  try {
    await page.click('[data-testid=inspect-late-event]');
    const record = page.locator('[data-testid=inspect-record]');
    await record.waitFor();
    const why = (await page.textContent('[data-testid=inspect-fate-streaming] .why')) ?? '';
    const dir = join(projectRoot, 'test-results', 'screenshots');
    await mkdir(dir, { recursive: true });
    await record.screenshot({ path: join(dir, `${shot}.png`) });
    expect(errors).toEqual([]);
    return why;
  } finally {
    await page.close();
  }
}

describe('browser: the inspector explains lateness per profile', () => {
  test('a Kafka Streams late drop: stream time and grace, no watermark', async () => {
    const doc = scenario('ks-late', { semantics: 'kafka-streams', window: { type: 'tumbling', size: 10000 }, watermark: { type: 'punctuated' } }, [
      { key: 'k', value: 1, eventTime: 5, arrivalTime: 1 },
      { key: 'k', value: 1, eventTime: 10000, arrivalTime: 2 },
      { key: 'k', value: 1, eventTime: 6, arrivalTime: 3 },
    ]);
    const why = await inspectLate(doc, 'inspect-late-kafka-streams');
    expect(why).toContain("Kafka Streams dropped it from window [0 ms, 10.000 s): stream time (10.000 s) had reached the window's end + grace (10.000 s).");
  }, 90_000);

  test("a Spark late drop: the batch's watermark reached the window's end", async () => {
    const doc = scenario('spark-late', { semantics: 'spark', window: { type: 'tumbling', size: 1000 }, watermark: { type: 'boundedOutOfOrderness', bound: 0 } }, [
      { key: 'a', value: 1, eventTime: 1500, arrivalTime: 100 },
      { key: 'a', value: 1, eventTime: 200, arrivalTime: 1100 },
    ]);
    const why = await inspectLate(doc, 'inspect-late-spark');
    expect(why).toContain('When the batch at 2.000 s ran, its watermark (1.500 s) had reached the end of its window [0 ms, 1.000 s), so Spark dropped it from that window');
  }, 90_000);
});
