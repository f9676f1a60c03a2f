/**
 * Sliding (hopping) windows of `size`, one starting every `slide`: an event belongs to every
 * window whose start is a multiple of the slide (plus offset) in (t - size, t], which is
 * size / slide windows when the slide divides the size. Starts are written latest first,
 * as Flink's assigner does.
 *
 * @example
 * sliding(10, 5).assign(7, out) // 2 windows: starts 5 and 0
 */
import { windowStart } from './window';
import type { TimeWindowAssigner } from './tumbling';

export function sliding(size: number, slide: number, offset = 0): TimeWindowAssigner {
  if (!(size > 0) || !(slide > 0)) throw new RangeError(`sliding window size and slide must be > 0`);
  if (Math.abs(offset) >= slide) throw new RangeError(`sliding window offset must be smaller than slide in absolute value`);
  return {
    size,
    assign(timestamp, out) {
      let n = 0;
      for (let start = windowStart(timestamp, offset, slide); start > timestamp - size; start -= slide) out[n++] = start;
      return n;
    },
  };
}
