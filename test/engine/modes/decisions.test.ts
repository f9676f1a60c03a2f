/**
 * Gate verdicts and the lateness of Kafka Streams and Spark, as decisions (out.decisions): each
 * names its rule and the numbers it compared. Every expected value is worked out by hand from the
 * rules in docs/semantics.md; records are named by their event time (unique in each test).
 * Rows are [verdict, rule, eventTime, time, windowStart, windowEnd, clock, threshold].
 */
import { describe, expect, it } from 'vitest';
import type { ModeOutput, Run } from '../../../src/engine/index';
import { ev, runToEnd, scenarioOf, scripted } from '../../helpers/scripted';

type Row = [string, string, number, number, number, number, number, number];

function decisions(run: Run, out: ModeOutput, rule = ''): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < out.decisions.length; i++) {
    const d = out.decisions.at(i);
    if (!d.rule.startsWith(rule)) continue;
    rows.push([d.verdict, d.rule, run.log.records.eventTime[d.row], d.time, d.windowStart, d.windowEnd, d.clock, d.threshold]);
  }
  return rows;
}

const at = (arrivalTime: number, extra = {}) => ({ arrivalTime, ...extra });

describe('gate verdicts: dead letters and duplicates, in every profile and mode', () => {
  // Producer "v1" (schema version 1): x@100 read at 0, a malformed payload @200 read at 10, x@300
  // read at 20 (the same id "x" again). Producer "v2" (schema version 2) sends @400 read at 30.
  // The processor reads version 1 only, with dedup ttl 1000.
  const scenario = (semantics: string) =>
    scenarioOf({
      id: 'gate',
      producers: [
        { id: 'v1', type: 'scripted', entries: [ev('k', 1, 100, at(0, { id: 'x' })), ev('k', 1, 200, at(10, { malformed: true })), ev('k', 1, 300, at(20, { id: 'x' }))] },
        { id: 'v2', type: 'scripted', schemaVersion: 2, entries: [ev('k', 1, 400, at(30))] },
      ],
      processor: { semantics, window: { type: 'tumbling', size: 1000 }, aggregate: 'count', dedup: { enabled: true, ttl: 1000 }, watermark: { type: 'boundedOutOfOrderness', bound: 0 } },
    });

  // Record-at-a-time engines judge each record when it is read: x@100 at 0 is let through and
  // remembered until 0 + 1000 = 1000; @200 at 10 is flagged malformed (no numbers); x@300 at 20:
  // 1000 > 20, a duplicate (clock 20, threshold 1000); @400 at 30 has version 2, not read (clock 2).
  const readAtOnce: Row[] = [
    ['dead-lettered', 'gate.malformed', 200, 10, NaN, NaN, NaN, NaN],
    ['duplicate', 'gate.dedup-ttl', 300, 20, NaN, NaN, 20, 1000],
    ['dead-lettered', 'gate.schema-version', 400, 30, NaN, NaN, 2, NaN],
  ];
  for (const semantics of ['flink', 'beam', 'kafka-streams']) {
    it(`${semantics}: each verdict when the record is read, with its rule and numbers`, () => {
      const run = runToEnd(scenario(semantics));
      expect(decisions(run, run.modes.streaming, 'gate.')).toEqual(readAtOnce);
    });
  }

  // Spark (the spark profile and the micro-batch mode) judges all four in the batch at 1000:
  // x@100 is remembered until 1000 + 1000 = 2000, so x@300 is a duplicate with clock 1000, threshold 2000.
  const inBatch: Row[] = [
    ['dead-lettered', 'gate.malformed', 200, 1000, NaN, NaN, NaN, NaN],
    ['duplicate', 'gate.dedup-ttl', 300, 1000, NaN, NaN, 1000, 2000],
    ['dead-lettered', 'gate.schema-version', 400, 1000, NaN, NaN, 2, NaN],
  ];
  it('spark and micro-batch: every verdict in the batch at 1000', () => {
    const run = runToEnd(scenario('spark'));
    expect(decisions(run, run.modes.streaming, 'gate.')).toEqual(inBatch);
    expect(decisions(run, run.modes.microbatch, 'gate.')).toEqual(inBatch);
  });

  it('batch: every verdict at the one instant the batch job runs (the end of input, 30)', () => {
    // The batch runs at the group's input end, 30: x@100 remembered until 30 + 1000 = 1030.
    const run = runToEnd(scenario('flink'));
    expect(run.inputEndTime).toBe(30);
    expect(decisions(run, run.modes.batch as ModeOutput, 'gate.')).toEqual([
      ['dead-lettered', 'gate.malformed', 200, 30, NaN, NaN, NaN, NaN],
      ['duplicate', 'gate.dedup-ttl', 300, 30, NaN, NaN, 30, 1030],
      ['dead-lettered', 'gate.schema-version', 400, 30, NaN, NaN, 2, NaN],
    ]);
  });
});

describe('kafka-streams lateness: end + grace <= stream time', () => {
  const ks = (window: object, grace: number) => ({ semantics: 'kafka-streams', window, aggregate: 'count', allowedLateness: grace, flushAtEnd: false });

  it('tumbling, grace 1000: kept within grace (late-accepted), dropped once stream time reaches end + grace', () => {
    // k@5 @0 (st 5). k@10500 @1 (st 10500). k@6 @2: [0,10000) ended (10000 <= 10500) but
    // 10000 + 1000 = 11000 > 10500: late-accepted, clock 10500, threshold 11000.
    // k@11000 @3 (st 11000). k@7 @4: 11000 <= 11000: dropped, clock 11000, threshold 11000.
    const run = runToEnd(scripted([ev('k', 1, 5), ev('k', 1, 10500), ev('k', 1, 6), ev('k', 1, 11000), ev('k', 1, 7)], ks({ type: 'tumbling', size: 10000 }, 1000)));
    expect(decisions(run, run.modes.streaming, 'lateness.')).toEqual([
      ['late-accepted', 'lateness.kafka-streams', 6, 2, 0, 10000, 10500, 11000],
      ['late-dropped', 'lateness.kafka-streams', 7, 4, 0, 10000, 11000, 11000],
    ]);
  });

  it('hopping 10000 / 5000, grace 0: one late-dropped per record and window it missed', () => {
    // k@12000 @0 (st 12000). k@9000 @1: windows [0,10000) and [5000,15000); 10000 <= 12000 drops
    // the first (threshold 10000); 15000 > 12000 keeps the second, which has not ended: no decision.
    // k@20000 @2 (st 20000). k@9500 @3: [0,10000) and [5000,15000) both end <= 20000: two drops.
    const run = runToEnd(scripted([ev('k', 1, 12000), ev('k', 1, 9000), ev('k', 1, 20000), ev('k', 1, 9500)], ks({ type: 'sliding', size: 10000, slide: 5000 }, 0)));
    expect(decisions(run, run.modes.streaming, 'lateness.')).toEqual([
      ['late-dropped', 'lateness.kafka-streams', 9000, 1, 0, 10000, 12000, 10000],
      ['late-dropped', 'lateness.kafka-streams', 9500, 3, 0, 10000, 20000, 10000],
      ['late-dropped', 'lateness.kafka-streams', 9500, 3, 5000, 15000, 20000, 15000],
    ]);
    // The side output lists the same (record, window) pairs.
    expect(run.modes.streaming.dropped.map((d) => [d.eventTime, d.window?.start])).toEqual([[9000, 0], [9500, 0], [9500, 5000]]);
  });

  it('sessions, gap 1000, grace 500: a session closes at end + gap + grace (dropped when that is < stream time)', () => {
    // k@0 @0 -> [0,0]. k@5000 @1 (st 5000) -> [5000,5000]. k@3600 @2 merges nothing (it reaches
    // [2600,4600]): [3600,3600]; 3600 + 1000 = 4600 < 5000 (ended) but 3600 + 1500 = 5100 >= 5000:
    // late-accepted, threshold 5100. k@2000 @3 merges nothing ([1000,3000]): 2000 + 1500 = 3500 < 5000: dropped.
    const run = runToEnd(scripted([ev('k', 1, 0), ev('k', 1, 5000), ev('k', 1, 3600), ev('k', 1, 2000)], ks({ type: 'session', gap: 1000 }, 500)));
    expect(decisions(run, run.modes.streaming, 'lateness.')).toEqual([
      ['late-accepted', 'lateness.kafka-streams', 3600, 2, 3600, 3600, 5000, 5100],
      ['late-dropped', 'lateness.kafka-streams', 2000, 3, 2000, 2000, 5000, 3500],
    ]);
  });
});

describe("spark lateness: a window whose end <= the batch's watermark drops the record", () => {
  const spark = (window: object) => ({ semantics: 'spark', window, aggregate: 'count', watermark: { type: 'boundedOutOfOrderness', bound: 0 }, flushAtEnd: false });
  // a@1500 read at 100: the batch at 1000 (W = 0) counts it, then W = 1500 - 0 = 1500.
  // The second record is read at 1100 and judged in the batch at 2000 with W = 1500.

  it('tumbling 1000: a@200 is dropped from [0,1000) (1000 <= 1500), in the spark profile and in micro-batch', () => {
    const run = runToEnd(scripted([ev('a', 1, 1500, at(100)), ev('a', 1, 200, at(1100))], spark({ type: 'tumbling', size: 1000 })));
    const expected: Row[] = [['late-dropped', 'lateness.spark', 200, 2000, 0, 1000, 1500, 1000]];
    expect(decisions(run, run.modes.streaming)).toEqual(expected);
    expect(decisions(run, run.modes.microbatch)).toEqual(expected);
  });

  it('sliding 2000 / 1000: a@700 is dropped from [-1000,1000) only; [0,2000) (2000 > 1500) counts it', () => {
    const run = runToEnd(scripted([ev('a', 1, 1500, at(100)), ev('a', 1, 700, at(1100))], spark({ type: 'sliding', size: 2000, slide: 1000 })));
    expect(decisions(run, run.modes.streaming)).toEqual([['late-dropped', 'lateness.spark', 700, 2000, -1000, 1000, 1500, 1000]]);
    expect(run.modes.streaming.counters.droppedLate).toBe(0);
  });

  it('session gap 500: a@900 is dropped, its own session [900,1400) ends 1400 <= 1500', () => {
    const run = runToEnd(scripted([ev('a', 1, 1500, at(100)), ev('a', 1, 900, at(1100))], spark({ type: 'session', gap: 500 })));
    expect(decisions(run, run.modes.streaming)).toEqual([['late-dropped', 'lateness.spark', 900, 2000, 900, 1400, 1500, 1400]]);
  });
});
