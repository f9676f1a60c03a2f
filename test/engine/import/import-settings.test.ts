/**
 * Issue 13, defect 10: an imported event log used to inherit the open scenario's punctuated
 * watermark, which moves only at markers an event log cannot hold, so a row 12 s late counted
 * as on time. The import now gets a watermark that can see lateness and says what it kept.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRun, importSettings, IMPORT_WATERMARK, parseCsvEvents, scenarioFromEvents, validateScenario } from '../../../src/engine/index';

const shipped = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../scenarios/${name}`, import.meta.url), 'utf8'));
const lateCsv = readFileSync(new URL('../../fixtures/import/late-12s.csv', import.meta.url), 'utf8');

function streamingDroppedLate(doc: unknown): number {
  const checked = validateScenario(doc);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const run = createRun(checked.scenario);
  run.advanceTo(run.endTime);
  return run.modes.streaming?.counters.droppedLate ?? -1;
}

describe('importing an event log into an open scenario', () => {
  const parsed = parseCsvEvents(lateCsv);
  if (!parsed.ok) throw new Error('late-12s.csv does not parse');

  it('replaces a punctuated watermark by a bounded one, so a row 12 s late is dropped', () => {
    const doc = scenarioFromEvents(parsed.entries, shipped('scripted-example.json'));
    expect((doc.processor as Record<string, unknown>).watermark).toEqual(IMPORT_WATERMARK);
    // By hand: rows arrive at 1,000, 5,000, 14,000 and 15,000 ms. With a 1,000 ms bound the
    // watermark after the 14,000 ms event is 14,000 - 1,000 - 1 = 12,999 >= 5,999, so window
    // [3,000, 6,000) has fired before the row with eventTime 3,000 arrives at 15,000 ms; with
    // allowed lateness 0 (scripted-example) that row is dropped as late: one drop.
    expect(streamingDroppedLate(doc)).toBe(1);
  });

  it('before the change the punctuated watermark would have counted that row (the defect)', () => {
    const doc = scenarioFromEvents(parsed.entries, shipped('scripted-example.json'));
    (doc.processor as Record<string, unknown>).watermark = { type: 'punctuated' };
    // No markers: the watermark stays at minus infinity until the input ends, so nothing is late.
    expect(streamingDroppedLate(doc)).toBe(0);
  });

  it('keeps a bounded watermark the open scenario already has', () => {
    const clicks = shipped('clicks.json') as { processor: { watermark: unknown } };
    const doc = scenarioFromEvents(parsed.entries, clicks);
    expect((doc.processor as Record<string, unknown>).watermark).toEqual(clicks.processor.watermark);
  });

  it('says which settings it kept and why the watermark changed', () => {
    const settings = importSettings(shipped('scripted-example.json'));
    expect(settings.kept).toEqual(['seed', 'topic', 'processor']);
    expect(settings.watermarkReplaced).toBe(true);
    expect(settings.sentence).toContain('kept the open scenario’s seed, topic and processor');
    expect(settings.sentence).toContain('tumbling windows of 3,000 ms');
    expect(settings.sentence).toContain('allowed lateness 0 ms');
    expect(settings.sentence).toContain('bounded out-of-orderness with a 1,000 ms bound');
    expect(settings.sentence).toContain('punctuated');

    const fromClicks = importSettings(shipped('clicks.json'));
    expect(fromClicks.watermarkReplaced).toBe(false);
    expect(fromClicks.sentence).toContain('bounded out-of-orderness with a 2,000 ms bound (kept)');
  });

  it('with no open scenario the import uses the documented default watermark', () => {
    const doc = scenarioFromEvents(parsed.entries);
    expect((doc.processor as Record<string, unknown>).watermark).toEqual(IMPORT_WATERMARK);
    expect(IMPORT_WATERMARK).toEqual({ type: 'boundedOutOfOrderness', bound: 1000, interval: 200 });
    expect(importSettings(undefined).kept).toEqual([]);
  });
});
