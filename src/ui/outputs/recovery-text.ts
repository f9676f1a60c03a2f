/**
 * The mode cards' words for a job's failures and for the latency a transactional sink adds,
 * from the engine's `Recovery` records and divergence summary (nothing recomputed here).
 */
import type { DivergenceSummary, Recovery } from '../../engine/index';
import { formatTime, formatValue } from '../format';
import { momentText } from './sink-view';

/** What the job restarted with, per restore point. */
export function restoreText(r: Recovery): string {
  const to = r.restoredTo === null ? '' : momentText(r.restoredTo);
  switch (r.restoredFrom) {
    case 'checkpoint':
      return `restored the checkpoint of ${to}`;
    case 'commit':
      return `restored the state committed at ${to}`;
    case 'batch':
      return `restored the state of the batch at ${to}`;
    case 'kept':
      return 'kept its state (the changelog has every update)';
    case 'empty':
      return r.kind === 'replay' ? 'a new job, starting with empty state' : 'restarted with empty state';
  }
}

/** "Failed at 27 s, back at 32 s: restored the checkpoint of 20 s". */
export function recoveryHeadline(r: Recovery): string {
  const what = r.kind === 'replay' ? 'Replayed' : 'Failed';
  const back = r.restartAt > r.at ? `, back at ${momentText(r.restartAt)}` : '';
  return `${what} at ${momentText(r.at)}${back}: ${restoreText(r)}`;
}

/** "re-read 77 · counted twice 0 · 4 results aborted" (aborted only when some were). */
export function recoveryCost(r: Recovery): string {
  const parts = [`re-read ${formatValue(r.reread)}`, `counted twice ${formatValue(r.recounted)}`];
  if (r.aborted > 0) parts.push(`${formatValue(r.aborted)} result${r.aborted === 1 ? '' : 's'} aborted`);
  return parts.join(' · ');
}

/** The tooltip: the offsets the restarted job read from. */
export function recoveryDetail(r: Recovery): string {
  const offsets = r.offsets.length === 1 ? `offset ${formatValue(r.offsets[0])}` : `offsets ${r.offsets.map(formatValue).join(', ')} (one per partition)`;
  return `Down at ${formatTime(r.at)}, running again at ${formatTime(r.restartAt)}, reading from ${offsets}. Re-read: records read again after the restart; counted twice: re-reads added to state that already held them; aborted: results written in the transaction the failure aborted, never visible.`;
}

/** A latency as an amount and a side: 800 → "800 ms" after; -4310 → "4.310 s" before (Kafka Streams updates early). */
export interface Lag {
  amount: string;
  side: 'after' | 'before';
}

const lag = (ms: number | null): Lag => (ms === null ? { amount: '—', side: 'after' } : { amount: formatTime(Math.abs(ms)), side: ms < 0 ? 'before' : 'after' });

/**
 * The latency a reader of committed data pays, when it differs from the first result's: the
 * medians and the longest, each as an amount and a side of the window's end; null when they are the same.
 */
export function visibleLatency(s: Pick<DivergenceSummary, 'latencyP50' | 'visibleLatencyP50' | 'latencyMax' | 'visibleLatencyMax'>): { emitted: Lag; visible: Lag; emittedMax: Lag; visibleMax: Lag } | null {
  if (s.latencyP50 === s.visibleLatencyP50 && s.latencyMax === s.visibleLatencyMax) return null;
  return { emitted: lag(s.latencyP50), visible: lag(s.visibleLatencyP50), emittedMax: lag(s.latencyMax), visibleMax: lag(s.visibleLatencyMax) };
}

/** "800 ms after", "4.310 s before". */
export const lagText = (l: Lag): string => `${l.amount} ${l.side}`;
