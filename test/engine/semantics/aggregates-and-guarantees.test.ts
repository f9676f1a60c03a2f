/**
 * Aggregates (count distinct, ratio of filtered counts, avg, min, max) and the sink's
 * delivery guarantee after a consumer crash, each worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { ev, rows, runToEnd, scenarioOf, scripted, streamingRows } from '../../helpers/scripted';

const window = { window: { type: 'tumbling', size: 1000 } };

describe('aggregates', () => {
  const values = [ev('k', 3, 10), ev('k', 5, 20), ev('k', 3, 30), ev('k', -2, 40)];

  it.each([
    ['count', 4],
    ['sum', 3 + 5 + 3 - 2],
    ['min', -2],
    ['max', 5],
    ['avg', (3 + 5 + 3 - 2) / 4],
    ['countDistinct', 3], // {3, 5, -2}
  ])('%s over 3, 5, 3, -2 is %d', (aggregate, expected) => {
    const run = runToEnd(scripted(values, { ...window, aggregate }));
    expect(streamingRows(run).map((r) => r[3])).toEqual([expected]);
  });

  it('ratio of filtered counts: clicks / impressions by event type', () => {
    const entries = [
      ev('ad', 1, 10, { type: 'impression' }),
      ev('ad', 1, 20, { type: 'impression' }),
      ev('ad', 1, 30, { type: 'impression' }),
      ev('ad', 1, 40, { type: 'impression' }),
      ev('ad', 1, 50, { type: 'click' }),
    ];
    const run = runToEnd(scripted(entries, { ...window, aggregate: { type: 'ratio', numerator: 'click', denominator: 'impression' } }));
    // 1 click over 4 impressions.
    expect(streamingRows(run).map((r) => r[3])).toEqual([0.25]);
  });

  it('a ratio whose type names no event has never counts untyped events', () => {
    // One untyped event and one "view": numerator "click" matches nothing, so 0 / 1 = 0.
    const run = runToEnd(scripted([ev('ad', 1, 10), ev('ad', 1, 20, { type: 'view' })], { ...window, aggregate: { type: 'ratio', numerator: 'click', denominator: 'view' } }));
    expect(streamingRows(run).map((r) => r[3])).toEqual([0]);
  });

  it('a ratio without denominator events is undefined (NaN, null in JSON), not a division by zero', () => {
    const run = runToEnd(scripted([ev('ad', 1, 10, { type: 'click' })], { ...window, aggregate: { type: 'ratio', numerator: 'click', denominator: 'impression' } }));
    expect(Number.isNaN(run.modes.streaming.results[0].value)).toBe(true);
  });
});

describe('sink delivery guarantee after a consumer crash', () => {
  // One partition, one consumer c0 committing every 1000 ms. Record i (i = 0..14) has event
  // time i*100 and arrives at i*100. The commit at 1000 is scheduled before the read of record
  // 10 at 1000, so it stores offset 10 (records 0..9 read). c0 reads records 10..14 by 1400,
  // crashes at 1450, restarts at 1500 from offset 10, and reads records 10..14 again: 5 re-reads.
  const entries = Array.from({ length: 15 }, (_, i) => ev('k', 1, i * 100, { arrivalTime: i * 100 }));
  const scenario = (guarantee: string, dedup = false) =>
    scenarioOf({
      id: 'crash',
      producers: [{ id: 's', type: 'scripted', entries }],
      consumers: { count: 1, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1450, downtime: 50 }] },
      processor: { window: { type: 'tumbling', size: 10000 }, watermark: { type: 'punctuated' }, aggregate: 'count', guarantee, dedup: { enabled: dedup } },
    });

  it('at-least-once counts the five re-read records again: 15 + 5 = 20', () => {
    const run = runToEnd(scenario('atLeastOnce'));
    expect(run.counters.redelivered).toBe(5);
    expect(streamingRows(run).map((r) => r[3])).toEqual([20]);
    expect(run.modes.streaming.counters.recounted).toBe(5);
    expect(rows(run.modes.batch?.results ?? []).map((r) => r[3])).toEqual([15]);
  });

  it('exactly-once changes nothing: 15', () => {
    const run = runToEnd(scenario('exactlyOnce'));
    expect(streamingRows(run).map((r) => r[3])).toEqual([15]);
    expect(rows(run.modes.microbatch.results).map((r) => r[3])).toEqual([15]);
    expect(run.modes.streaming.counters.skipped).toBe(5);
  });

  it('at-least-once with dedup on also gets 15: the re-reads are caught as duplicates', () => {
    const run = runToEnd(scenario('atLeastOnce', true));
    expect(streamingRows(run).map((r) => r[3])).toEqual([15]);
    expect(run.modes.streaming.counters.rereadDeduplicated).toBe(5);
  });
});
