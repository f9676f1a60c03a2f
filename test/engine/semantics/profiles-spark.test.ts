/**
 * The spark profile: the streaming mode runs Spark's micro-batch rules, pinned with small
 * scripted streams. Every expected value is worked out by hand from the contract
 * (docs/semantics.md, "Semantics profiles"):
 *   - a batch every microBatch.interval (default 1000: batches at 1000, 2000, ...) processes the
 *     records read since the previous batch;
 *   - the watermark in force during a batch = max event time seen in EARLIER batches - delay
 *     (delay = the watermark bound, no -1), starting at 0 and never going back;
 *   - a record is late for a window whose end <= watermark (a session record: t + gap <= watermark);
 *   - append: a window is emitted once ('on-time'), at the end of the batch in which end <= watermark;
 *     update: every window that changed in a batch, at the end of that batch ('update');
 *   - sessions [first, last + gap) merge when they overlap or touch;
 *   - windows are placed at multiples of the slide, before 0 too;
 *   - the run ends with the first batch after the end of input; with flushAtEnd that batch
 *     uses a +infinity watermark for its output (records in it are still judged by the real one).
 * Arrival times are given explicitly so that no record lands on a batch boundary.
 * Rows are [key, window start, window end, value, firing, emittedAt].
 */
import { describe, expect, it } from 'vitest';
import { ev, rows, runToEnd, scripted, streamingRows } from '../../helpers/scripted';

const spark = (bound: number) => ({
  semantics: 'spark',
  window: { type: 'tumbling', size: 1000 },
  aggregate: 'count',
  watermark: { type: 'boundedOutOfOrderness', bound },
});
const at = (arrivalTime: number) => ({ arrivalTime });

describe('spark: the watermark comes from earlier batches', () => {
  // a@1500 read at 100, a@200 read at 200: both in the batch at 1000. Duration 3000 keeps batches
  // going; no flush at the end.
  const entries = [ev('a', 1, 1500, at(100)), ev('a', 1, 200, at(200))];

  it('a record behind the max event time of its own batch is not late; its window is emitted a batch later', () => {
    // bound 0. Batch 1000: W = 0 -> a@1500 ([1000,2000): 2000 <= 0 false) and a@200 ([0,1000):
    // 1000 <= 0 false) both counted; nothing has end <= 0. Then W = max(0, 1500 - 0) = 1500.
    // Batch 2000: W = 1500 -> [0,1000) (1000 <= 1500) emitted once, 1, at 2000. [1000,2000) has
    // 2000 > 1500 and W stays 1500 afterwards: never emitted (no flush).
    // (Flink with bound 0 would have watermark 1499 after a@1500 and drop a@200.)
    const run = runToEnd(scripted(entries, { ...spark(0), flushAtEnd: false }, { duration: 3000 }));
    expect(streamingRows(run)).toEqual([['a', 0, 1000, 1, 'on-time', 2000]]);
    expect(run.modes.streaming.results[0].watermark).toBe(1500);
    expect(run.modes.streaming.dropped).toEqual([]);
  });

  it('the streaming slot gives exactly what the micro-batch mode gives', () => {
    // Same derivation as above for both modes.
    const run = runToEnd(scripted(entries, { ...spark(0), flushAtEnd: false }, { duration: 3000 }));
    expect(rows(run.modes.microbatch.results)).toEqual([['a', 0, 1000, 1, 'on-time', 2000]]);
    expect(streamingRows(run)).toEqual(rows(run.modes.microbatch.results));
  });
});

describe('spark: append emits a window when end <= watermark, one millisecond each side', () => {
  // a@100 read at 100, a@1500 read at 200 (batch 1000, W = 0). Then W = 1500 - bound.
  const entries = [ev('a', 1, 100, at(100)), ev('a', 1, 1500, at(200))];

  it('bound 500: W = 1000 = end of [0,1000), emitted at the batch at 2000', () => {
    // Batch 2000: 1000 <= 1000 -> [0,1000) emitted, 1. [1000,2000): 2000 <= 1000 false, ever after.
    const run = runToEnd(scripted(entries, { ...spark(500), flushAtEnd: false }, { duration: 3000 }));
    expect(streamingRows(run)).toEqual([['a', 0, 1000, 1, 'on-time', 2000]]);
  });

  it('bound 501: W = 999 < 1000, so [0,1000) is never emitted without the flush', () => {
    const run = runToEnd(scripted(entries, { ...spark(501), flushAtEnd: false }, { duration: 3000 }));
    expect(streamingRows(run)).toEqual([]);
  });
});

describe('spark: late when window end <= watermark (update mode), one millisecond each side', () => {
  // a@1500 read at 100 (batch 1000), a@999 read at 1100 (batch 2000). End of input 1100: the last
  // batch is 2000. Update mode: each batch emits the windows it changed.
  const entries = [ev('a', 1, 1500, at(100)), ev('a', 1, 999, at(1100))];
  const extra = { microBatch: { interval: 1000, outputMode: 'update' } };

  it('bound 500: W = 1500 - 500 = 1000 in batch 2000, and [0,1000) has end 1000 <= 1000: a@999 is dropped', () => {
    // Batch 1000 (W = 0): [1000,2000) = 1, update at 1000. Batch 2000: a@999 dropped late at 2000.
    const run = runToEnd(scripted(entries, { ...spark(500), flushAtEnd: false }, extra));
    expect(streamingRows(run)).toEqual([['a', 1000, 2000, 1, 'update', 1000]]);
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt])).toEqual([[999, 'late', 2000]]);
  });

  it('bound 501: W = 999, 1000 <= 999 is false: a@999 counts, [0,1000) = 1 updated at 2000', () => {
    const run = runToEnd(scripted(entries, { ...spark(501), flushAtEnd: false }, extra));
    expect(streamingRows(run)).toEqual([
      ['a', 1000, 2000, 1, 'update', 1000],
      ['a', 0, 1000, 1, 'update', 2000],
    ]);
    expect(run.modes.streaming.dropped).toEqual([]);
  });
});

describe('spark: the watermark starts at 0', () => {
  it('a record in [-1000, 0) is late in the very first batch (end 0 <= 0); one in [0,1000) is not', () => {
    // bound 0. Batch 1000, W = 0: a@-1 -> [-1000,0), 0 <= 0: dropped at 1000. a@0 -> [0,1000), counted.
    // End of input 200: the batch at 1000 is the last, flushed with +infinity: [0,1000) = 1 at 1000.
    const run = runToEnd(scripted([ev('a', 1, -1, at(100)), ev('a', 1, 0, at(200))], spark(0)));
    expect(streamingRows(run)).toEqual([['a', 0, 1000, 1, 'on-time', 1000]]);
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt])).toEqual([[-1, 'late', 1000]]);
  });
});

describe('spark: window placement', () => {
  it('sliding windows are placed before 0 too: a@300 with size 1000 slide 500 is in [-500,500) and [0,1000)', () => {
    // Starts at multiples of 500 with s <= 300 < s + 1000: -500 and 0. Batch 1000 (W = 0): neither
    // end (500, 1000) is <= 0, both counted; it is the last batch (end of input 100): flushed, by end.
    const run = runToEnd(scripted([ev('a', 1, 300, at(100))], { ...spark(0), window: { type: 'sliding', size: 1000, slide: 500 } }));
    expect(streamingRows(run)).toEqual([
      ['a', -500, 500, 1, 'on-time', 1000],
      ['a', 0, 1000, 1, 'on-time', 1000],
    ]);
  });
});

describe('spark: sessions [first, last + gap) merge on touch', () => {
  const sessions = { ...spark(0), window: { type: 'session', gap: 1000 } };

  it('a@0 and a@1000 with gap 1000 touch: one session [0, 2000) (Beam keeps two)', () => {
    // Batch 1000, W = 0: [0,1000) (1000 <= 0 false) and [1000,2000) touch -> [0,2000) = 2.
    // Last batch (end of input 200), flushed: emitted at 1000.
    const run = runToEnd(scripted([ev('a', 1, 0, at(100)), ev('a', 1, 1000, at(200))], sessions));
    expect(streamingRows(run)).toEqual([['a', 0, 2000, 2, 'on-time', 1000]]);
  });

  it('a@0 and a@1001 leave a 1 ms hole: [0,1000) and [1001,2001)', () => {
    const run = runToEnd(scripted([ev('a', 1, 0, at(100)), ev('a', 1, 1001, at(200))], sessions));
    expect(streamingRows(run)).toEqual([
      ['a', 0, 1000, 1, 'on-time', 1000],
      ['a', 1001, 2001, 1, 'on-time', 1000],
    ]);
  });

  it('a session record is late when t + gap <= W, one millisecond each side', () => {
    // bound 0. Batch 1000 (W = 0): a@500 -> [500,1500). W becomes 500.
    // Batch 2000 (W = 500): a@-500 -> [-500,500): 500 <= 500 -> late, dropped at 2000.
    // a@-499 -> [-499,501): 501 > 500 -> kept, overlaps [500,1500) -> [-499,1500) = 2.
    // Last batch 2000 (end of input 1101), flushed: [-499,1500) = 2 at 2000.
    const entries = [ev('a', 1, 500, at(100)), ev('a', 1, -500, at(1100)), ev('a', 1, -499, at(1101))];
    const run = runToEnd(scripted(entries, sessions));
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.reason, d.droppedAt])).toEqual([[-500, 'late', 2000]]);
    expect(streamingRows(run)).toEqual([['a', -499, 1500, 2, 'on-time', 2000]]);
  });
});
