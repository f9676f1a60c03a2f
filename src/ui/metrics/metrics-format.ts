/** How the metrics panel writes its numbers: whole counts with separators, durations in seconds. */
import type { NumberValue } from 'd3';

const counts = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => counts.format(n);

/** A reading, with one decimal: "10.0 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
}

/** An axis tick, as short as it can be: "10 s", "2.5 s". */
export const secondsTick = (v: NumberValue): string => `${(Number(v) / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
