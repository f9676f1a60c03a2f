/**
 * What a window operator emits: one result per window, key and pane. The modes, the CLI and
 * the UI all read results in this shape.
 */
import type { Window } from './window';

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
