/**
 * The state one window holds for one key: its accumulator, what it last emitted (for
 * retractions), and its triggers' state (pane counts, pending timers). The store
 * (time-slots.ts, session-store.ts) keeps these; the triggers, the emitter and the session
 * merge read and update them.
 */
import type { Subscription } from 'rxjs';
import type { Accumulator } from '../aggregates/accumulator';
import type { Window } from './window';

/** A pane emitted for a session that a later merge absorbed: retracted by the merged session's next pane. */
export interface AbsorbedPane {
  window: Window;
  value: number;
}

export interface WindowState {
  key: number;
  start: number;
  end: number;
  /** [start, end) as the results carry it; shared by every key of a time window (results are read-only). */
  window: Window;
  acc: Accumulator;
  /** Elements added since the last firing. */
  hasNew: boolean;
  /** The last value emitted, for retractions; undefined before the first firing. */
  lastEmitted: number | undefined;
  /** Panes of sessions merged into this one that were emitted and not yet retracted. */
  absorbed: AbsorbedPane[] | null;
  alive: boolean;
  /** Bumped when the window's end changes, so queued timers for the old end are skipped. */
  version: number;
  /** The early-interval trigger's processing-time timer (Flink's ContinuousProcessingTimeTrigger). */
  earlyTimer: Subscription | null;
  /** Elements since the last pane (for elementCountAtLeast). */
  paneCount: number;
  /** A processingTimeAfterFirstElementInPane timer armed by the pane's first element. */
  paneTimer: Subscription | null;
  /** When paneTimer is due (NaN when none): a merged session keeps the earliest (Beam). */
  paneTimerAt: number;
  /** paneTimer was armed in the late phase (by the late sub-trigger), else in the early phase. */
  paneTimerLate: boolean;
  /** Panes emitted so far: the next pane's index. */
  panes: number;
}

export function createWindowState(key: number, start: number, end: number, window: Window, acc: Accumulator): WindowState {
  return {
    key,
    start,
    end,
    window,
    acc,
    hasNew: false,
    lastEmitted: undefined,
    absorbed: null,
    alive: true,
    version: 0,
    earlyTimer: null,
    paneCount: 0,
    paneTimer: null,
    paneTimerAt: NaN,
    paneTimerLate: false,
    panes: 0,
  };
}
