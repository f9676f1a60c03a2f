/**
 * Triggers as decisions, after Flink's Trigger and Beam's trigger state machines: on an
 * element, on the watermark and on a processing-time timer, a trigger returns FIRE,
 * FIRE_AND_PURGE (discarding accumulation clears the window after its pane) or CONTINUE. It
 * never fires a window itself: the operator acts on the decision and records it. A decision
 * other than CONTINUE also leaves the rule that made it and the pane's firing in `rule` and
 * `firing` (fields, not a returned object: onElement runs for every element and window).
 *
 * The policies:
 * - onWatermark: fire when the watermark reaches the window's on-time point; a late element
 *   (the window is past it) fires a late pane at once.
 * - early: also fire every `interval` of processing time while the window has new elements.
 * - onElement: fire on every element and never on the watermark.
 * - afterWatermark: Beam's AfterWatermark.pastEndOfWindow() with optional early and late
 *   sub-triggers (elementCountAtLeast, processingTimeAfterFirstElementInPane, never), which
 *   repeat after every pane.
 */
import { ruleIndex, VERDICT, type Verdict } from '../decisions/decision-log';
import type { PaneTriggerSpec } from '../scenario/schema';
import type { VirtualClock } from '../time/virtual-clock';
import type { Lateness } from './lateness';
import type { Accumulation } from './pane-emitter';
import type { Firing } from './result';
import type { WindowState } from './window-state';

/** When windows fire, besides the on-time rule. */
export type TriggerPolicy =
  | { type: 'onWatermark' }
  /** Also fire every `interval` of processing time while the window has new elements. */
  | { type: 'early'; interval: number }
  /** Fire on every element and never on the watermark (like a Kafka Streams aggregation). */
  | { type: 'onElement' }
  /** Beam's AfterWatermark.pastEndOfWindow() with optional repeating early and late sub-triggers. */
  | { type: 'afterWatermark'; early?: PaneTriggerSpec; late?: PaneTriggerSpec };

/** What the triggers need from the operator: the watermark, and someone to act on a timer's decision. */
export interface TriggerHost {
  readonly watermark: number;
  /** A processing-time timer decided to fire `state` (its due time is the decision's threshold). */
  onTimerDecision(state: WindowState, verdict: Verdict, firing: Firing, rule: number, dueAt: number): void;
}

export const RULE = {
  ON_TIME: ruleIndex('trigger.on-time'),
  EARLY_INTERVAL: ruleIndex('trigger.early-interval'),
  ELEMENT_COUNT: ruleIndex('trigger.element-count'),
  PROCESSING_TIME: ruleIndex('trigger.processing-time'),
  ON_ELEMENT: ruleIndex('trigger.on-element'),
  LATE_ELEMENT: ruleIndex('trigger.late-element'),
  EXPIRY_FLUSH: ruleIndex('trigger.expiry-flush'),
  END_OF_INPUT: ruleIndex('trigger.end-of-input'),
} as const;

const ON_WATERMARK = 0;
const EARLY = 1;
const ON_ELEMENT = 2;
const AFTER_WATERMARK = 3;
const KINDS = { onWatermark: ON_WATERMARK, early: EARLY, onElement: ON_ELEMENT, afterWatermark: AFTER_WATERMARK } as const;

export class Triggers {
  /** The rule of the last decision that was not CONTINUE (a RULES index). */
  rule: number = RULE.ON_TIME;
  /** The firing of the last decision that was not CONTINUE. */
  firing: Firing = 'on-time';
  /** FIRE, or FIRE_AND_PURGE when accumulation is discarding. */
  readonly fireVerdict: Verdict;
  /** Whether the watermark fires windows at all (onElement never does). */
  readonly firesOnWatermark: boolean;
  private readonly kind: number;

  constructor(
    private readonly policy: TriggerPolicy,
    accumulation: Accumulation,
    private readonly clock: VirtualClock,
    private readonly lateness: Lateness,
    private readonly host: TriggerHost,
  ) {
    this.fireVerdict = accumulation === 'discarding' ? VERDICT.FIRE_AND_PURGE : VERDICT.FIRE;
    this.kind = KINDS[policy.type];
    this.firesOnWatermark = this.kind !== ON_ELEMENT;
  }

  /** The watermark reached the window's on-time point. */
  onWatermark(): Verdict {
    if (!this.firesOnWatermark) return VERDICT.CONTINUE;
    return this.decide(RULE.ON_TIME, 'on-time');
  }

  /** Input ended: every window still open fires once with `firing`. */
  onEndOfInput(firing: Firing): Verdict {
    return this.decide(RULE.END_OF_INPUT, firing);
  }

  /** Beam: the window expires with late data still waiting for its late trigger: a final pane. */
  onExpiry(): Verdict {
    return this.decide(RULE.EXPIRY_FLUSH, 'late');
  }

  /**
   * An element went into `state`. `fresh`: the window is new (or just merged); `behind`: the
   * window is past its on-time point.
   */
  onElement(state: WindowState, fresh: boolean, behind: boolean): Verdict {
    const kind = this.kind;
    if (kind === ON_WATERMARK && !behind) return VERDICT.CONTINUE; // the common case, first
    if (kind === ON_ELEMENT) return this.decide(RULE.ON_ELEMENT, behind ? 'late' : 'early');
    const policy = this.policy;
    if (behind) {
      // A window that is new or merged behind the watermark fires at once; after that, late
      // elements fire as the late sub-trigger says (every element by default).
      const late = policy.type === 'afterWatermark' ? policy.late : undefined;
      if (fresh || !late) return this.decide(RULE.LATE_ELEMENT, 'late');
      return this.subTrigger(state, late, true);
    }
    if (policy.type === 'afterWatermark') return policy.early ? this.subTrigger(state, policy.early, false) : VERDICT.CONTINUE;
    if (policy.type === 'early' && !state.earlyTimer) this.armEarlyInterval(state, policy.interval);
    return VERDICT.CONTINUE;
  }

  /** A pane was emitted: the sub-triggers start again for the next pane. */
  onFired(state: WindowState): void {
    state.paneCount = 0;
    if (state.paneTimer) this.stopPaneTimer(state);
  }

  /**
   * Sessions parts[from..to) merged into `merged`: element counts add up (Beam's AfterPane
   * sums them). With `keepEarliestTimer` (Beam) the merged window also keeps the earliest
   * early-phase processing-time timer still pending in the parts (AfterProcessingTime's
   * delayed-until state combines with a minimum on merge); else the next element arms one afresh.
   */
  onMerge(merged: WindowState, parts: readonly WindowState[], from: number, to: number, keepEarliestTimer: boolean): void {
    let earliest = Infinity;
    for (let i = from; i < to; i++) {
      const part = parts[i];
      merged.paneCount += part.paneCount;
      if (part.paneTimer && !part.paneTimerLate && part.paneTimerAt < earliest) earliest = part.paneTimerAt;
      this.stop(part);
    }
    if (keepEarliestTimer && earliest !== Infinity) this.armPaneTimer(merged, earliest, false);
  }

  /** Stops every timer of a window whose state goes away. */
  stop(state: WindowState): void {
    state.earlyTimer?.unsubscribe();
    state.earlyTimer = null;
    if (state.paneTimer) this.stopPaneTimer(state);
  }

  private decide(rule: number, firing: Firing): Verdict {
    this.rule = rule;
    this.firing = firing;
    return this.fireVerdict;
  }

  /** An early or late sub-trigger of afterWatermark, after an element went into the pane. */
  private subTrigger(state: WindowState, spec: PaneTriggerSpec, late: boolean): Verdict {
    if (spec.type === 'never') return VERDICT.CONTINUE;
    if (spec.type === 'elementCountAtLeast') {
      return state.paneCount >= spec.count ? this.decide(RULE.ELEMENT_COUNT, late ? 'late' : 'early') : VERDICT.CONTINUE;
    }
    // The pane's first element starts the delay; the timer fires when processing time reaches
    // first + delay (Beam's AfterProcessingTime.pastFirstElementInPane().plusDelayOf(delay)).
    if (!state.paneTimer) this.armPaneTimer(state, this.clock.now() + spec.delay, late);
    return VERDICT.CONTINUE;
  }

  private armPaneTimer(state: WindowState, dueAt: number, late: boolean): void {
    state.paneTimerAt = dueAt;
    state.paneTimerLate = late;
    state.paneTimer = this.clock.scheduleAt(dueAt, () => {
      state.paneTimer = null;
      state.paneTimerAt = NaN;
      // Still in the phase that armed it, with something to say: early before the on-time pane, late after.
      if (!state.alive || !state.hasNew || this.lateness.behind(state.end, this.host.watermark) !== late) return;
      this.host.onTimerDecision(state, this.fireVerdict, late ? 'late' : 'early', RULE.PROCESSING_TIME, dueAt);
    });
  }

  private stopPaneTimer(state: WindowState): void {
    state.paneTimer?.unsubscribe();
    state.paneTimer = null;
    state.paneTimerAt = NaN;
  }

  /**
   * Aligned to multiples of the interval in processing time, like Flink's
   * ContinuousProcessingTimeTrigger; it re-arms on the next element, so an idle window does
   * not keep a timer running.
   */
  private armEarlyInterval(state: WindowState, interval: number): void {
    const now = this.clock.now();
    const dueAt = now - (now % interval) + interval;
    state.earlyTimer = this.clock.scheduleAt(dueAt, () => {
      state.earlyTimer = null;
      if (!state.alive || !state.hasNew || this.lateness.behind(state.end, this.host.watermark)) return;
      this.host.onTimerDecision(state, this.fireVerdict, 'early', RULE.EARLY_INTERVAL, dueAt);
    });
  }
}
