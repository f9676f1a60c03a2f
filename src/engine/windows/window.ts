/** A half-open window [start, end) of event time, as in Flink's TimeWindow. */
export interface Window {
  start: number;
  end: number;
}

/** The last timestamp that belongs to the window (Flink's maxTimestamp). */
export const maxTimestamp = (w: Window): number => w.end - 1;

/** Floor division that is correct below zero (JavaScript's % keeps the dividend's sign). */
export function windowStart(timestamp: number, offset: number, size: number): number {
  return timestamp - mod(timestamp - offset, size);
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}
