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
