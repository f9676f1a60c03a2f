/**
 * The pipeline's view of the streaming job's recovery. The stream is the one of
 * test/engine/recovery/profiles.test.ts and docs/semantics.md ("Failures and recovery"): one
 * partition, record i (0..14) appended and read at i*100 ms, a crash at 1450 ms, back at 1500 ms.
 * Every expected value is derived by hand below.
 */
import { describe, expect, it } from 'vitest';
import { compactTime } from '../../src/ui/pipeline/text';
import { jobAt, jobStatus, jobStatusText, prepareJob, RESTORE_SHOWN_FOR } from '../../src/ui/pipeline/job';
import { ev, runToEnd, scenarioOf } from '../helpers/scripted';

type Json = Record<string, unknown>;
const entries = Array.from({ length: 15 }, (_, i) => ev('k', 1, i * 100, { arrivalTime: i * 100 }));

function crashing(processor: Json, consumers: Json = {}) {
  return runToEnd(
    scenarioOf({
      id: 'pipeline-job',
      producers: [{ id: 's', type: 'scripted', entries }],
      consumers: { count: 1, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1450, downtime: 50 }], ...consumers },
      processor: { window: { type: 'tumbling', size: 10_000 }, watermark: { type: 'punctuated' }, aggregate: 'count', ...processor },
    }),
  );
}

describe('flink with a checkpoint every 1000 ms', () => {
  const job = prepareJob(crashing({ checkpoint: { interval: 1000 } }));

  it('indexes the one checkpoint, the failed job read-to point and the four second reads', () => {
    // The 1000 ms checkpoint holds records 0..10 (next offset 11). Before failing at 1450 the job
    // had read records 0..14 (the last at 1400): it had read up to offset 15. The restart at
    // 1500 reads records 11..14 again, all at once at 1500 (they are waiting in the log).
    expect(Array.from(job.checkpointTimes)).toEqual([1000]);
    expect(job.checkpointOffsets).toEqual([[11]]);
    expect(job.readTo).toEqual([[15]]);
    expect(Array.from(job.rereadRows)).toEqual([11, 12, 13, 14]);
    expect(Array.from(job.rereadTimes)).toEqual([1500, 1500, 1500, 1500]);
  });

  it('tells the story frame by frame', () => {
    // 999: no checkpoint has completed yet, nothing has failed: nothing to say.
    expect(jobAt(job, 999)).toMatchObject({ down: false, recovery: null, checkpoint: null, restoring: false });
    expect(jobStatusText(jobAt(job, 999), compactTime)).toBe('');
    // 1200: the 1000 checkpoint is the last completed.
    expect(jobStatus(jobAt(job, 1200), compactTime)).toEqual({ head: '', detail: 'checkpoint @ 1 s' });
    // 1460: down since 1450, back at 1500; nothing read again yet.
    const down = jobAt(job, 1460);
    expect(down).toMatchObject({ down: true, recoveryIndex: 0, reread: 0, rereadTotal: 4, restoring: true });
    expect(jobStatus(down, compactTime)).toEqual({ head: '✕ job down', detail: 'restarts 1.5 s' });
    // Down since 1,450 ms: shown exactly (1.45 s), never rounded.
    expect(jobStatusText(down, compactTime)).toBe('down since 1.45 s, restarts at 1.5 s');
    // 1500: restored, the four re-reads done at once; the story stays on show for a while.
    expect(jobStatus(jobAt(job, 1500), compactTime)).toEqual({ head: '↺ checkpoint @ 1 s', detail: 're-read 4' });
    expect(jobStatusText(jobAt(job, 1500), compactTime)).toBe('restarted at 1.5 s from checkpoint @ 1 s, read 4 of 4 records again');
    expect(jobAt(job, 1500 + RESTORE_SHOWN_FOR - 1).restoring).toBe(true);
    // ...and then the figure goes back to the last checkpoint.
    expect(jobAt(job, 1500 + RESTORE_SHOWN_FOR)).toMatchObject({ restoring: false, down: false });
    expect(jobStatusText(jobAt(job, 1500 + RESTORE_SHOWN_FOR), compactTime)).toBe('last checkpoint at 1 s');
  });
});

describe('other recoveries', () => {
  it('flink without checkpoints from committed offsets: no checkpoints, empty state, five second reads', () => {
    // The Kafka client's auto-commit at 1000 stored offset 10 (records 0..9); the restart reads
    // records 10..14 again into empty state.
    const job = prepareJob(crashing({}));
    expect(job.checkpointTimes.length).toBe(0);
    expect(Array.from(job.rereadRows)).toEqual([10, 11, 12, 13, 14]);
    expect(jobStatus(jobAt(job, 1500), compactTime)).toEqual({ head: '↺ empty state', detail: 're-read 5' });
  });

  it('Kafka Streams at-least-once keeps its store and re-reads since its 1000 ms commit', () => {
    // The commit at 1000 covers records 0..10; records 11..14 are read again.
    const job = prepareJob(crashing({ semantics: 'kafka-streams' }));
    expect(Array.from(job.rereadRows)).toEqual([11, 12, 13, 14]);
    expect(jobStatus(jobAt(job, 1500), compactTime)).toEqual({ head: '↺ store kept', detail: 're-read 4' });
  });

  it('a run without failures has nothing to index', () => {
    const job = prepareJob(crashing({}, { crashes: [] }));
    expect(job.recoveries).toEqual([]);
    expect(job.rereadRows.length).toBe(0);
    expect(jobStatusText(jobAt(job, 5000), compactTime)).toBe('');
  });
});
