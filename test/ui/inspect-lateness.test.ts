/**
 * The inspector explains a late drop in the words of the profile the mode ran under, with the
 * numbers of the mode's own late verdict. Worked out by hand:
 * - kafka-streams, tumbling 10 s, grace 0: k@5 read at 0, k@10000 at 1 (stream time 10 s), k@6 at 2:
 *   [0, 10 s) has 10 s + 0 <= 10 s, dropped; threshold 10 s, stream time 10 s.
 * - spark (and micro-batch), tumbling 1 s, bound 0: a@1500 read at 100 counted in the batch at 1 s
 *   (W = 0), which sets W = 1.5 s; a@200 read at 1.1 s is judged in the batch at 2 s: 1 s <= 1.5 s, dropped.
 */
import { describe, expect, it } from 'vitest';
import { explainFate } from '../../src/ui/inspect/lookup';
import { ev, runToEnd, scripted } from '../helpers/scripted';

describe('inspector: lateness in the profile’s own words', () => {
  it('kafka-streams says stream time and grace, never watermark', () => {
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 10000), ev('k', 1, 6)], { semantics: 'kafka-streams', window: { type: 'tumbling', size: 10000 }, aggregate: 'count', flushAtEnd: false }));
    const text = explainFate(run, 'streaming', 2);
    expect(text).toBe(
      "Kafka Streams dropped it from window [0 ms, 10.000 s): stream time (10.000 s) had reached the window's end + grace (10.000 s). Kafka Streams has no watermark: stream time is the largest timestamp its task has seen.",
    );
  });

  it("spark says the batch's watermark, in the streaming column and in micro-batch alike", () => {
    const run = runToEnd(
      scripted([ev('a', 1, 1500, { arrivalTime: 100 }), ev('a', 1, 200, { arrivalTime: 1100 })], {
        semantics: 'spark',
        window: { type: 'tumbling', size: 1000 },
        aggregate: 'count',
        watermark: { type: 'boundedOutOfOrderness', bound: 0 },
        flushAtEnd: false,
      }),
    );
    const expected =
      "When the batch at 2.000 s ran, its watermark (1.500 s) had reached the end of its window [0 ms, 1.000 s), so Spark dropped it from that window (Spark has no allowed lateness; the batch's watermark comes from earlier batches).";
    expect(explainFate(run, 'streaming', 1)).toBe(expected);
    expect(explainFate(run, 'microbatch', 1)).toBe(expected);
  });

  it('flink and beam name their own engine and the watermark the record met', () => {
    // k@5 at 0, k@10000 at 1 (bound 0, per record: watermark 9999 = 10000 - 0 - 1), k@6 at 2: [0, 10 s)'s
    // last millisecond 9999 <= 9999, Flink drops it. Beam needs the watermark past 9999: it keeps it.
    const entries = [ev('k', 1, 5), ev('k', 1, 10000), ev('k', 1, 6)];
    const processor = { window: { type: 'tumbling', size: 10000 }, aggregate: 'count', watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: 0 } };
    const flink = runToEnd(scripted(entries, { ...processor, semantics: 'flink' }));
    expect(explainFate(flink, 'streaming', 2)).toMatch(/^Flink dropped it as late: the watermark \(9\.999 s\) had /);
    const beam = runToEnd(scripted(entries, { ...processor, semantics: 'beam' }));
    expect(beam.modes.streaming.fate[2]).toBe(1); // counted (FATE.COUNTED)
  });
});
