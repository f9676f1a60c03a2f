/**
 * Tumbling windows: fixed size, no overlap, aligned to `offset`.
 *
 * @example
 * tumbling(3000).assign(-1, out) // out[0] = -3000: the window [-3000, 0)
 */
import { windowStart } from './window';

export interface TimeWindowAssigner {
  readonly size: number;
  /** Writes the starts of every window containing `timestamp` into `out`, returns how many. */
  assign(timestamp: number, out: number[]): number;
}

export function tumbling(size: number, offset = 0): TimeWindowAssigner {
  if (!(size > 0)) throw new RangeError(`tumbling window size must be > 0, got ${size}`);
  if (Math.abs(offset) >= size) throw new RangeError(`tumbling window offset must be smaller than size in absolute value`);
  return {
    size,
    assign(timestamp, out) {
      out[0] = windowStart(timestamp, offset, size);
      return 1;
    },
  };
}
