/**
 * Published cases: test cases taken from the real engines' own test suites (Apache Flink, Apache
 * Beam, Kafka Streams, Spark Structured Streaming), translated into Streamlab's scripted scenario
 * format. Every expectation is the REAL engine's expected output as its test asserts it, not
 * whatever Streamlab happens to produce. Each case cites repository, file and test name, and
 * says how it was translated.
 *
 * General translation rules:
 *   - a test harness `processElement(record at t)` / TestStream `addElements(t)` / Kafka
 *     `pipeInput(k, v, t)` becomes one scripted entry `ev(key, value, t)`;
 *   - `processWatermark(W)` / `advanceWatermarkTo(W)` / `advanceInputWatermark(W)` becomes a
 *     punctuated marker `wm(W)`; `advanceWatermarkToInfinity()` becomes wm(9007199254740991);
 *   - `advanceProcessingTime(T)` becomes `{ processingTime: T }` (absolute; TestStream's relative
 *     durations are added up);
 *   - Spark `AddData(...)` becomes one micro-batch: all of its rows get the same arrivalTime
 *     (100 ms after a batch boundary), and every AddData is followed by an empty batch, which
 *     plays the role of Spark's no-data batch that applies a moved watermark;
 *   - seconds in Spark tests become milliseconds x 1000; Flink/Beam/Kafka times stay as they are;
 *   - Flink's SumReducer over (key, 1) tuples is `aggregate: "sum"` with value 1; Beam
 *     Sum.ofIntegers is "sum"; Kafka/Spark count() is "count".
 *
 * The last describe block holds a case where Streamlab follows its own documented rule rather
 * than the engine's implementation (docs/semantics.md, "Where Streamlab's profiles differ"): it
 * asserts Streamlab's rule and states what the engine does instead.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/engine/index';
import { ev, rows, runToEnd, scripted, wm, type Row } from '../../helpers/scripted';

const INF = 9007199254740991;
const pt = (processingTime: number) => ({ processingTime });
const at = (arrivalTime: number) => ({ arrivalTime });

/** [key, start, end, value, firing] per result (no emission time: the engines' tests do not assert it). */
type Out = [string, number, number, number, string];
const out = (run: Run): Out[] => rows(run.modes.streaming.results).map((r: Row) => [r[0], r[1], r[2], r[3], r[4]]);
const sorted = (o: Out[]): Out[] => [...o].sort((a, b) => a[2] - b[2] || a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[3] - b[3]);
const panes = (run: Run) => run.modes.streaming.results.map((r) => r.pane);
const droppedTimes = (run: Run) => run.modes.streaming.dropped.map((d) => d.eventTime);

// ---------------------------------------------------------------------------------------------
// Apache Flink
// ---------------------------------------------------------------------------------------------
describe('published: Flink', () => {
  it('WindowOperatorTest.testDropDueToLatenessSliding (sliding 3s/1s, allowed lateness 0)', () => {
    // Source: apache/flink, flink-streaming-java/src/test/java/org/apache/flink/streaming/runtime/
    // operators/windowing/WindowOperatorTest.java, testDropDueToLatenessSliding.
    // SlidingEventTimeWindows.of(3 s, 1 s), EventTimeTrigger, SumReducer, LATENESS = 0.
    // Flink's expected records carry the window's maxTimestamp (end - 1): 1999 -> [-1000, 2000),
    // 2999 -> [0, 3000), 3999 -> [1000, 4000), 4999 -> [2000, 5000), 5999 -> [3000, 6000).
    // The two key2@2400 are skipped for [0, 3000) (already late at WM 3000) but kept for the others;
    // the last key1@3001 is dropped as late from all its windows.
    const entries = [
      ev('key2', 1, 1000), wm(1999),
      ev('key2', 1, 2000), wm(3000),
      ev('key1', 1, 3001), ev('key2', 1, 2400), ev('key2', 1, 2400), ev('key1', 1, 3001), ev('key2', 1, 3900), wm(6000),
      ev('key1', 1, 3001), wm(25000),
    ];
    const run = runToEnd(scripted(entries, { semantics: 'flink', window: { type: 'sliding', size: 3000, slide: 1000 }, aggregate: 'sum', flushAtEnd: false }));
    expect(sorted(out(run))).toEqual([
      ['key2', -1000, 2000, 1, 'on-time'],
      ['key2', 0, 3000, 2, 'on-time'],
      ['key1', 1000, 4000, 2, 'on-time'],
      ['key2', 1000, 4000, 5, 'on-time'],
      ['key1', 2000, 5000, 2, 'on-time'],
      ['key2', 2000, 5000, 4, 'on-time'],
      ['key1', 3000, 6000, 2, 'on-time'],
      ['key2', 3000, 6000, 1, 'on-time'],
    ]);
    expect(droppedTimes(run)).toEqual([3001]);
  });

  it('WindowOperatorTest.testDropDueToLatenessSessionZeroLateness (gap 3 s, lateness 0)', () => {
    // Source: same file, testDropDueToLatenessSessionZeroLateness.
    // EventTimeSessionWindows.withGap(3 s), EventTimeTrigger, lateness 0, sum of ones.
    // Expected: ("key2-5", 1000, 11500) at WM 11501; ("key2-1", 11600, 14600) at WM 14600;
    // key2@10000 dropped as late; ("key2-1", 14500, 17500) at WM 20000 (the 11600 session was
    // already purged, so 14500 does not merge with it).
    const entries = [
      ev('key2', 1, 1000), wm(1999),
      ev('key2', 1, 2000), wm(4998),
      ev('key2', 1, 4500), // not dropped: its session's maxTimestamp is after the watermark
      ev('key2', 1, 8500), wm(7400),
      ev('key2', 1, 7000), wm(11501), // merges both sessions into [1000, 11500)
      ev('key2', 1, 11600), wm(14600),
      ev('key2', 1, 10000), // dropped as late
      ev('key2', 1, 14500), wm(20000),
      wm(100000),
    ];
    const run = runToEnd(scripted(entries, { semantics: 'flink', window: { type: 'session', gap: 3000 }, aggregate: 'sum', flushAtEnd: false }));
    expect(out(run)).toEqual([
      ['key2', 1000, 11500, 5, 'on-time'],
      ['key2', 11600, 14600, 1, 'on-time'],
      ['key2', 14500, 17500, 1, 'on-time'],
    ]);
    expect(droppedTimes(run)).toEqual([10000]);
  });

  it('EventTimeSessionWindowsTest.testMergeConsecutiveWindows (touching sessions merge)', () => {
    // Source: apache/flink, flink-streaming-java/src/test/java/org/apache/flink/streaming/runtime/
    // operators/windowing/EventTimeSessionWindowsTest.java, testMergeConsecutiveWindows.
    // mergeWindows([0,1), [1,2), [2,3), [4,5), [5,6)) must call merge twice: into [0,3) and [4,6)
    // (TimeWindow.intersects is start <= other.end && end >= other.start: touching counts).
    // Translation: gap 1 ms, one event at each window start; the +infinity watermark at the end
    // of input fires both merged sessions.
    const entries = [ev('k', 1, 0), ev('k', 1, 1), ev('k', 1, 2), ev('k', 1, 4), ev('k', 1, 5)];
    const run = runToEnd(scripted(entries, { semantics: 'flink', window: { type: 'session', gap: 1 }, aggregate: 'count' }));
    expect(out(run)).toEqual([
      ['k', 0, 3, 3, 'on-time'],
      ['k', 4, 6, 2, 'on-time'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Apache Beam
// ---------------------------------------------------------------------------------------------
describe('published: Beam', () => {
  it('ReduceFnRunnerTest.testOnlyOneOnTimePane (default trigger, accumulating, lateness 100)', () => {
    // Source: apache/beam, runners/core-java/src/test/java/org/apache/beam/runners/core/
    // ReduceFnRunnerTest.java, testOnlyOneOnTimePane.
    // FixedWindows(10 ms), DefaultTrigger, ACCUMULATING, allowed lateness 100, Sum.
    // advanceInputWatermark(0); inject 1@1; advanceInputWatermark(10) -> ON_TIME pane 1 (index 0);
    // inject 3@3 -> LATE pane 1 + 3 = 4 (index 1, onTimeIndex 1).
    const entries = [wm(0), ev('k', 1, 1), wm(10), ev('k', 3, 3)];
    const run = runToEnd(scripted(entries, { semantics: 'beam', window: { type: 'tumbling', size: 10 }, aggregate: 'sum', allowedLateness: 100, flushAtEnd: false }));
    expect(out(run)).toEqual([
      ['k', 0, 10, 1, 'on-time'],
      ['k', 0, 10, 4, 'late'],
    ]);
    expect(panes(run)).toEqual([0, 1]);
  });

  it('ReduceFnRunnerTest.testProcessingTime (early every 5 ms, late every 25 ms of processing time)', () => {
    // Source: same file, testProcessingTime.
    // FixedWindows(10 ms); trigger AfterEach.inOrder(Repeatedly(AfterProcessingTime+5).orFinally(
    // AfterWatermark.pastEndOfWindow()), Repeatedly(AfterProcessingTime+25)), which is
    // AfterWatermark.pastEndOfWindow().withEarlyFirings(pt+5).withLateFirings(pt+25);
    // ACCUMULATING, allowed lateness 100, Sum of ones.
    // Expected 4 panes: EARLY 4 (index 0), ON_TIME 6 (index 1), LATE 11 (index 2), LATE 12 (index 3,
    // the final pane emitted at garbage collection, watermark 125 > 9 + 100).
    const entries = [
      wm(0), pt(0),
      ev('k', 1, 1), ev('k', 1, 3), ev('k', 1, 7), ev('k', 1, 5), // all at processing time 0
      pt(6), // "fire [1,3,7,5] since 6 > 0 + 5"
      ev('k', 1, 8), ev('k', 1, 4),
      wm(11), // "fire [1,3,7,5,8,4] since 11 > 9"
      ev('k', 1, 8), ev('k', 1, 4), ev('k', 1, 5),
      wm(12),
      ev('k', 1, 3),
      pt(15),
      ev('k', 1, 5),
      pt(32), // "fire since 32 > 6 + 25"
      ev('k', 1, 3),
      wm(125), // garbage collection: the pending element goes out as the final pane
    ];
    const processor = {
      semantics: 'beam',
      window: { type: 'tumbling', size: 10 },
      aggregate: 'sum',
      accumulation: 'accumulating',
      allowedLateness: 100,
      trigger: {
        type: 'afterWatermark',
        early: { type: 'processingTimeAfterFirstElementInPane', delay: 5 },
        late: { type: 'processingTimeAfterFirstElementInPane', delay: 25 },
      },
      flushAtEnd: false,
    };
    const run = runToEnd(scripted(entries, processor));
    expect(out(run)).toEqual([
      ['k', 0, 10, 4, 'early'],
      ['k', 0, 10, 6, 'on-time'],
      ['k', 0, 10, 11, 'late'],
      ['k', 0, 10, 12, 'late'],
    ]);
    expect(panes(run)).toEqual([0, 1, 2, 3]);
  });

  it('TestStreamTest.testDiscardingMode (early count 2, no late firings, final pane at expiry)', () => {
    // Source: apache/beam, sdks/java/core/src/test/java/org/apache/beam/sdk/testing/TestStreamTest.java,
    // testDiscardingMode.
    // FixedWindows(1000), AfterWatermark.pastEndOfWindow().withEarlyFirings(AfterPane.elementCountAtLeast(2))
    // .withLateFirings(Never.ever()), DISCARDING, allowed lateness 5000.
    // Expected: early pane {firstPane, alsoFirstPane}; on-time pane {onTimePane}; final (late) pane
    // {finalLatePane, alsoFinalLatePane}, emitted when the window is garbage-collected.
    // Translation: Streamlab has no Never trigger; elementCountAtLeast 3 never fires for the two
    // late elements, which is all Never does here. Values are counted.
    const entries = [
      wm(0),
      ev('k', 1, 100), ev('k', 1, 200), // firstPane, alsoFirstPane
      ev('k', 1, 500), // onTimePane
      wm(1000),
      ev('k', 1, 750), ev('k', 1, 250), // finalLatePane, alsoFinalLatePane
      wm(INF),
    ];
    const processor = {
      semantics: 'beam',
      window: { type: 'tumbling', size: 1000 },
      aggregate: 'count',
      accumulation: 'discarding',
      allowedLateness: 5000,
      trigger: { type: 'afterWatermark', early: { type: 'elementCountAtLeast', count: 2 }, late: { type: 'elementCountAtLeast', count: 3 } },
      flushAtEnd: false,
    };
    const run = runToEnd(scripted(entries, processor));
    expect(out(run)).toEqual([
      ['k', 0, 1000, 2, 'early'],
      ['k', 0, 1000, 1, 'on-time'],
      ['k', 0, 1000, 2, 'late'],
    ]);
    expect(panes(run)).toEqual([0, 1, 2]);
  });

  it('TestStreamTest.testFirstElementLate (a droppable element in a window far before 0)', () => {
    // Source: same file, testFirstElementLate.
    // FixedWindows(1000), DefaultTrigger, DISCARDING, allowed lateness 5000.
    // advanceWatermarkTo(0); "late"@-1_000_000; "onTime"@100; advanceWatermarkToInfinity.
    // Expected: window [-1000000, -999000) is empty (the element is droppable: -999001 + 5000 < 0),
    // window [0, 1000) holds only "onTime".
    const entries = [wm(0), ev('k', 1, -1_000_000), ev('k', 1, 100), wm(INF)];
    const run = runToEnd(scripted(entries, { semantics: 'beam', window: { type: 'tumbling', size: 1000 }, aggregate: 'count', accumulation: 'discarding', allowedLateness: 5000, flushAtEnd: false }));
    expect(out(run)).toEqual([['k', 0, 1000, 1, 'on-time']]);
    expect(droppedTimes(run)).toEqual([-1_000_000]);
  });

  it('SessionsTest.testSimple / testTimeUnit / testMerging (only overlapping sessions merge)', () => {
    // Source: apache/beam, sdks/java/core/src/test/java/org/apache/beam/sdk/transforms/windowing/
    // SessionsTest.java. runWindowFn(Sessions.withGapDuration(...), timestamps) assigns and merges:
    //   testSimple   gap 10, [0, 10, 101]  -> [0,10) {0}, [10,20) {10}, [101,111) {101} (touching stay apart)
    //   testTimeUnit gap 1000, [1, 2, 1000, 5000, 5001, 10000] -> [1,2000) 3, [5000,6001) 2, [10000,11000) 1
    //   testMerging  gap 10, [1, 15, 30, 100, 101, 95, 22, 10] -> [1,40) 5, [95,111) 3
    // Translation: one key, the +infinity watermark at the end of input emits every session once.
    const sessions = (gap: number, times: number[]) =>
      out(runToEnd(scripted(times.map((t) => ev('k', 1, t)), { semantics: 'beam', window: { type: 'session', gap }, aggregate: 'count' })));
    expect(sorted(sessions(10, [0, 10, 101]))).toEqual([
      ['k', 0, 10, 1, 'on-time'],
      ['k', 10, 20, 1, 'on-time'],
      ['k', 101, 111, 1, 'on-time'],
    ]);
    expect(sorted(sessions(1000, [1, 2, 1000, 5000, 5001, 10000]))).toEqual([
      ['k', 1, 2000, 3, 'on-time'],
      ['k', 5000, 6001, 2, 'on-time'],
      ['k', 10000, 11000, 1, 'on-time'],
    ]);
    expect(sorted(sessions(10, [1, 15, 30, 100, 101, 95, 22, 10]))).toEqual([
      ['k', 1, 40, 5, 'on-time'],
      ['k', 95, 111, 3, 'on-time'],
    ]);
  });

  it('TestStreamTest.testEarlyPanesOfWindow (early panes every 5 minutes of processing time)', () => {
    // Source: apache/beam, TestStreamTest.java, testEarlyPanesOfWindow.
    // FixedWindows(30 min), AfterWatermark.pastEndOfWindow().withEarlyFirings(
    // AfterProcessingTime.pastFirstElementInPane().plusDelayOf(5 min)), ACCUMULATING, lateness 0, Sum.
    // 1@1000; advanceProcessingTime(6 min); 2@2000; advanceProcessingTime(6 min); 3@3000;
    // advanceProcessingTime(6 min); advanceWatermarkToInfinity.
    // Expected: exactly 3 early panes {1, 3, 6} and one on-time pane {6}.
    const min = 60_000;
    const entries = [ev('key', 1, 1000), pt(6 * min), ev('key', 2, 2000), pt(12 * min), ev('key', 3, 3000), pt(18 * min), wm(INF)];
    const processor = {
      semantics: 'beam',
      window: { type: 'tumbling', size: 30 * min },
      aggregate: 'sum',
      accumulation: 'accumulating',
      trigger: { type: 'afterWatermark', early: { type: 'processingTimeAfterFirstElementInPane', delay: 5 * min } },
      flushAtEnd: false,
    };
    const run = runToEnd(scripted(entries, processor));
    expect(out(run)).toEqual([
      ['key', 0, 30 * min, 1, 'early'],
      ['key', 0, 30 * min, 3, 'early'],
      ['key', 0, 30 * min, 6, 'early'],
      ['key', 0, 30 * min, 6, 'on-time'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Kafka Streams
// ---------------------------------------------------------------------------------------------
describe('published: Kafka Streams', () => {
  // Source for all three: apache/kafka, streams/src/test/java/org/apache/kafka/streams/kstream/
  // internals/SuppressScenarioTest.java. Each test writes the raw KTable updates ("output-raw",
  // caching disabled) and the suppressed final results ("output-suppressed"). Raw tombstones
  // (value null) of merged-away sessions are Streamlab retractions. One input partition = one task.

  it('SuppressScenarioTest.shouldSupportFinalResultsForTimeWindows (size 2, grace 1)', () => {
    // TimeWindows.ofSizeAndGrace(2 ms, 1 ms), count. Input k1 at 0, 1, 2, 1, 0, 5, 0; the last 0
    // "gets dropped because it is out of the grace period".
    const entries = [0, 1, 2, 1, 0, 5, 0].map((t) => ev('k1', 1, t));
    const base = { semantics: 'kafka-streams', window: { type: 'tumbling', size: 2 }, aggregate: 'count', allowedLateness: 1, flushAtEnd: false };
    const raw = runToEnd(scripted(entries, base));
    expect(out(raw)).toEqual([
      ['k1', 0, 2, 1, 'update'],
      ['k1', 0, 2, 2, 'update'],
      ['k1', 2, 4, 1, 'update'],
      ['k1', 0, 2, 3, 'update'],
      ['k1', 0, 2, 4, 'update'],
      ['k1', 4, 6, 1, 'update'],
    ]);
    expect(droppedTimes(raw)).toEqual([0]);
    const suppressed = runToEnd(scripted(entries, { ...base, suppress: 'untilWindowCloses' }));
    expect(out(suppressed)).toEqual([
      ['k1', 0, 2, 4, 'on-time'],
      ['k1', 2, 4, 1, 'on-time'],
    ]);
  });

  it('SuppressScenarioTest.shouldSupportFinalResultsForTimeWindowsWithLargeJump (size 2, grace 2)', () => {
    // TimeWindows.ofSizeAndGrace(2 ms, 2 ms), count. Input k1 at 0, 1, 2, 0, 3, 0, 4, 0, 30; the 0
    // after 4 "should get dropped, since the previous event advanced the stream time and closed the window".
    const entries = [0, 1, 2, 0, 3, 0, 4, 0, 30].map((t) => ev('k1', 1, t));
    const base = { semantics: 'kafka-streams', window: { type: 'tumbling', size: 2 }, aggregate: 'count', allowedLateness: 2, flushAtEnd: false };
    const raw = runToEnd(scripted(entries, base));
    expect(out(raw)).toEqual([
      ['k1', 0, 2, 1, 'update'],
      ['k1', 0, 2, 2, 'update'],
      ['k1', 2, 4, 1, 'update'],
      ['k1', 0, 2, 3, 'update'],
      ['k1', 2, 4, 2, 'update'],
      ['k1', 0, 2, 4, 'update'],
      ['k1', 4, 6, 1, 'update'],
      ['k1', 30, 32, 1, 'update'],
    ]);
    const suppressed = runToEnd(scripted(entries, { ...base, suppress: 'untilWindowCloses' }));
    expect(out(suppressed)).toEqual([
      ['k1', 0, 2, 4, 'on-time'],
      ['k1', 2, 4, 2, 'on-time'],
      ['k1', 4, 6, 1, 'on-time'],
    ]);
  });

  it('SuppressScenarioTest.shouldSupportFinalResultsForSessionWindows (gap 5, no grace)', () => {
    // SessionWindows.ofInactivityGapWithNoGrace(5 ms), count. Input k1@0, k1@5, k1@1, k2@11, k1@5, k1@30.
    // "any record in the same partition advances stream time (note the key is different)";
    // the second k1@5 is "dropped from all streams, since the first window is now closed".
    // Raw: [k1@0/0]=1, [k1@0/0]=null, [k1@0/5]=2, [k1@0/5]=null, [k1@0/5]=3, [k2@11/11]=1, [k1@30/30]=1.
    // Suppressed: [k1@0/5]=3, [k2@11/11]=1.
    const entries = [ev('k1', 1, 0), ev('k1', 1, 5), ev('k1', 1, 1), ev('k2', 1, 11), ev('k1', 1, 5), ev('k1', 1, 30)];
    const base = { semantics: 'kafka-streams', window: { type: 'session', gap: 5 }, aggregate: 'count', flushAtEnd: false };
    const raw = runToEnd(scripted(entries, base));
    expect(out(raw)).toEqual([
      ['k1', 0, 0, 1, 'update'],
      ['k1', 0, 0, 1, '-update'],
      ['k1', 0, 5, 2, 'update'],
      ['k1', 0, 5, 2, '-update'],
      ['k1', 0, 5, 3, 'update'],
      ['k2', 11, 11, 1, 'update'],
      ['k1', 30, 30, 1, 'update'],
    ]);
    expect(droppedTimes(raw)).toEqual([5]);
    const suppressed = runToEnd(scripted(entries, { ...base, suppress: 'untilWindowCloses' }));
    expect(out(suppressed)).toEqual([
      ['k1', 0, 5, 3, 'on-time'],
      ['k2', 11, 11, 1, 'on-time'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Spark Structured Streaming
// ---------------------------------------------------------------------------------------------
describe('published: Spark', () => {
  // Micro-batches every 1000 ms; each AddData arrives 100 ms after a boundary, followed by an
  // empty batch (Spark's no-data batch). Watermark delay = watermark.bound.
  const spark = (extra: Record<string, unknown>) => ({ semantics: 'spark', aggregate: 'count', flushAtEnd: false, ...extra });

  it('EventTimeWatermarkSuite "append mode" (5 s windows, 10 s delay)', () => {
    // Source: apache/spark, sql/core/src/test/scala/org/apache/spark/sql/streaming/
    // EventTimeWatermarkSuite.scala, test("append mode").
    // AddData(10..15) -> nothing; AddData(25) "Advance watermark to 15 seconds" -> (10, 5);
    // AddData(10) "Should not emit anything as data less than watermark" (numRowsDroppedByWatermark 1).
    const s = 1000;
    const entries = [
      ...[10, 11, 12, 13, 14, 15].map((t) => ev('a', 1, t * s, at(100))), // batch at 1000
      ev('a', 1, 25 * s, at(1100)), // batch at 2000; batch at 3000 applies W = 15 s
      ev('a', 1, 10 * s, at(3100)), // batch at 4000
    ];
    const run = runToEnd(
      scripted(entries, spark({ window: { type: 'tumbling', size: 5 * s }, watermark: { type: 'boundedOutOfOrderness', bound: 10 * s } }), {
        microBatch: { interval: 1000, outputMode: 'append' },
        duration: 5000,
      }),
    );
    expect(out(run)).toEqual([['a', 10 * s, 15 * s, 5, 'on-time']]);
    expect(droppedTimes(run)).toEqual([10 * s]);
  });

  it('EventTimeWatermarkSuite "update mode" (5 s windows, 10 s delay)', () => {
    // Source: same file, test("update mode").
    // AddData(10..15) -> (10,5),(15,1); AddData(25) -> (25,1); AddData(10, 25) -> (25,2), 10 ignored;
    // AddData(10) -> nothing.
    const s = 1000;
    const entries = [
      ...[10, 11, 12, 13, 14, 15].map((t) => ev('a', 1, t * s, at(100))),
      ev('a', 1, 25 * s, at(1100)),
      ev('a', 1, 10 * s, at(3100)), ev('a', 1, 25 * s, at(3100)),
      ev('a', 1, 10 * s, at(5100)),
    ];
    const run = runToEnd(
      scripted(entries, spark({ window: { type: 'tumbling', size: 5 * s }, watermark: { type: 'boundedOutOfOrderness', bound: 10 * s } }), {
        microBatch: { interval: 1000, outputMode: 'update' },
        duration: 7000,
      }),
    );
    expect(sorted(out(run))).toEqual(
      sorted([
        ['a', 10 * s, 15 * s, 5, 'update'],
        ['a', 15 * s, 20 * s, 1, 'update'],
        ['a', 25 * s, 30 * s, 1, 'update'],
        ['a', 25 * s, 30 * s, 2, 'update'],
      ]),
    );
    expect(droppedTimes(run)).toEqual([10 * s, 10 * s]);
  });

  it('StreamingSessionWindowSuite "append mode - session window" (gap 10 s, delay 30 s; touching sessions merge)', () => {
    // Source: apache/spark, sql/core/src/test/scala/org/apache/spark/sql/streaming/
    // StreamingSessionWindowSuite.scala, testWithAllOptions("append mode - session window").
    // Each line is split into words; each word is a session key. session_window(eventTime, 10 s),
    // withWatermark 30 s, count. The late rows at 0 s ("session's end 10 ... watermark 11") are
    // dropped (2 rows); "spark streaming" at 30 s concatenates [25,35) and [40,50)/[40,51) into one
    // session: [30,40) overlaps [25,35) and touches [40, ...). Only the final AddData (90 s, W -> 60 s)
    // makes append mode emit: (spark,25,50,3), (streaming,25,51,4), (hello,40,51,2), (world,40,51,2),
    // (structured,41,51,1).
    const s = 1000;
    const words = (line: string, t: number, arrival: number) => line.split(' ').map((w) => ev(w, 1, t * s, at(arrival)));
    const entries = [
      ...words('hello world spark streaming', 40, 100),
      ...words('world hello structured streaming', 41, 100),
      ...words('spark streaming', 25, 2100),
      ...words('spark streaming', 0, 4100),
      ...words('spark streaming', 30, 6100),
      ...words('hello apache spark', 60, 8100),
      ...words('structured streaming', 90, 10100),
    ];
    const run = runToEnd(
      scripted(entries, spark({ window: { type: 'session', gap: 10 * s }, watermark: { type: 'boundedOutOfOrderness', bound: 30 * s } }), {
        microBatch: { interval: 1000, outputMode: 'append' },
        duration: 12500,
      }),
    );
    expect(sorted(out(run))).toEqual(
      sorted([
        ['spark', 25 * s, 50 * s, 3, 'on-time'],
        ['streaming', 25 * s, 51 * s, 4, 'on-time'],
        ['hello', 40 * s, 51 * s, 2, 'on-time'],
        ['world', 40 * s, 51 * s, 2, 'on-time'],
        ['structured', 41 * s, 51 * s, 1, 'on-time'],
      ]),
    );
    expect(droppedTimes(run)).toEqual([0, 0]);
  });
});

// ---------------------------------------------------------------------------------------------
// A documented difference: Streamlab's rule, with the engine's behaviour beside it
// ---------------------------------------------------------------------------------------------
describe('published, where Streamlab documents a different rule', () => {
  it('Beam AfterWatermarkStateMachineTest.testEarlyAndAtWatermark: Beam closes an early-only AfterWatermark window at the on-time pane; Streamlab fires a late pane per late element', () => {
    // Sources:
    //  - apache/beam, runners/core-java/src/test/java/org/apache/beam/runners/core/triggers/
    //    AfterWatermarkStateMachineTest.java, testEarlyAndAtWatermark: with
    //    AfterWatermark.pastEndOfWindow().withEarlyFirings(early) (no late firings), after the
    //    watermark fires the window "assertTrue(tester.isMarkedFinished(window))".
    //  - AfterWatermarkStateMachine.onNonLateFiring: "if (lateTrigger == null) { // Done if there is
    //    no late trigger. context.trigger().setFinished(true); }".
    //  - ReduceFnRunnerTest.testOnElementBufferingDiscarding: "This element shouldn't be seen,
    //    because the trigger has finished" (counted in droppedDueToClosedWindow).
    // Translation: FixedWindows(100), early = elementCountAtLeast(1), ACCUMULATING, allowed lateness
    // 1000 (so the late element is NOT droppable by lateness, only by the closed trigger).
    // Beam: early pane 1 (index 0), on-time pane 1 (index 1, empty-but-on-time panes fire), then
    // the element at 2 is dropped: no late pane.
    // Streamlab follows the rule instead: an afterWatermark without `late` fires a late
    // pane for every late element, as Beam's default trigger does; so the element at 2 is counted
    // in a late pane with value 2 (index 2). To close the window as Beam does, the difference is
    // listed in docs/semantics.md; `late: { type: "never" }` comes closest (the element waits for
    // the final pane at expiry, see the test below).
    const entries = [ev('k', 1, 1), wm(100), ev('k', 1, 2)];
    const processor = {
      semantics: 'beam',
      window: { type: 'tumbling', size: 100 },
      aggregate: 'count',
      accumulation: 'accumulating',
      allowedLateness: 1000,
      trigger: { type: 'afterWatermark', early: { type: 'elementCountAtLeast', count: 1 } },
      flushAtEnd: false,
    };
    const run = runToEnd(scripted(entries, processor));
    expect(out(run)).toEqual([
      ['k', 0, 100, 1, 'early'],
      ['k', 0, 100, 1, 'on-time'],
      ['k', 0, 100, 2, 'late'],
    ]);
    expect(panes(run)).toEqual([0, 1, 2]);
  });
});
