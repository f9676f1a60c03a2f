/**
 * The few rules where Flink's and Beam's window operators disagree, as data the shared
 * operator (windows/window-operator.ts) consults. Each profile's values live in its own file.
 */
import type { RuleName } from '../decisions/decision-log';

export interface WindowRules {
  /**
   * A window ending at `end` fires on time when the watermark reaches end + onTimeShift.
   * (Numbers, not functions: the operator adds them on every element.)
   */
  onTimeShift: number;
  /**
   * Its state expires when the watermark reaches end + allowedLateness + expiryShift: from then
   * on its elements are dropped as late and its state is released.
   */
  expiryShift: number;
  /** The rule the lateness verdicts name in the decision log. */
  latenessRule: RuleName;
  /**
   * Late drops are listed per element and window: an element too late for one of its sliding
   * windows is listed as dropped from that window even when its other windows count it (Beam).
   * Otherwise one drop per element, only when every window skipped it (Flink).
   */
  dropsPerWindow: boolean;
  /** Sessions that only touch ([0, 5) and [5, 9)) merge too, or only overlapping ones do. */
  sessionsMergeOnTouch: boolean;
  /** A merged session keeps the earliest pending processing-time pane timer of the sessions it merged. */
  mergeKeepsEarliestPaneTimer: boolean;
  /** The on-time pane is emitted even when nothing arrived since the previous pane. */
  emptyOnTimePane: boolean;
  /** Late data still waiting for its late trigger is emitted as a final pane when the window expires. */
  flushPendingAtExpiry: boolean;
  /** Results carry their pane index. */
  paneIndex: boolean;
  /** A session element is judged late by its own window [t, t + gap), before merging (else by the merged session). */
  sessionLatenessBeforeMerge: boolean;
}
