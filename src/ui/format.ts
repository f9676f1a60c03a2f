/** Text for times and values as learners read them: "12.345 s", "-inf", "1,204". */
export function formatTime(ms: number): string {
  if (ms === -Infinity) return '−∞';
  if (ms === Infinity || ms >= Number.MAX_SAFE_INTEGER) return '+∞';
  if (Number.isNaN(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s.toLocaleString('en-US', { minimumFractionDigits: abs < 60_000 ? 3 : 1, maximumFractionDigits: abs < 60_000 ? 3 : 1 })} s`;
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function formatWindow(w: { start: number; end: number }): string {
  return `[${formatTime(w.start)}, ${formatTime(w.end)})`;
}
