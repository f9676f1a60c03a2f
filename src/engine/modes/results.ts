/**
 * What a mode emits: results (window firings) and drops (side outputs), in the shape the
 * CLI prints and the UI shows.
 */
import type { Window } from '../windows/window';

export type { Firing, Result } from '../windows/result';

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
