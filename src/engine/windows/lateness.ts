/**
 * Lateness as verdicts: for an element and one of its windows, whether the window is past its
 * allowed lateness (the element is dropped from that window), past its on-time point but still
 * within allowed lateness (the element is accepted late), or neither. The verdict names its
 * rule (the profile's WindowRules.latenessRule) and the numbers it compared: the watermark and
 * the expiry threshold end + expiryShift + allowedLateness.
 *
 * Thresholds, with Flink's in brackets and Beam's after (semantics/flink.ts, semantics/beam.ts):
 * - on time until the watermark reaches onTimeAt(end) [end - 1; Beam end];
 * - droppable once the watermark reaches expiresAt(end) [end - 1 + L; Beam end + L, which is
 *   Beam's "end - 1 + L is before the watermark"]. Window state is released at that same watermark.
 */
import { ruleIndex, VERDICT } from '../decisions/decision-log';
import type { WindowRules } from './window-rules';

/** Neither dropped nor late: the element is on time for the window. Never recorded. */
export const ON_TIME = -1;
export type LatenessVerdict = typeof VERDICT.LATE_DROPPED | typeof VERDICT.LATE_ACCEPTED | typeof ON_TIME;

export class Lateness {
  /** The rule's index in the decision log's RULES. */
  readonly rule: number;
  /** Numbers, not functions: the operator adds them on every element. */
  private readonly onTimeShift: number;
  /** allowedLateness + the profile's expiry shift. */
  private readonly expiryDelay: number;

  constructor(rules: WindowRules, allowedLateness: number) {
    this.rule = ruleIndex(rules.latenessRule);
    this.onTimeShift = rules.onTimeShift;
    this.expiryDelay = allowedLateness + rules.expiryShift;
  }

  /** The watermark at which a window ending at `end` fires on time. */
  onTimeAt(end: number): number {
    return end + this.onTimeShift;
  }

  /** The watermark at which its state expires and its elements are dropped. */
  expiresAt(end: number): number {
    return end + this.expiryDelay;
  }

  /** An element for the window ending at `end`, at `watermark`. */
  verdict(end: number, watermark: number): LatenessVerdict {
    if (end + this.expiryDelay <= watermark) return VERDICT.LATE_DROPPED;
    return end + this.onTimeShift <= watermark ? VERDICT.LATE_ACCEPTED : ON_TIME;
  }

  /** The window is past its on-time point: in its late phase. */
  behind(end: number, watermark: number): boolean {
    return end + this.onTimeShift <= watermark;
  }
}
