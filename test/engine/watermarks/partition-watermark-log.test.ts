/**
 * The streaming operator records each partition's watermark and idleness as it updates them
 * (ModeOutput.partitionWatermarks), so the pipeline can show them per lane. Expectations come
 * from scenarios/idle-partition.json and its lesson: bounded out-of-orderness 1,000 ms, idle
 * timeout 10 s; the partner feed (partition 2) sends its last record, t = 19,889, read at 19.98 s.
 */
import { describe, expect, test } from 'vitest';
import { fromRunData, holdingPartitions, toRunData, type PartitionWatermarkLog } from '../../../src/engine/index';
import { finishedLesson } from '../../helpers/scripted';

/** Partition p's last recorded watermark and idleness at or before t (a plain scan). */
function at(log: PartitionWatermarkLog, p: number, t: number): { watermark: number; idle: number } {
  let found = { watermark: -Infinity, idle: 0 };
  for (let i = 0; i < log.time.length && log.time[i] <= t; i++) if (log.partition[i] === p) found = { watermark: log.watermark[i], idle: log.idle[i] };
  return found;
}

describe('per-partition watermarks in the run', () => {
  const run = finishedLesson('idle-partition.json');
  const log = run.modes.streaming.partitionWatermarks;

  test('entries are in processing-time order, one per change', () => {
    expect(log.time.length).toBeGreaterThan(0);
    for (let i = 1; i < log.time.length; i++) expect(log.time[i]).toBeGreaterThanOrEqual(log.time[i - 1]);
    expect(log.partition.length).toBe(log.time.length);
  });

  test('partition 2 stays at 19,889 − 1,000 − 1 = 18,888 after its last record and holds the minimum', () => {
    const p2 = at(log, 2, 25_000);
    expect(p2).toEqual({ watermark: 18_888, idle: 0 });
    const wms = [0, 1, 2].map((p) => at(log, p, 25_000).watermark);
    const idle = [0, 1, 2].map((p) => at(log, p, 25_000).idle);
    // Partitions 0 and 1 keep getting web traffic, so their watermarks are past 18,888.
    expect(wms[0]).toBeGreaterThan(18_888);
    expect(wms[1]).toBeGreaterThan(18_888);
    expect(holdingPartitions(wms, idle)).toEqual([2]);
  });

  test('partition 2 is idle once its 10 s timeout has run out, and holds nothing then', () => {
    // Last read at 19.98 s; idle some time after 29.98 s (periodic checks); the lesson's jump is at 30.4 s.
    expect(at(log, 2, 29_900).idle).toBe(0);
    expect(at(log, 2, 30_400).idle).toBe(1);
    const wms = [0, 1, 2].map((p) => at(log, p, 31_000).watermark);
    const idle = [0, 1, 2].map((p) => at(log, p, 31_000).idle);
    expect(holdingPartitions(wms, idle)).not.toContain(2);
  });

  test('the record survives the trip to the page (run data)', () => {
    const copy = fromRunData(structuredClone(toRunData(run)));
    expect(copy.modes.streaming.partitionWatermarks).toEqual(log);
  });

  test('holdingPartitions: the lowest active partitions; none idle-only', () => {
    expect(holdingPartitions([5, 3, 3], [0, 0, 0])).toEqual([1, 2]);
    expect(holdingPartitions([5, 3, 4], [0, 1, 0])).toEqual([2]);
    // All idle: the combined watermark is the maximum, and no active partition holds it.
    expect(holdingPartitions([5, 3], [1, 1])).toEqual([]);
  });
});
