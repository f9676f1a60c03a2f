/**
 * The inspector's "Across failures" timeline, on the small scripted stream of
 * test/engine/recovery/profiles.test.ts: one partition, one consumer c0 (auto-commit every
 * 1000 ms), 15 records of key k (record i has event time i*100 and is read at i*100), one
 * tumbling window [0, 10000). c0 crashes at 1450 and the job is back at 1500.
 *
 * From that file's comments: a checkpoint or Kafka Streams commit at 1000 holds records 0..10
 * (reads at 1000 come before it), so the job reads 11..14 again; the Kafka client's own commit at
 * 1000 stores offset 10, so a job without checkpoints reads 10..14 again; the Spark batch at 1000
 * runs before the reads at 1000, so it took records 0..9 and the query reads 10..14 again.
 * Every sentence below follows from those facts; times read as formatTime writes them.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/engine/index';
import { storyAcrossFailures, type JobModeName } from '../../src/ui/inspect/record-story';
import { ev, runToEnd, scenarioOf } from '../helpers/scripted';

type Json = Record<string, unknown>;

const entries = Array.from({ length: 15 }, (_, i) => ev('k', 1, i * 100, { arrivalTime: i * 100 }));

function crashing(processor: Json, extra: Json = {}, stream: Json[] = entries): Run {
  return runToEnd(
    scenarioOf({
      id: 'story',
      producers: [{ id: 's', type: 'scripted', entries: stream }],
      consumers: { count: 1, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1450, downtime: 50 }] },
      processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count', ...processor },
      microBatch: { interval: 1000, outputMode: 'append' },
      ...extra,
    }),
  );
}

/** The steps' words, as the panel lists them. */
const story = (run: Run, mode: JobModeName, row: number) => storyAcrossFailures(run, mode, row)?.map((s) => s.text) ?? null;

describe('no failure, no story', () => {
  it('a run whose jobs never failed or replayed has no "Across failures" part', () => {
    const run = runToEnd(
      scenarioOf({
        id: 'calm',
        producers: [{ id: 's', type: 'scripted', entries }],
        processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count' },
      }),
    );
    expect(storyAcrossFailures(run, 'streaming', 3)).toBeNull();
    expect(storyAcrossFailures(run, 'microbatch', 3)).toBeNull();
  });
});

describe('flink with checkpoints every 1000 ms (restores the 1000 checkpoint)', () => {
  const run = crashing({ checkpoint: { interval: 1000 } });

  it('record 5, read before the checkpoint, is held by it and not read again', () => {
    expect(story(run, 'streaming', 5)).toEqual(['read at 500 ms', 'held by the checkpoint at 1.000 s', 'job failed at 1.450 s, restored the checkpoint of 1.000 s, which held it', 'counted once']);
  });

  it('record 10, read at the checkpoint instant: the read comes first, so the checkpoint holds it', () => {
    expect(story(run, 'streaming', 10)).toEqual(['read at 1.000 s', 'held by the checkpoint at 1.000 s', 'job failed at 1.450 s, restored the checkpoint of 1.000 s, which held it', 'counted once']);
  });

  it('record 12, read after the checkpoint, is read again into the restored state and counted once', () => {
    expect(story(run, 'streaming', 12)).toEqual([
      'read at 1.200 s',
      'job failed at 1.450 s, restored the checkpoint of 1.000 s, which did not hold it',
      'read again at 1.500 s',
      'counted once (the restored state did not hold it)',
    ]);
  });

  it('each step carries its time for the panel to mark the ones still to come; the verdict has none', () => {
    expect(storyAcrossFailures(run, 'streaming', 12)?.map((s) => s.time)).toEqual([1200, 1450, 1500, NaN]);
  });
});

describe('flink without checkpoints (empty state, from the committed offset 10)', () => {
  const run = crashing({});

  it("record 5 is not read again, and the restarted job's state does not hold it", () => {
    expect(story(run, 'streaming', 5)).toEqual(['read at 500 ms', "job failed at 1.450 s, restarted with empty state from the group's committed offsets", "not read again: the restarted job's state does not hold it"]);
  });

  it('record 12 is read again into empty state: counted once', () => {
    expect(story(run, 'streaming', 12)).toEqual([
      'read at 1.200 s',
      "job failed at 1.450 s, restarted with empty state from the group's committed offsets",
      'read again at 1.500 s',
      'counted once (the new state was empty)',
    ]);
  });
});

describe('kafka-streams', () => {
  it('at-least-once keeps the store: record 12, read again from the 1000 commit, is counted twice; record 10 is not read again', () => {
    const run = crashing({ semantics: 'kafka-streams' });
    expect(story(run, 'streaming', 12)).toEqual([
      'read at 1.200 s',
      'job failed at 1.450 s, kept its store as the failure left it',
      'read again at 1.500 s',
      'counted twice (the store still held it: Kafka Streams at-least-once)',
    ]);
    expect(story(run, 'streaming', 10)).toEqual(['read at 1.000 s', 'job failed at 1.450 s, kept its store as the failure left it', 'counted once']);
  });

  it('exactly-once rolls the store back to the 1000 commit: record 12 is counted once, record 10 was held', () => {
    const run = crashing({ semantics: 'kafka-streams', guarantee: 'exactlyOnce' });
    expect(story(run, 'streaming', 12)).toEqual([
      'read at 1.200 s',
      'job failed at 1.450 s, rolled back to the commit of 1.000 s, which did not hold it',
      'read again at 1.500 s',
      'counted once (the restored state did not hold it)',
    ]);
    expect(story(run, 'streaming', 10)).toEqual(['read at 1.000 s', 'job failed at 1.450 s, rolled back to the commit of 1.000 s, which held it', 'counted once']);
  });
});

describe('spark (micro-batch every 1000 ms: restarts from the batch at 1000, which took records 0..9)', () => {
  const run = crashing({});

  it('record 9 was read by that batch and is not read again', () => {
    expect(story(run, 'microbatch', 9)).toEqual(['read at 900 ms', 'job failed at 1.450 s, restarted from the batch of 1.000 s, which had read it', 'counted once']);
  });

  it('record 10, read at 1000 after that batch ran, is read again and counted once', () => {
    expect(story(run, 'microbatch', 10)).toEqual([
      'read at 1.000 s',
      'job failed at 1.450 s, restarted from the batch of 1.000 s, which had not read it',
      'read again at 1.500 s',
      'counted once (the state of that batch did not hold it)',
    ]);
  });
});

describe('a replay at 1450: a new job with empty state from offset 5, started at once', () => {
  const run = runToEnd(
    scenarioOf({
      id: 'replay',
      producers: [{ id: 's', type: 'scripted', entries }],
      consumers: { count: 1, commitInterval: 1000, replays: [{ at: 1450, offset: 5 }] },
      processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count' },
    }),
  );

  it('record 2, before offset 5, is not read by the new job', () => {
    expect(story(run, 'streaming', 2)).toEqual(['read at 200 ms', 'replayed at 1.450 s: a new job with empty state', "not read again: the new job's state does not hold it"]);
  });

  it('record 7 is read again by the new job, at the replay instant, after the replay', () => {
    expect(story(run, 'streaming', 7)).toEqual(['read at 700 ms', 'replayed at 1.450 s: a new job with empty state', 'read again at 1.450 s', 'counted once (the new state was empty)']);
  });
});

describe('records the failure did not touch', () => {
  // Record 15 arrives at 2000, after the restart; with checkpoints every 1000 ms the job (back at
  // 1500) reads it at 2000, before the checkpoint at that instant, which holds it.
  const run = crashing({ checkpoint: { interval: 1000 } }, {}, [...entries, ev('k', 1, 2000, { arrivalTime: 2000 })]);

  it('a record first read after the restart leaves the failure out of its story', () => {
    expect(story(run, 'streaming', 15)).toEqual(['read at 2.000 s', 'held by the checkpoint at 2.000 s', 'counted once (read after the last restart)']);
  });

  it('a dead-lettered record gets no verdict: its fate above says why', () => {
    const bad = crashing({ checkpoint: { interval: 1000 } }, {}, [...entries.slice(0, 12), ev('k', 1, 1200, { arrivalTime: 1200, malformed: true }), ...entries.slice(12)]);
    expect(story(bad, 'streaming', 12)).toEqual(['read at 1.200 s', 'job failed at 1.450 s, restored the checkpoint of 1.000 s, which did not hold it', 'read again at 1.500 s']);
  });
});
