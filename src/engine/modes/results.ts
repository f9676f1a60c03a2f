/**
 * What a mode emits: results (window firings) and drops (side outputs), in the shape the
 * CLI prints and the UI shows.
 */
import type { Window } from '../windows/window';

/** early / on-time / late: streaming; update: micro-batch update mode; final: batch. */
export type Firing = 'early' | 'on-time' | 'late' | 'final' | 'update';

export interface Result {
  key: string;
  window: Window;
  /** NaN (null in JSON) when the aggregate is undefined, e.g. a ratio with no denominator. */
  value: number;
  firing: Firing;
  /** Virtual processing time of the firing. */
  emittedAt: number;
  /**
   * When a reader that sees only committed data can first read it: emittedAt for plain delivery,
   * the next checkpoint or commit for a transactional sink (NaN while its transaction is open).
   */
  visibleAt: number;
  /** Watermark at the firing: -Infinity (null in JSON) before any data. */
  watermark: number;
  /** A retraction of a value emitted earlier (accumulation "retracting"). */
  retraction?: true;
  /** Beam's pane index: 0 for a window's first pane, counting early, on-time and late panes (beam only). */
  pane?: number;
}

export type DropReason = 'late' | 'duplicate' | 'malformed';

export interface Drop {
  id: string;
  key: string;
  eventTime: number;
  reason: DropReason;
  /** Processing time at which the record was dropped. */
  droppedAt: number;
  partition: number;
  offset: number;
  /** The window the record was dropped from (kafka-streams drops per record and window). */
  window?: Window;
}

/** Each record's fate in a mode (one per record, however often it was read). */
export const FATE = {
  IN_FLIGHT: 0,
  COUNTED: 1,
  LATE: 2,
  DUPLICATE: 3,
  MALFORMED: 4,
} as const;
export type Fate = (typeof FATE)[keyof typeof FATE];
export const FATE_NAMES = ['inFlight', 'counted', 'late', 'duplicate', 'malformed'] as const;
