/**
 * Keyboard reach for the pipeline's records: ] and [ step the selection through the log cells on
 * screen, partition by partition and offset by offset, as the event-time chart's ] and [ step
 * through its dots. Only lookups in the frame the figure already shows.
 */
import type { LaneAt } from './frame';

/** The record rows drawn as log cells, partition 0 first, each partition oldest offset first. */
export function visibleRows(lanes: readonly LaneAt[], rowOfOffset: readonly Int32Array[]): number[] {
  const rows: number[] = [];
  lanes.forEach((lane, p) => {
    for (let o = lane.firstVisible; o < lane.visibleEnd; o++) rows.push(rowOfOffset[p][o]);
  });
  return rows;
}

/**
 * The row to select after `current` in `direction` (1 for ], -1 for [): the next or previous cell,
 * stopping at either end; from a record not on screen, the first (]) or last ([) cell. -1 if none.
 */
export function steppedRow(rows: readonly number[], current: number, direction: 1 | -1): number {
  if (rows.length === 0) return -1;
  const i = current < 0 ? -1 : rows.indexOf(current);
  if (i < 0) return direction === 1 ? rows[0] : rows[rows.length - 1];
  return rows[Math.max(0, Math.min(rows.length - 1, i + direction))];
}
