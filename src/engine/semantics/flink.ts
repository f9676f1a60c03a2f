/**
 * Flink's window rules: a window fires when the watermark reaches its last millisecond
 * (end - 1, Flink's maxTimestamp) and is gone, with its late elements, once the watermark
 * reaches end - 1 + allowed lateness. Sessions that touch merge.
 */
import type { WindowRules } from '../windows/window-rules';
import { windowText, type SemanticsProfile } from './profile';

export const flinkRules: WindowRules = {
  onTimeShift: -1,
  expiryShift: -1,
  latenessRule: 'lateness.flink',
  dropsPerWindow: false,
  sessionsMergeOnTouch: true,
  mergeKeepsEarliestPaneTimer: false,
  emptyOnTimePane: false,
  flushPendingAtExpiry: false,
  paneIndex: false,
  sessionLatenessBeforeMerge: false,
};

/** Flink as the UI and the inspector explain it. */
export const flinkProfile: SemanticsProfile = {
  name: 'flink',
  label: 'Flink',
  clock: 'watermark',
  hasWatermark: true,
  contrast: 'kafka-streams',
  suppress: false,
  latenessName: 'allowed lateness',
  rules: {
    fires: 'Flink fires a window when the watermark reaches its last millisecond (end - 1).',
    late: 'Flink drops a record for a window once the watermark has reached end - 1 + allowed lateness.',
    emits: 'Flink waited for the watermark and emitted once per firing (plus one late firing per late record).',
    sessions: 'Flink merges sessions that overlap or touch.',
    windows: 'Flink places windows at multiples of the size or slide, before 0 too.',
  },
  horizonRule: 'Flink drops a record for a window [s, e) when e − 1 + L <= W: the window’s last millisecond is at or below this line.',
  lateDropped(f, t) {
    // WindowOperator.isWindowLate: window.maxTimestamp() + allowedLateness <= currentWatermark.
    const plus = f.lateness > 0 ? ' + allowed lateness' : '';
    if (!f.window) return `Flink dropped it as late: the watermark (${t(f.clock)}) had already reached its window's last millisecond (end − 1)${plus}, so the window no longer took records.`;
    const threshold = Number.isNaN(f.threshold) ? f.window.end - 1 + f.lateness : f.threshold;
    return `Flink dropped it as late: the watermark (${t(f.clock)}) had reached the last millisecond of its ${f.session ? 'session' : 'window'} ${windowText(f.window, t)}${plus} (${t(threshold)}), so the window no longer took records.`;
  },
  lateCounted(lateness, _session, _at, t) {
    const plus = lateness > 0 ? ` + allowed lateness (${t(lateness)})` : '';
    return `Its producer delayed it, but the watermark had not yet reached its window's last millisecond${plus} when it was read, so it was counted.`;
  },
};
