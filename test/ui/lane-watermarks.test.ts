/**
 * Each lane's watermark at a moment, looked up from the engine's record of them. Numbers from
 * scenarios/idle-partition.json: partition 2's last record t = 19,889 gives 19,889 − 1,000 − 1 =
 * 18,888; its 10 s idle timeout runs out before the lesson's 30.4 s jump.
 */
import { describe, expect, test } from 'vitest';
import { indexLaneWatermarks, laneWatermarksAt } from '../../src/ui/pipeline/lane-watermarks';
import { finishedLesson } from '../helpers/scripted';

describe('lane watermarks', () => {
  const run = finishedLesson('idle-partition.json');
  const index = indexLaneWatermarks(run.modes.streaming, 3);

  test('before any read every lane is at −∞, all holding', () => {
    if (!index) throw new Error('no per-partition watermarks recorded');
    expect(laneWatermarksAt(index, 0)).toEqual([0, 1, 2].map(() => ({ watermark: -Infinity, idle: false, holding: true })));
  });

  test('at 25 s partition 2 holds the minimum at 18,888; at 31 s it is idle and holds nothing', () => {
    if (!index) throw new Error('no per-partition watermarks recorded');
    expect(laneWatermarksAt(index, 25_000)[2]).toEqual({ watermark: 18_888, idle: false, holding: true });
    expect(laneWatermarksAt(index, 25_000).filter((l) => l.holding)).toHaveLength(1);
    expect(laneWatermarksAt(index, 31_000)[2]).toEqual({ watermark: 18_888, idle: true, holding: false });
  });

  test('the micro-batch mode records none (its watermark is global)', () => {
    expect(indexLaneWatermarks(run.modes.microbatch, 3)).toBeNull();
  });
});
