/**
 * Streaming mode (Flink's rules), pinned with small scripted streams. Arrival times follow
 * the scripted rule: an entry without arrivalTime arrives 1 ms after the previous one (the
 * first at 0), so "@n" below is the processing time of the n-th entry (counting from 0).
 * Each expected row is [key, window start, window end, value, firing, emittedAt].
 */
import { describe, expect, it } from 'vitest';
import { ev, runToEnd, scripted, streamingRows, wm } from '../../helpers/scripted';

const tumbling = (size: number) => ({ window: { type: 'tumbling', size } });

describe('watermark formula: max event time - bound - 1', () => {
  const bounded = { watermark: { type: 'boundedOutOfOrderness', bound: 1000, interval: 0 }, flushAtEnd: false };

  it('does not fire [0, 4000) at max event time 4999 (watermark 3998 < 3999)', () => {
    const run = runToEnd(scripted([ev('a', 1, 1000), ev('a', 1, 4999)], { ...tumbling(4000), ...bounded, aggregate: 'count' }));
    expect(streamingRows(run)).toEqual([]);
  });

  it('fires [0, 4000) at max event time 5000 (watermark 3999 = end - 1)', () => {
    const run = runToEnd(scripted([ev('a', 1, 1000), ev('a', 1, 4999), ev('a', 1, 5000)], { ...tumbling(4000), ...bounded, aggregate: 'count' }));
    // Only a@1000 is in [0,4000); the record at @2 moves the watermark to 5000-1000-1 = 3999.
    expect(streamingRows(run)).toEqual([['a', 0, 4000, 1, 'on-time', 2]]);
    expect(run.modes.streaming.results[0].watermark).toBe(3999);
  });
});

describe('allowed lateness, one millisecond each side', () => {
  // size 3000, allowedLateness 1000: [0,3000) fires at watermark 2999 and is released at
  // 2999 + 1000 = 3999. Entries: k@1000 (v1) @0, wm 3998 @1, k@500 (v4) @2, wm 3999 @3, k@600 (v8) @4.
  const entries = [ev('k', 1, 1000), wm(3998), ev('k', 4, 500), wm(3999), ev('k', 8, 600)];
  const processor = { ...tumbling(3000), allowedLateness: 1000, aggregate: 'sum' };

  it('accumulating: on-time 1, then a late firing with the full value 1 + 4 = 5; 600 is dropped', () => {
    const run = runToEnd(scripted(entries, { ...processor, accumulation: 'accumulating' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 3000, 1, 'on-time', 1],
      ['k', 0, 3000, 5, 'late', 2], // 2999 + 1000 = 3999 > 3998: within lateness, fires at once
    ]);
    // At watermark 3999 the state is gone: 2999 + 1000 <= 3999, so v8 is late.
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason])).toEqual([[600, 'late']]);
  });

  it('discarding: the late firing carries only what arrived since the last firing (4)', () => {
    const run = runToEnd(scripted(entries, { ...processor, accumulation: 'discarding' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 3000, 1, 'on-time', 1],
      ['k', 0, 3000, 4, 'late', 2],
    ]);
  });

  it('retracting: the late firing retracts 1, then emits 5', () => {
    const run = runToEnd(scripted(entries, { ...processor, accumulation: 'retracting' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 3000, 1, 'on-time', 1],
      ['k', 0, 3000, 1, '-late', 2],
      ['k', 0, 3000, 5, 'late', 2],
    ]);
  });
});

describe('late firings', () => {
  it('a window first created behind the watermark fires as late at once, and never on time', () => {
    // wm 4000 @0, then k@100 @1: [0,3000) has 2999 <= 4000 (behind) but 2999 + 5000 > 4000 (not late).
    const run = runToEnd(scripted([wm(4000), ev('k', 2, 100)], { ...tumbling(3000), allowedLateness: 5000, aggregate: 'sum' }));
    expect(streamingRows(run)).toEqual([['k', 0, 3000, 2, 'late', 1]]);
  });

  it('watermarks never go backwards: a lower marker is ignored', () => {
    // wm 5000, then wm 3000 (ignored), then k@4500: [4000,5000) has 4999 + 0 <= 5000, so it is late.
    const run = runToEnd(scripted([wm(5000), wm(3000), ev('k', 1, 4500)], { ...tumbling(1000), aggregate: 'count' }));
    expect(streamingRows(run)).toEqual([]);
    expect(run.modes.streaming.dropped.map((d) => d.reason)).toEqual(['late']);
  });

  it('a sliding-window element is skipped only for its windows that are already past', () => {
    // size 2000 slide 1000, wm 1999: k@1500 is in [1000,3000) (2999 > 1999: kept) and
    // [0,2000) (1999 + 0 <= 1999: skipped). It is counted, not dropped.
    const run = runToEnd(scripted([wm(1999), ev('k', 1, 1500)], { window: { type: 'sliding', size: 2000, slide: 1000 }, aggregate: 'count' }));
    // End of input at @1: the +infinity watermark fires [1000,3000).
    expect(streamingRows(run)).toEqual([['k', 1000, 3000, 1, 'on-time', 1]]);
    expect(run.modes.streaming.dropped).toEqual([]);
  });
});

describe('firing order', () => {
  it('one watermark advance fires in order of window end, then key', () => {
    const entries = [ev('b', 1, 1500), ev('a', 1, 1500), ev('b', 1, 100), ev('a', 1, 100), wm(5000)];
    const run = runToEnd(scripted(entries, { ...tumbling(1000), aggregate: 'count' }));
    // The marker is the 5th entry, so everything fires at @4.
    expect(streamingRows(run)).toEqual([
      ['a', 0, 1000, 1, 'on-time', 4],
      ['b', 0, 1000, 1, 'on-time', 4],
      ['a', 1000, 2000, 1, 'on-time', 4],
      ['b', 1000, 2000, 1, 'on-time', 4],
    ]);
  });
});

describe('triggers', () => {
  // Window [0,10000), count. k@1 arrives at 0, k@2 at 500, k@3 at 1500, wm 9999 at 2500.
  const entries = [ev('k', 1, 1, { arrivalTime: 0 }), ev('k', 1, 2, { arrivalTime: 500 }), ev('k', 1, 3, { arrivalTime: 1500 }), wm(9999, { arrivalTime: 2500 })];

  it('early: fires every interval of processing time (aligned) while there is new data, then on time', () => {
    const run = runToEnd(scripted(entries, { ...tumbling(10000), aggregate: 'count', trigger: { type: 'early', interval: 1000 } }));
    // The first element arms a timer at the next multiple of 1000 (1000): 2 elements by then.
    // k@3 at 1500 arms one at 2000: 3 elements. The watermark 9999 at 2500 fires on time.
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 2, 'early', 1000],
      ['k', 0, 10000, 3, 'early', 2000],
      ['k', 0, 10000, 3, 'on-time', 2500],
    ]);
  });

  it('early with discarding: each pane carries only its own elements; an empty on-time pane emits nothing', () => {
    const run = runToEnd(scripted(entries, { ...tumbling(10000), aggregate: 'count', trigger: { type: 'early', interval: 1000 }, accumulation: 'discarding' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 2, 'early', 1000],
      ['k', 0, 10000, 1, 'early', 2000],
    ]);
  });

  it('onElement: emits the updated value on every element and nothing on the watermark', () => {
    const more = [...entries, ev('k', 1, 4, { arrivalTime: 2600 })];
    const run = runToEnd(scripted(more, { ...tumbling(10000), aggregate: 'count', trigger: 'onElement', allowedLateness: 100 }));
    // k@4 after wm 9999: 9999 <= 9999 is behind, 9999 + 100 > 9999 is not late: a late update.
    expect(streamingRows(run)).toEqual([
      ['k', 0, 10000, 1, 'early', 0],
      ['k', 0, 10000, 2, 'early', 500],
      ['k', 0, 10000, 3, 'early', 1500],
      ['k', 0, 10000, 4, 'late', 2600],
    ]);
  });
});

describe('session windows', () => {
  // gap 1000, allowedLateness 2000. k@0 @0 -> [0,1000); k@1500 @1 -> [1500,2500);
  // wm 1200 @2 fires [0,1000) (999 <= 1200); its state lives until 999 + 2000 = 2999.
  // k@800 @3 opens [800,1800), which overlaps both: merged [0,2500), whose 2499 > 1200, so
  // no firing yet; wm 2499 @4 fires the merged session on time.
  const entries = [ev('k', 1, 0), ev('k', 1, 1500), wm(1200), ev('k', 1, 800), wm(2499)];
  const processor = { window: { type: 'session', gap: 1000 }, allowedLateness: 2000, aggregate: 'count' };

  it('accumulating: a late element bridging two sessions absorbs the one that fired; the merge fires on time with the full value', () => {
    const run = runToEnd(scripted(entries, processor));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 2],
      ['k', 0, 2500, 3, 'on-time', 4],
    ]);
  });

  it('discarding: the fired session was purged, so the merge carries only the 2 new elements', () => {
    const run = runToEnd(scripted(entries, { ...processor, accumulation: 'discarding' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 2],
      ['k', 0, 2500, 2, 'on-time', 4],
    ]);
  });

  it('retracting: the merge retracts the absorbed session before emitting', () => {
    const run = runToEnd(scripted(entries, { ...processor, accumulation: 'retracting' }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 2],
      ['k', 0, 1000, 1, '-on-time', 4],
      ['k', 0, 2500, 3, 'on-time', 4],
    ]);
  });

  it('a session merged behind the watermark fires as late at once', () => {
    // gap 1000, lateness 5000: k@0 -> [0,1000); wm 3000 fires it; k@1500 -> [1500,2500) is
    // behind (2499 <= 3000): late firing; k@900 -> [900,1900) bridges both: [0,2500), behind: late.
    const run = runToEnd(scripted([ev('k', 1, 0), wm(3000), ev('k', 1, 1500), ev('k', 1, 900)], { ...processor, allowedLateness: 5000 }));
    expect(streamingRows(run)).toEqual([
      ['k', 0, 1000, 1, 'on-time', 1],
      ['k', 1500, 2500, 1, 'late', 2],
      ['k', 0, 2500, 3, 'late', 3],
    ]);
  });

  it('touching sessions merge (Flink): events at 0 and 1000 with gap 1000 form [0, 2000)', () => {
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 1000)], processor));
    expect(streamingRows(run)).toEqual([['k', 0, 2000, 2, 'on-time', 1]]);
  });
});

describe('the run lasts until the streaming job has had its last watermark tick', () => {
  // a@0 read at 0 and a@12000 read at 10500; bound 0, ticks every 5000 ms, no flush at the end.
  // Ticks at 5000 and 10000 see max event time 0 (watermark -1); the tick at 15000, the first
  // at or after the input's end (10500), sees 12000: watermark 11999 >= 9999, so [0, 10000)
  // fires on time with 1 at 15000, whatever the micro-batch interval (which used to cut the
  // run at 11000 when it was 1000).
  const entries = [
    { key: 'a', value: 1, eventTime: 0, arrivalTime: 0 },
    { key: 'a', value: 1, eventTime: 12000, arrivalTime: 10500 },
  ];
  const processor = { window: { type: 'tumbling', size: 10000 }, watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: 5000 }, flushAtEnd: false };
  for (const microBatchInterval of [1000, 10000]) {
    it(`micro-batch interval ${microBatchInterval}`, () => {
      const run = runToEnd(scripted(entries, processor, { microBatch: { interval: microBatchInterval } }));
      expect(streamingRows(run)).toEqual([['a', 0, 10000, 1, 'on-time', 15000]]);
    });
  }
});
