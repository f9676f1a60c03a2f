/**
 * A big run's panel indexes are built in the worker and cross to the page by structured
 * clone with their buffers moved. What arrives must index the run exactly as if built on the page.
 */
import { describe, expect, test } from 'vitest';
import { runDataTransfer, toRunData } from '../../src/engine/index';
import { frameAt } from '../../src/ui/pipeline/frame';
import { queryIntervals } from '../../src/ui/pipeline/intervals';
import { buffersIn, prepareViews } from '../../src/ui/state/run-views';
import { finishedLesson } from '../helpers/scripted';

describe('run views', () => {
  test.each(['consumer-crash.json', 'late-ctr.json'])('%s: the indexes survive a transfer unchanged', (name) => {
    const run = finishedLesson(name);
    const expected = prepareViews(run);
    const views = prepareViews(run);
    // As the worker does: the run's own columns travel in the same message, so the views'
    // list leaves out the buffers they share with the run (the lag chart reads the run's lag times).
    const runBuffers = new Set<ArrayBufferLike>(runDataTransfer(toRunData(run)));
    const transfer = buffersIn(views, runBuffers);
    expect(transfer.length).toBeGreaterThan(10);
    // Every buffer once: postMessage refuses a transfer list with duplicates.
    expect(new Set(transfer).size).toBe(transfer.length);
    const copy = structuredClone(views, { transfer });
    // The originals were moved, not copied.
    expect(views.points.rows.length).toBe(0);
    expect(copy).toEqual(expected);
    // The copy answers per-frame questions as the original would.
    for (const t of [0, run.endTime / 3, run.endTime / 2, run.endTime]) {
      expect(frameAt({ ...copy.pipeline, run }, t, 20, 12)).toEqual(frameAt({ ...expected.pipeline, run }, t, 20, 12));
      const rows = (index: typeof copy.pipeline.transit) => {
        const out: number[] = [];
        queryIntervals(index, t, 1000, (row) => out.push(row));
        return out.sort((a, b) => a - b);
      };
      expect(rows(copy.pipeline.transit)).toEqual(rows(expected.pipeline.transit));
    }
  });

  test('buffersIn skips buffers already listed and finds those inside Maps', () => {
    const shared = new Float64Array(4);
    const inMap = new Int32Array(2);
    const value = { a: shared, b: [shared.subarray(1)], m: new Map([['k', { inMap }]]) };
    expect(buffersIn(value)).toEqual([shared.buffer, inMap.buffer]);
    expect(buffersIn(value, new Set([shared.buffer]))).toEqual([inMap.buffer]);
  });
});
