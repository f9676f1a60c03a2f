/**
 * Beam's window rules: timers fire when the watermark is past their time, so a window's
 * on-time pane comes when the watermark passes its last millisecond (watermark >= end), and
 * it expires once the watermark is past end - 1 + allowed lateness (watermark >= end + L).
 * The on-time pane fires even when empty; late data still pending at expiry is flushed as a
 * final pane; results carry pane indices; only overlapping sessions merge, and a session
 * element is judged late by its own window before any merging (LateDataDroppingDoFnRunner).
 * A merged session keeps the earliest pending processing-time timer of the sessions it merged
 * (AfterDelayFromFirstElementStateMachine.onMerge combines "delayed until" with a minimum).
 * Late data is dropped per window (LateDataFilter checks each window of an element), so a
 * drop is listed per element and window.
 */
import type { WindowRules } from '../windows/window-rules';
import { windowText, type SemanticsProfile } from './profile';

export const beamRules: WindowRules = {
  onTimeShift: 0,
  expiryShift: 0,
  latenessRule: 'lateness.beam',
  dropsPerWindow: true,
  sessionsMergeOnTouch: false,
  mergeKeepsEarliestPaneTimer: true,
  emptyOnTimePane: true,
  flushPendingAtExpiry: true,
  paneIndex: true,
  sessionLatenessBeforeMerge: true,
};

/** Beam as the UI and the inspector explain it. */
export const beamProfile: SemanticsProfile = {
  name: 'beam',
  label: 'Beam',
  clock: 'watermark',
  hasWatermark: true,
  contrast: 'flink',
  suppress: false,
  latenessName: 'allowed lateness',
  rules: {
    fires: 'Beam fires a window only when the watermark passes its last millisecond (watermark >= end).',
    late: 'Beam drops a record for a window only once the watermark is past end - 1 + allowed lateness.',
    emits: 'Beam emitted its panes as the trigger said (the on-time pane even when empty).',
    sessions: 'Beam merges sessions only when they overlap; touching sessions stay apart.',
    windows: 'Beam places windows at multiples of the size or period, before 0 too.',
  },
  horizonRule: 'Beam drops a record for a window [s, e) when e − 1 + L < W: the window’s last millisecond is below this line.',
  lateDropped(f, t) {
    // LateDataDroppingDoFnRunner: window.maxTimestamp() + allowedLateness is before the input watermark.
    const plus = f.lateness > 0 ? ' + allowed lateness' : '';
    if (!f.window) return `Beam dropped it as late: the watermark (${t(f.clock)}) was already past its window's last millisecond (end − 1)${plus}.`;
    const threshold = Number.isNaN(f.threshold) ? f.window.end - 1 + f.lateness : f.threshold;
    const own = f.session ? 'its own session window' : 'its window';
    return `Beam dropped it as late: the watermark (${t(f.clock)}) was past the last millisecond of ${own} ${windowText(f.window, t)}${plus} (${t(threshold)}).`;
  },
  lateCounted(lateness, _session, _at, t) {
    const plus = lateness > 0 ? ` + allowed lateness (${t(lateness)})` : '';
    return `Its producer delayed it, but the watermark was not yet past its window's last millisecond${plus} when it was read, so it was counted.`;
  },
};
