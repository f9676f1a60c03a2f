/**
 * The run's Observables as marble diagrams: each test is the picture a learner would draw of a
 * tiny scripted scenario, with the expected marble worked out by hand from the scenario.
 *
 * How time maps onto frames: observeRun takes any virtual-time SchedulerLike, so here it runs on
 * the TestScheduler itself (the engine never imports it) and, in `run` mode, 1 frame = 1 ms of
 * virtual time. `play()` is scheduled at frame 0 after expectObservable's subscriptions (the
 * streams are hot), advances the run to its end and schedules each emission at its virtual time.
 *
 * Marble reminders: in `run` mode spaces are ignored; `a` takes one frame; `5ms` moves 5 frames;
 * `(ab)` emits a and b in the same frame, and the next item comes 4 frames later (one per
 * character of the group). Unless said otherwise every scenario below has one partition and one
 * consumer reading each record as it is appended, 10 ms tumbling windows, punctuated watermarks,
 * a sum, micro-batches every 10 ms, and ends at 10 ms: the first micro-batch after the input's end
 * (the last batch time, (floor(inputEnd / 10) + 1) * 10), where every stream completes.
 */
import { describe, expect, it } from 'vitest';
import { map, filter, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createRun, observeRun, type RunStreams } from '../../../src/engine/index';
import { ev, scripted, wm } from '../../helpers/scripted';

type Json = Record<string, unknown>;
type Helpers = Parameters<Parameters<TestScheduler['run']>[0]>[0];

const PROCESSOR = { window: { type: 'tumbling', size: 10 }, aggregate: 'sum' };
const BATCHES = { microBatch: { interval: 10 } };

/** Runs a scripted scenario's streams on a TestScheduler; `body` states the expected marbles. */
function diagram(entries: Json[], body: (s: RunStreams, h: Helpers) => void, processor: Json = {}, extra: Json = {}): void {
  const scenario = scripted(entries, { ...PROCESSOR, ...processor }, { ...BATCHES, ...extra });
  const ts = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  ts.run((helpers) => {
    const streams = observeRun(createRun(scenario), { scheduler: ts });
    body(streams, helpers);
    ts.schedule(() => streams.play(), 0);
  });
}

const windowed = (o: Observable<{ result: { key: string; window: { start: number; end: number }; value: number } }>) =>
  o.pipe(map(({ result: r }) => `${r.key}[${r.window.start},${r.window.end})=${r.value}`));

// Keys on known partitions of 2 (murmur2, worked out in test/engine/broker/topic-log.test.ts).
const K0 = 'foobar';
const K1 = 'a-little-bit-longer-string';

/** Two events in one window, a watermark marker that closes it, and one event in the next. */
const ON_TIME = [ev('k', 1, 1, { arrivalTime: 0 }), ev('k', 2, 4, { arrivalTime: 1 }), wm(9, { arrivalTime: 3 }), ev('k', 4, 12, { arrivalTime: 6 })];

describe('marbles: the topic and the group', () => {
  it('records appended on two partitions, one line per partition', () => {
    // K0 at 0 (offset 0) and 5 (offset 1) on partition 0; K1 at 2 on partition 1. Input ends at
    // 5, so the run ends at 10: p0 is a@0 b@5 |@10, p1 is x@2 |@10.
    diagram([ev(K0, 1, 1, { arrivalTime: 0 }), ev(K1, 1, 1, { arrivalTime: 2 }), ev(K0, 1, 1, { arrivalTime: 5 })], (s, { expectObservable }) => {
      const on = (p: number) => s.appended$.pipe(filter((r) => r.partition === p), map((r) => `o${r.offset}`));
      expectObservable(on(0)).toBe('a 4ms b 4ms |', { a: 'o0', b: 'o1' });
      expectObservable(on(1)).toBe('2ms x 7ms |', { x: 'o0' });
    }, {}, { topic: { partitions: 2 } });
  });

  it('the consumer group reads each record as it is appended, partition:offset', () => {
    // One consumer owns both partitions and reads without delay: reads at 0, 2 and 5.
    diagram([ev(K0, 1, 1, { arrivalTime: 0 }), ev(K1, 1, 1, { arrivalTime: 2 }), ev(K0, 1, 1, { arrivalTime: 5 })], (s, { expectObservable }) => {
      expectObservable(s.read$.pipe(map((r) => `${r.partition}:${r.offset}`))).toBe('a 1ms b 2ms c 4ms |', { a: '0:0', b: '1:0', c: '0:1' });
    }, {}, { topic: { partitions: 2 } });
  });

  it('a crash loses uncommitted reads: the restarted consumer reads them again', () => {
    // Reads at 0 and 1; c0 crashes at 3 before its first auto-commit (5), so nothing is
    // committed; the record appended at 6 waits. At the restart (3 + 4 = 7) it reads from
    // offset 0 again: offsets 0 and 1 again (after-crash) and 2 for the first time, all at 7.
    // Micro-batches every 20 ms here so the run ends at 20, after that group: (cde) at 7 fills
    // frames 7 to 11, and 8ms more reaches 20.
    const entries = [ev('k', 1, 1, { arrivalTime: 0 }), ev('k', 1, 2, { arrivalTime: 1 }), ev('k', 1, 7, { arrivalTime: 6 })];
    diagram(entries, (s, { expectObservable }) => {
      expectObservable(s.read$.pipe(map((r) => `${r.offset} ${r.read}`))).toBe('ab 5ms (cde) 8ms |', {
        a: '0 first',
        b: '1 first',
        c: '0 after-crash',
        d: '1 after-crash',
        e: '2 first',
      });
    }, {}, { microBatch: { interval: 20 }, consumers: { crashes: [{ consumer: 'c0', at: 3, downtime: 4 }] } });
  });

  it('group events: the first assignment, a crash and the restart', () => {
    // The group starts with a rebalance at 0; c0 crashes at 5 and restarts at 5 + 3 = 8 (a
    // crashed member keeps its partitions, so no rebalance); the run ends at 10.
    diagram([ev('k', 1, 1, { arrivalTime: 0 })], (s, { expectObservable }) => {
      expectObservable(s.groupEvents$.pipe(map((e) => e.type))).toBe('a 4ms b 2ms c 1ms |', { a: 'rebalance', b: 'crash', c: 'restart' });
    }, {}, { consumers: { crashes: [{ consumer: 'c0', at: 5, downtime: 3 }] } });
  });

  it('a member joins: the join and the rebalance it causes share a frame', () => {
    // c1 joins at 3: a join and a rebalance at 3, after the first rebalance at 0.
    diagram([ev('k', 1, 1, { arrivalTime: 0 })], (s, { expectObservable }) => {
      expectObservable(s.groupEvents$.pipe(map((e) => e.type))).toBe('r 2ms (jr) 3ms |', { r: 'rebalance', j: 'join' });
    }, {}, { consumers: { joins: [{ consumer: 'c1', at: 3 }] } });
  });
});

describe('marbles: the streaming job', () => {
  it('a watermark line: the marker lifts it to 9, the end of input to +infinity', () => {
    // The marker (9) is read at 3; the input ends with the last read at 6, where the final
    // watermark is +infinity (flushAtEnd).
    diagram(ON_TIME, (s, { expectObservable }) => {
      expectObservable(s.modes.streaming.watermarks$.pipe(map((w) => w.watermark))).toBe('3ms a 2ms b 3ms |', { a: 9, b: Infinity });
    });
  });

  it('a window fires on time when the watermark reaches its end - 1', () => {
    // Flink fires [0, 10) once the watermark reaches 9 (at 3): 1 + 2 = 3. [10, 20) holds 4 and
    // fires at the final watermark, at 6.
    diagram(ON_TIME, (s, { expectObservable }) => {
      expectObservable(windowed(s.modes.streaming.results$)).toBe('3ms a 2ms b 3ms |', { a: 'k[0,10)=3', b: 'k[10,20)=4' });
    });
  });

  it('a late event is dropped once its window has fired', () => {
    // After the watermark 9 (at 3), an event at event time 5 arrives at 4: [0, 10) is past its
    // allowed lateness (0), so it is dropped at 4 as late.
    const entries = [...ON_TIME.slice(0, 3), ev('k', 8, 5, { arrivalTime: 4, id: 'late' }), ON_TIME[3]];
    diagram(entries, (s, { expectObservable }) => {
      expectObservable(s.modes.streaming.drops$.pipe(map((d) => `${d.drop.id} ${d.drop.reason}`))).toBe('4ms a 5ms |', { a: 'late late' });
    });
  });

  it('a duplicate is dropped by dedup, with the decision that dropped it', () => {
    // The same id "x" is sent at 0 and again at 2; with dedup on, the second copy is dropped at
    // its read (2). Its decision (the decisions about records: row >= 0; the window's firing at
    // the end of input is a decision too, about no record) comes at 2 as well.
    const entries = [ev('k', 1, 1, { arrivalTime: 0, id: 'x' }), ev('k', 1, 1, { arrivalTime: 2, id: 'x' })];
    diagram(entries, (s, { expectObservable }) => {
      expectObservable(s.modes.streaming.drops$.pipe(map((d) => `${d.drop.id} ${d.drop.reason}`))).toBe('2ms a 7ms |', { a: 'x duplicate' });
      const aboutRecords = s.modes.streaming.decisions$.pipe(filter((d) => d.decision.row >= 0));
      expectObservable(aboutRecords.pipe(map((d) => `${d.decision.verdict} ${d.decision.rule}`))).toBe('2ms a 7ms |', { a: 'duplicate gate.dedup-ttl' });
    }, { dedup: { enabled: true } });
  });

  it('a transactional sink shows its results at the commit, not at the firing', () => {
    // Exactly-once with checkpoints: the firings at 3 and 6 (as in the on-time diagram) become
    // visible at the final checkpoint Flink takes at the end of the bounded input (6).
    diagram(ON_TIME, (s, { expectObservable }) => {
      expectObservable(windowed(s.modes.streaming.results$)).toBe('6ms (ab)|', { a: 'k[0,10)=3', b: 'k[10,20)=4' });
    }, { guarantee: 'exactlyOnce', checkpoint: { interval: 100 } });
  });
});

describe('marbles: micro-batch and batch', () => {
  it('a micro-batch fires at its interval, with what was read since the last one', () => {
    // Update mode, batches every 10 ms: the batch at 10 sums the reads at 1 and 4 (1 + 2) into
    // [0, 10); the batch at 20 holds the read at 13 ([10, 20) = 4). Input ends at 13, so the run
    // ends at 20, with the last batch.
    const entries = [ev('k', 1, 1, { arrivalTime: 1 }), ev('k', 2, 4, { arrivalTime: 4 }), ev('k', 4, 13, { arrivalTime: 13 })];
    diagram(entries, (s, { expectObservable }) => {
      expectObservable(windowed(s.modes.microbatch.results$)).toBe('10ms a 9ms (b|)', { a: 'k[0,10)=3', b: 'k[10,20)=4' });
    }, { watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: 0 } }, { microBatch: { interval: 10, outputMode: 'update' } });
  });

  it('batch, the truth, emits every window at once when the input ends', () => {
    // The batch job runs once the group has read everything (6): both windows at 6, the late
    // event counted in [0, 10) (1 + 2 + 8 = 11).
    const entries = [...ON_TIME.slice(0, 3), ev('k', 8, 5, { arrivalTime: 4 }), ON_TIME[3]];
    diagram(entries, (s, { expectObservable }) => {
      expectObservable(windowed(s.modes.batch.results$)).toBe('6ms (ab)|', { a: 'k[0,10)=11', b: 'k[10,20)=4' });
    });
  });
});
