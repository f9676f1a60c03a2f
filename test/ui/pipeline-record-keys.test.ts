/** ] and [ in the pipeline step through the log cells on screen, partition by partition. */
import { describe, expect, test } from 'vitest';
import type { LaneAt } from '../../src/ui/pipeline/frame';
import { steppedRow, visibleRows } from '../../src/ui/pipeline/record-keys';

const lane = (firstVisible: number, visibleEnd: number): LaneAt => ({ end: visibleEnd, position: 0, committed: 0, lag: 0, firstVisible, visibleEnd, owner: 0 });

describe('pipeline record keys', () => {
  // Partition 0 shows offsets 1..2 (rows 11, 12); partition 1 shows offset 0 (row 20); partition 2 nothing.
  const rowOfOffset = [Int32Array.from([10, 11, 12]), Int32Array.from([20]), new Int32Array(0)];
  const rows = visibleRows([lane(1, 3), lane(0, 1), lane(0, 0)], rowOfOffset);

  test('the visible cells in partition, then offset, order', () => {
    expect(rows).toEqual([11, 12, 20]);
  });

  test('] and [ move one cell and stop at the ends', () => {
    expect(steppedRow(rows, 11, 1)).toBe(12);
    expect(steppedRow(rows, 12, 1)).toBe(20);
    expect(steppedRow(rows, 20, 1)).toBe(20);
    expect(steppedRow(rows, 12, -1)).toBe(11);
    expect(steppedRow(rows, 11, -1)).toBe(11);
  });

  test('from nothing selected (or a record off screen), ] starts at the first cell and [ at the last', () => {
    expect(steppedRow(rows, -1, 1)).toBe(11);
    expect(steppedRow(rows, 10, -1)).toBe(20);
    expect(steppedRow([], -1, 1)).toBe(-1);
  });
});
