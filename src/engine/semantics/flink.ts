/**
 * Flink's window rules: a window fires when the watermark reaches its last millisecond
 * (end - 1, Flink's maxTimestamp) and is gone, with its late elements, once the watermark
 * reaches end - 1 + allowed lateness. Sessions that touch merge.
 */
import type { WindowRules } from '../windows/window-rules';

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
