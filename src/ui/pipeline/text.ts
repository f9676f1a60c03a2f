/** Short labels for the pipeline figure, where space is a few characters per box. */

/**
 * "10 s", "12.5 s", "9.999 s", "750 ms", "1:23:20" (a window start under a bar). Short, but
 * never rounded: a watermark of 9,999 ms must not read as the window end 10 s.
 */
export function compactTime(ms: number): string {
  if (ms >= Number.MAX_SAFE_INTEGER) return '+∞';
  if (!Number.isFinite(ms)) return ms > 0 ? '+∞' : '−∞';
  const abs = Math.abs(ms);
  if (ms === 0) return '0 s';
  if (abs < 1000) return `${Math.round(ms)} ms`;
  // Engine times are whole milliseconds: at most three decimals, trailing zeros dropped.
  const exact = (seconds: number) => String(Math.round(seconds * 1000) / 1000);
  if (abs < 1_000_000) return `${exact(ms / 1000)} s`;
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(abs / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const millis = Math.round(abs - total * 1000);
  const fraction = millis > 0 ? `.${String(millis).padStart(3, '0').replace(/0+$/, '')}` : '';
  return `${sign}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${fraction}`;
}

/** Cuts text to about `maxChars` characters with an ellipsis. */
export function clip(text: string, maxChars: number): string {
  const max = Math.max(2, Math.floor(maxChars));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "P0, P2" or "P0–P7" or "P0–P3, P9 (5)": a member's partitions, compactly. */
export function partitionList(ps: readonly number[]): string {
  if (ps.length === 0) return 'no partitions';
  const sorted = [...ps].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i + 1 ? `P${sorted[i]}–${sorted[j]}` : j === i + 1 ? `P${sorted[i]}, P${sorted[j]}` : `P${sorted[i]}`);
    i = j + 1;
  }
  const text = parts.join(', ');
  return parts.length > 2 ? `${parts.slice(0, 2).join(', ')}… (${ps.length})` : text;
}

// One formatter, reused: toLocaleString builds a new one per call, and counts change every frame.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const count = (n: number): string => integer.format(n);
