/**
 * The event-time chart's recovery marks (src/ui/charts/recovery-marks.ts), every expectation
 * worked out by hand from the scenario, beside it.
 *
 * consumer-crash.json: flink (the default semantics), checkpoint every 10 s, input for 60 s
 * (duration 60000), c0 crashes at 27 s for 5 s. A Flink job fails as a whole, so the streaming
 * job is down 27 s .. 32 s and restores its last checkpoint at or before 27 s.
 */
import { describe, expect, it } from 'vitest';
import { checkpointLabelSide, firstAtOrAfter, momentLabel, recoveryAt, recoveryMarks, restoreLabel, timesWithin } from '../../src/ui/charts/recovery-marks';
import { ev, finishedLesson, runToEnd, scripted } from '../helpers/scripted';

describe('consumer-crash: a Flink job restores its 20 s checkpoint', () => {
  const run = finishedLesson('consumer-crash.json');
  const marks = recoveryMarks(run);

  it('checkpoints every 10 s while the job is up, none while it is down', () => {
    // Multiples of 10 s: 10 and 20 (up); 30 falls in the downtime 27..32; after the restart the
    // next multiple at or after 32 is 40, then 50, then 60. The input ends at 60 s; at equal times
    // the engine takes the checkpoint before the end of input, so 60 is one, and nothing after it.
    expect([...marks.checkpointTimes]).toEqual([10_000, 20_000, 40_000, 50_000, 60_000]);
  });

  it('one crash: down 27 s .. 32 s (at + downtime), restoring the 20 s checkpoint (the last at or before 27 s)', () => {
    expect(marks.downs).toEqual([{ kind: 'crash', at: 27_000, restartAt: 32_000, label: 'job down', restoredTo: 20_000, restore: 'restores checkpoint @ 20 s' }]);
  });

  it('re-reads exactly the records the job first read after its checkpoint and before the crash, all at the restart', () => {
    // The restored job holds what it read up to 20 s, so it reads again everything it first read
    // in (20 s, 27 s]. Those records are already in the log at 32 s, so the restarted job reads
    // them all at once, at 32 s. The lesson's step at 32 s says there are 77 of them.
    const d = run.jobs.streaming.deliveries;
    const firstReadAfterCheckpoint: number[] = [];
    for (let i = 0; i < d.length; i++) {
      const t = d.time.data[i];
      if (d.redelivery.data[i] === 0 && d.item.data[i] >= 0 && t > 20_000 && t <= 27_000) firstReadAfterCheckpoint.push(d.item.data[i]);
    }
    expect(firstReadAfterCheckpoint.length).toBe(77);
    expect(marks.rereadTimes.length).toBe(77);
    expect([...new Set(marks.rereadTimes)]).toEqual([32_000]);
    expect([...marks.rereadRows].sort((a, b) => a - b)).toEqual(firstReadAfterCheckpoint.sort((a, b) => a - b));
    // The ring sits at the record's own event time and key (its first dot's height and colour).
    marks.rereadRows.forEach((row, k) => {
      expect(marks.rereadEventTimes[k]).toBe(run.log.records.eventTime[row]);
      expect(marks.rereadKeys[k]).toBe(run.log.records.key[row]);
    });
    // Every re-read came after a failure, so it is counted on the recovery too.
    expect(run.jobs.streaming.recoveries[0].reread).toBe(77);
  });

  it('at a moment: the marks up to then', () => {
    // 25 s: checkpoints 10 and 20; the crash has not happened.
    expect(recoveryAt(marks, 25_000)).toEqual({ checkpoints: 2, downs: [], rereads: 0 });
    // 30 s: down since 27, the band reaches now; no restore yet, nothing re-read.
    const down = recoveryAt(marks, 30_000);
    expect(down.checkpoints).toBe(2);
    expect(down.downs).toMatchObject([{ at: 27_000, until: 30_000, restarted: false }]);
    expect(down.rereads).toBe(0);
    // 32 s (the restart, inclusive): the band ends at 32, the restore is known, all 77 re-read.
    expect(recoveryAt(marks, 32_000)).toMatchObject({ checkpoints: 2, downs: [{ until: 32_000, restarted: true }], rereads: 77 });
    // 45 s: 10, 20, 40.
    expect(recoveryAt(marks, 45_000).checkpoints).toBe(3);
    // Exactly at 40 s the 40 s checkpoint counts ("at or before").
    expect(recoveryAt(marks, 40_000).checkpoints).toBe(3);
  });
});

describe('scripted: 15 records of k, record i at i*100 ms, one partition', () => {
  const entries = Array.from({ length: 15 }, (_, i) => ev('k', 1, i * 100, { arrivalTime: i * 100 }));
  const processor = { window: { type: 'tumbling', size: 10_000 }, aggregate: 'count' };

  it('a crash at 1450 for 50 ms with checkpoints every 1000: restores 1000, re-reads records 11..14 at 1500', () => {
    const run = runToEnd(scripted(entries, { ...processor, checkpoint: { interval: 1000 } }, { consumers: { count: 1, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1450, downtime: 50 }] } }));
    const marks = recoveryMarks(run);
    // 1000 is the only multiple of 1000 before the crash; the input ends at the restart (1500).
    expect([...marks.checkpointTimes]).toEqual([1000]);
    expect(marks.downs).toEqual([{ kind: 'crash', at: 1450, restartAt: 1500, label: 'job down', restoredTo: 1000, restore: 'restores checkpoint @ 1 s' }]);
    // The checkpoint at 1000 holds records 0..10 (read at 0..1000); 11..14 were read at 1100..1400.
    expect([...marks.rereadRows]).toEqual([11, 12, 13, 14]);
    expect([...marks.rereadTimes]).toEqual([1500, 1500, 1500, 1500]);
    expect([...marks.rereadEventTimes]).toEqual([1100, 1200, 1300, 1400]);
  });

  it('a replay at 1450 from offset 5: a line, a new job with empty state, records 5..14 read again at 1450', () => {
    const run = runToEnd(scripted(entries, processor, { consumers: { count: 1, commitInterval: 1000, replays: [{ at: 1450, offset: 5 }] } }));
    const marks = recoveryMarks(run);
    // No processor.checkpoint: no checkpoints.
    expect(marks.checkpointTimes.length).toBe(0);
    expect(marks.downs).toEqual([{ kind: 'replay', at: 1450, restartAt: 1450, label: 'replay', restoredTo: null, restore: 'restarts with empty state' }]);
    // By 1450 records 0..14 (read at 0..1400) were all read once; the replay reads 5..14 again.
    expect([...marks.rereadRows]).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(new Set(marks.rereadTimes)).toEqual(new Set([1450]));
  });

  it('no failure: nothing to mark', () => {
    const marks = recoveryMarks(runToEnd(scripted(entries, processor)));
    expect(marks).toMatchObject({ downs: [] });
    expect([marks.checkpointTimes.length, marks.rereadTimes.length]).toEqual([0, 0]);
  });
});

describe('labels and look-ups', () => {
  it('says what each restart started from', () => {
    expect(restoreLabel({ restoredFrom: 'checkpoint', restoredTo: 20_000 })).toBe('restores checkpoint @ 20 s');
    expect(restoreLabel({ restoredFrom: 'commit', restoredTo: 30_000 })).toBe('restores commit @ 30 s');
    expect(restoreLabel({ restoredFrom: 'batch', restoredTo: 1500 })).toBe('restores batch @ 1.500 s');
    expect(restoreLabel({ restoredFrom: 'empty', restoredTo: null })).toBe('restarts with empty state');
    expect(restoreLabel({ restoredFrom: 'kept', restoredTo: null })).toBe('state kept (changelog)');
    expect(momentLabel(0)).toBe('0 s');
    expect(momentLabel(90_000)).toBe('90 s');
  });

  it('finds the times in a range among those up to now', () => {
    const times = Float64Array.from([10, 20, 20, 30, 40]);
    expect(firstAtOrAfter(times, 20)).toBe(1);
    expect(firstAtOrAfter(times, 41)).toBe(5);
    // [15, 35]: 20, 20, 30.
    expect(timesWithin(times, 15, 35)).toEqual({ from: 1, to: 4 });
    // Only the first 2 (up to now): just one 20 of them is in range.
    expect(timesWithin(times, 15, 35, 2)).toEqual({ from: 1, to: 2 });
    // Nothing up to now is in range: empty, from never past to.
    expect(timesWithin(times, 35, 50, 2)).toEqual({ from: 2, to: 2 });
  });

  it('puts the last checkpoint label where there is room', () => {
    // Right of the flag if it fits before the right edge (500).
    expect(checkpointLabelSide([100, 300], 500, 0, 80, 3)).toBe('right');
    // Too close to the right edge: left of it, as the previous flag is far enough away.
    expect(checkpointLabelSide([100, 450], 500, 0, 80, 3)).toBe('left');
    // Too close on both sides: no label.
    expect(checkpointLabelSide([400, 450], 500, 0, 80, 3)).toBeNull();
    expect(checkpointLabelSide([], 500, 0, 80, 3)).toBeNull();
  });
});
