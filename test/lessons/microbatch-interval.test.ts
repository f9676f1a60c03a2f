/**
 * Lesson 15, microbatch-interval: every number its narration states. The clicks are generated,
 * so the watermarks are checked against the records in the log (Spark's rule: after a batch,
 * W = newest event time read so far - bound, applied from the next batch), and the numbers for
 * other intervals come from runs of the same scenario with only `microBatch.interval` changed.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/engine/index';
import { lessonDoc, questionAt, runDoc } from './lesson-helpers';

const doc = lessonDoc('microbatch-interval');
const runWithInterval = (interval: number) => runDoc({ ...doc, microBatch: { ...(doc.microBatch as object), interval } });
const { scenario, run } = runDoc(doc);
const rec = run.log.records;
const BOUND = 1000; // the default bounded-out-of-orderness watermark the scenario keeps

/** Emission times of one window [0 s, 60 s) for a key in micro-batch mode. */
const firstMinute = (r: Run, key: string) => r.modes.microbatch.results.filter((x) => x.key === key && x.window.start === 0 && x.window.end === 60_000);
const watermarkAfter = (r: Run, t: number) => r.modes.microbatch.watermarks.find((w) => w.time === t)?.watermark;
const question = (at: number) => questionAt(scenario, at);

describe('lesson microbatch-interval: what it states is what the engine does', () => {
  it('step 1: the 60 s batch reads every click of [0 s, 60 s) and leaves 58,655 - 1 s = 57,655', () => {
    expect(scenario.microBatch.interval).toBe(60_000);
    expect(scenario.processor.watermark).toMatchObject({ type: 'boundedOutOfOrderness', bound: BOUND });
    let newest = -Infinity;
    for (let i = 0; i < rec.length; i++) {
      // A record read exactly at 60 s waits for the next batch, so "read by the 60 s batch" is < 60 s.
      if (rec.eventTime[i] < 60_000) expect(run.reads.firstReadAt[i]).toBeLessThan(60_000);
      if (run.reads.firstReadAt[i] < 60_000) newest = Math.max(newest, rec.eventTime[i]);
    }
    expect(newest).toBe(58_655);
    expect(watermarkAfter(run, 60_000)).toBe(newest - BOUND);
  });

  it('step 1 question and explain: emitted at 180 s, because the 120 s batch still judges with 57,655', () => {
    const q = question(60_000);
    expect(q.choices[q.answer]).toBe('At 180 s');
    expect(q.explain?.choices[q.explain.answer]).toMatch(/^It uses the watermark the 60 s batch left/);
    expect(watermarkAfter(run, 120_000)).toBe(117_820);
    // Hand rule: emitted in the first batch whose watermark in force (left by the batch before) is >= 60,000.
    expect(57_655).toBeLessThan(60_000); // in force at 120 s: not yet
    expect(117_820).toBeGreaterThanOrEqual(60_000); // in force at 180 s: emitted
    for (const key of ['home', 'cart']) expect(firstMinute(run, key).map((r) => r.emittedAt)).toEqual([180_000]);
  });

  it('step 2: home 64, cart 59, as batch; the streaming job emitted them at 62.4 s', () => {
    const batch = run.modes.batch?.results ?? [];
    for (const [key, value] of [['home', 64], ['cart', 59]] as const) {
      expect(firstMinute(run, key).map((r) => r.value)).toEqual([value]);
      expect(batch.filter((r) => r.key === key && r.window.start === 0).map((r) => r.value)).toEqual([value]);
      expect(run.modes.streaming.results.filter((r) => r.key === key && r.window.start === 0).map((r) => r.emittedAt)).toEqual([62_400]);
    }
  });

  it('step 2 remedy: at 5 s the window comes out at 70 s (within 10 s), at 1 s at 64 s, with 12 batches a minute instead of 1', () => {
    const q = question(180_000);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('microBatch.interval 5 s: 12 batches a minute, not 1');
    const five = runWithInterval(5000).run;
    const one = runWithInterval(1000).run;
    for (const key of ['home', 'cart']) {
      expect(firstMinute(five, key).map((r) => r.emittedAt)).toEqual([70_000]); // 70 - 60 = 10 s
      expect(firstMinute(one, key).map((r) => r.emittedAt)).toEqual([64_000]);
    }
    const batchesInFirstMinute = (r: Run) => r.modes.microbatch.watermarks.filter((w) => w.time > 0 && w.time <= 60_000).length;
    expect(batchesInFirstMinute(five)).toBe(12); // 60 s / 5 s
    expect(batchesInFirstMinute(run)).toBe(1);
    // Never below the bound: the watermark passes 60,000 only once a click of event time
    // >= 61,000 has been read, and no click is read before its event time.
    const firstRead = Math.min(...Array.from({ length: rec.length }, (_, i) => i).filter((i) => rec.eventTime[i] >= 60_000 + BOUND).map((i) => run.reads.firstReadAt[i]));
    expect(firstRead).toBeGreaterThanOrEqual(60_000 + BOUND);
  });
});
