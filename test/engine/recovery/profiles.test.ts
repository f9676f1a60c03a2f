/**
 * Recovery per engine on one small scripted stream, every expected value worked out by hand from
 * docs/semantics.md, "Failures and recovery".
 *
 * The stream: one partition, one consumer c0 (auto-commit every 1000 ms), 15 records of key k,
 * value 1, record i (i = 0..14) with event time i*100 read at i*100. One tumbling window
 * [0, 10000), so the truth is 15. c0 crashes at 1450 and the job is back at 1500.
 *
 * Positions: a checkpoint or a Kafka Streams commit at 1000 holds everything the job did at or
 * before 1000, so it holds records 0..10 and the job reads again from record 11 (4 re-reads).
 * The Kafka client's own auto-commit at 1000 was scheduled before the read at 1000, so it
 * stores offset 10 (records 0..9): a job restarting from it reads records 10..14 again (5).
 * A Spark batch at 1000 runs before the reads at 1000, so it took records 0..9 and the query
 * re-reads from record 10.
 */
import { describe, expect, it } from 'vitest';
import { recordStory, validateScenario } from '../../../src/engine/index';
import { ev, rows, runToEnd, scenarioOf } from '../../helpers/scripted';

type Json = Record<string, unknown>;

const entries = Array.from({ length: 15 }, (_, i) => ev('k', 1, i * 100, { arrivalTime: i * 100 }));

function crashing(processor: Json, extra: Json = {}) {
  return scenarioOf({
    id: 'recovery',
    producers: [{ id: 's', type: 'scripted', entries }],
    consumers: { count: 1, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1450, downtime: 50 }] },
    processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count', ...processor },
    ...extra,
  });
}

/** The last value each mode emitted for k [0, 10000). */
const final = (results: readonly { value: number }[]) => results[results.length - 1]?.value;

describe('the truth is 15', () => {
  it('batch counts every record once', () => {
    const run = runToEnd(crashing({}));
    expect(rows(run.modes.batch?.results ?? []).map((r) => r[3])).toEqual([15]);
  });
});

describe('flink', () => {
  it('with checkpoints every 1000 ms: restores the 1000 checkpoint (11 records), reads 11..14 again, ends at the truth 15', () => {
    const run = runToEnd(crashing({ checkpoint: { interval: 1000 } }));
    expect(final(run.modes.streaming.results)).toBe(15);
    expect(run.jobs.streaming.recoveries).toEqual([
      { kind: 'crash', at: 1450, restartAt: 1500, restoredFrom: 'checkpoint', restoredTo: 1000, offsets: [11], reread: 4, recounted: 0, aborted: 0 },
    ]);
    // The checkpoint at 1000 is the only one before the failure; the job runs again from 1500
    // and its input ends there, so there is no later multiple of 1000 to checkpoint at.
    expect(run.jobs.streaming.checkpoints).toEqual({ time: [1000], offsets: [[11]] });
  });

  it('without checkpoints, from the committed offsets: empty state, reads 10..14 again, loses 10 counts: 5', () => {
    const run = runToEnd(crashing({}));
    expect(final(run.modes.streaming.results)).toBe(5);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ restoredFrom: 'empty', restoredTo: null, offsets: [10], reread: 5, recounted: 0 });
  });

  it('without checkpoints, from earliest: empty state, everything read again: 15 (but every earlier result would be emitted again)', () => {
    const run = runToEnd(crashing({ startFrom: 'earliest' }));
    expect(final(run.modes.streaming.results)).toBe(15);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ offsets: [0], reread: 15, recounted: 0 });
  });

  it('without checkpoints, from latest: empty state, nothing read again, the window never fires', () => {
    const run = runToEnd(crashing({ startFrom: 'latest' }));
    expect(run.modes.streaming.results).toEqual([]);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ offsets: [15], reread: 0 });
    // Every record still has its one fate: counted when it was first read.
    expect(run.modes.streaming.counters).toMatchObject({ counted: 15, inFlight: 0 });
  });

  it('exactly-once: results emitted after the last checkpoint are aborted, and the rest are visible at the checkpoint after their emission', () => {
    // onElement: one result per record. Records 0..10 fire at 0..1000 and commit with the
    // checkpoint at 1000. Records 11..14 fire at 1100..1400: their transaction is open at the
    // failure, so they are aborted. Restored from 1000 (count 11), the job reads 11..14 again at
    // 1500 and fires 12..15; the input ends at 1500 and Flink's final checkpoint commits them then.
    const run = runToEnd(crashing({ checkpoint: { interval: 1000 }, guarantee: 'exactlyOnce', trigger: 'onElement' }));
    const s = run.modes.streaming;
    expect(s.results.map((r) => [r.value, r.emittedAt, r.visibleAt])).toEqual([
      ...Array.from({ length: 11 }, (_, i) => [i + 1, i * 100, 1000]),
      [12, 1500, 1500],
      [13, 1500, 1500],
      [14, 1500, 1500],
      [15, 1500, 1500],
    ]);
    expect(s.aborted.map((r) => [r.value, r.emittedAt])).toEqual([
      [12, 1100],
      [13, 1200],
      [14, 1300],
      [15, 1400],
    ]);
    expect(run.jobs.streaming.recoveries[0].aborted).toBe(4);
    expect(s.counters.results).toBe(15);
  });

  it('at-least-once: the same results are delivered again after the restore, and visible when emitted', () => {
    const run = runToEnd(crashing({ checkpoint: { interval: 1000 }, trigger: 'onElement' }));
    const s = run.modes.streaming;
    expect(s.results.map((r) => [r.value, r.emittedAt])).toEqual([
      ...Array.from({ length: 15 }, (_, i) => [i + 1, i * 100]),
      [12, 1500],
      [13, 1500],
      [14, 1500],
      [15, 1500],
    ]);
    expect(s.results.every((r) => r.visibleAt === r.emittedAt)).toBe(true);
    expect(s.aborted).toEqual([]);
  });

  it('beam (on the Flink runner) recovers the same way', () => {
    const run = runToEnd(crashing({ semantics: 'beam', checkpoint: { interval: 1000 } }));
    expect(final(run.modes.streaming.results)).toBe(15);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ restoredFrom: 'checkpoint', restoredTo: 1000, reread: 4 });
  });
});

describe('kafka-streams', () => {
  it('at-least-once (cache off): the store keeps every update, the input restarts at the 1000 commit: 15 + 4 = 19', () => {
    const run = runToEnd(crashing({ semantics: 'kafka-streams', suppress: 'untilWindowCloses' }));
    expect(final(run.modes.streaming.results)).toBe(19);
    expect(run.jobs.streaming.recoveries).toEqual([
      { kind: 'crash', at: 1450, restartAt: 1500, restoredFrom: 'kept', restoredTo: null, offsets: [11], reread: 4, recounted: 4, aborted: 0 },
    ]);
    expect(run.modes.streaming.counters.recounted).toBe(4);
  });

  it('exactly-once: state rolls back to the 1000 commit with the offsets: the truth 15', () => {
    const run = runToEnd(crashing({ semantics: 'kafka-streams', suppress: 'untilWindowCloses', guarantee: 'exactlyOnce' }));
    expect(final(run.modes.streaming.results)).toBe(15);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ restoredFrom: 'commit', restoredTo: 1000, reread: 4, recounted: 0 });
  });
});

describe('spark (micro-batch)', () => {
  it('re-runs from the state of the batch at 1000 and reads 10..14 again: the truth 15', () => {
    const run = runToEnd(crashing({}, { microBatch: { interval: 1000, outputMode: 'append' } }));
    expect(final(run.modes.microbatch.results)).toBe(15);
    expect(run.jobs.microbatch.recoveries[0]).toMatchObject({ restoredFrom: 'batch', restoredTo: 1000, offsets: [10], reread: 5, recounted: 0 });
  });

  describe('a failure at a batch time interrupts that batch between its sink write and its commit', () => {
    // Update mode emits k's count after every batch. The batch at 1000 (records 0..9) writes 10,
    // then the query fails at 1000 (down until 1500). It restarts from the state before that batch
    // (empty) and runs the batch again at 1500, with the same records: 10 again. Records 10..14
    // (not read before the failure) come at 1500, after that batch, and go into the batch at 2000: 15.
    const interrupted = (guarantee: string) =>
      runToEnd(
        scenarioOf({
          id: 'interrupted',
          producers: [{ id: 's', type: 'scripted', entries }],
          consumers: { count: 1, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1000, downtime: 500 }] },
          processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count', guarantee, checkpoint: { interval: 1000 } },
          microBatch: { interval: 1000, outputMode: 'update' },
        }),
      );

    it('at-least-once (foreachBatch ignoring the batch id): the re-run batch writes 10 again', () => {
      const m = interrupted('atLeastOnce').modes.microbatch;
      expect(m.results.map((r) => [r.value, r.emittedAt, r.visibleAt])).toEqual([
        [10, 1000, 1000],
        [10, 1500, 1500],
        [15, 2000, 2000],
      ]);
      expect(m.aborted).toEqual([]);
    });

    it("exactly-once (a sink that skips committed batch ids): the interrupted attempt's output is never seen", () => {
      const run = interrupted('exactlyOnce');
      const m = run.modes.microbatch;
      expect(m.results.map((r) => [r.value, r.emittedAt, r.visibleAt])).toEqual([
        [10, 1500, 1500],
        [15, 2000, 2000],
      ]);
      expect(m.aborted.map((r) => [r.value, r.emittedAt])).toEqual([[10, 1000]]);
      expect(run.jobs.microbatch.recoveries[0]).toMatchObject({ restoredFrom: 'batch', restoredTo: 1000, offsets: [10], reread: 0, aborted: 1 });
    });
  });
});

describe('replays are new runs of the job', () => {
  const replayed = (replay: Json, processor: Json = {}) =>
    runToEnd(
      scenarioOf({
        id: 'replay',
        producers: [{ id: 's', type: 'scripted', entries }],
        consumers: { count: 1, commitInterval: 1000, replays: [{ at: 1450, ...replay }] },
        processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count', ...processor },
      }),
    );

  it('a new job with empty state from offset 5 counts records 5..14: 10', () => {
    const run = replayed({ offset: 5 });
    expect(final(run.modes.streaming.results)).toBe(10);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ kind: 'replay', at: 1450, restartAt: 1450, restoredFrom: 'empty', offsets: [5], reread: 10, recounted: 0 });
  });

  it('a restore from the last checkpoint (1000) reads on from its positions, not from a given offset: 15', () => {
    const run = replayed({ state: 'checkpoint' }, { checkpoint: { interval: 1000 } });
    expect(final(run.modes.streaming.results)).toBe(15);
    expect(run.jobs.streaming.recoveries[0]).toMatchObject({ restoredFrom: 'checkpoint', restoredTo: 1000, offsets: [11], reread: 4 });
  });
});

describe('the rules are checked at the boundary', () => {
  const issues = (processor: Json, consumers: Json = {}) => {
    const r = validateScenario({ version: 1, id: 'x', producers: [{ id: 's', type: 'scripted', entries }], processor, consumers });
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('refuses exactlyOnce under flink or beam without a checkpoint, naming both fields', () => {
    expect(issues({ guarantee: 'exactlyOnce' })).toEqual(['processor.guarantee: "exactlyOnce" under flink needs processor.checkpoint: its transactional sink commits when a checkpoint completes']);
    expect(issues({ guarantee: 'exactlyOnce', semantics: 'beam' })[0]).toMatch(/^processor\.guarantee: "exactlyOnce" under beam needs processor\.checkpoint/);
    expect(issues({ guarantee: 'exactlyOnce', semantics: 'kafka-streams' })).toEqual([]);
    expect(issues({ guarantee: 'exactlyOnce', checkpoint: { interval: 1000 } })).toEqual([]);
  });

  it('refuses a checkpoint interval under 10 ms and an unknown startFrom', () => {
    expect(issues({ checkpoint: { interval: 5 } })[0]).toMatch(/^processor\.checkpoint\.interval: /);
    expect(issues({ startFrom: 'newest' })[0]).toMatch(/^processor\.startFrom: /);
  });

  it('refuses offsets on a replay that restores a checkpoint, and a replay with neither offset nor timestamp', () => {
    expect(issues({}, { replays: [{ at: 100, state: 'checkpoint', offset: 3 }] })).toEqual([
      'consumers.replays[0].offset: must be left out with state "checkpoint": a restore reads on from the positions stored in the checkpoint',
    ]);
    expect(issues({}, { replays: [{ at: 100 }] })).toEqual(['consumers.replays[0]: give exactly one of offset or timestamp']);
  });
});

describe("a record's story across the failure (for the inspector)", () => {
  it('flink with checkpoints: record 5 is read once and held by the 1000 checkpoint; record 12 is read at 1200 and again at 1500, never checkpointed', () => {
    const run = runToEnd(crashing({ checkpoint: { interval: 1000 } }));
    expect(recordStory(run, 'streaming', 5)).toEqual({ reads: [{ time: 500, again: false }], checkpointedAt: 1000, countedTwice: false });
    expect(recordStory(run, 'streaming', 12)).toEqual({
      reads: [
        { time: 1200, again: false },
        { time: 1500, again: true },
      ],
      checkpointedAt: null,
      countedTwice: false,
    });
  });

  it('kafka-streams at-least-once: record 12 is counted twice', () => {
    const run = runToEnd(crashing({ semantics: 'kafka-streams' }));
    expect(recordStory(run, 'streaming', 12)).toMatchObject({ countedTwice: true });
    expect(recordStory(run, 'streaming', 10)).toMatchObject({ reads: [{ time: 1000, again: false }], countedTwice: false });
  });
});
