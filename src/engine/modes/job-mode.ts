/**
 * What a recovering job (recovery/job.ts) drives: one instance of a mode's processor. A failure
 * replaces the instance (or keeps it), so the instance's output can be re-attached, and it says
 * which records its state holds, so a re-read that goes into that state again is seen.
 */
import type { GateVerdict } from './record-gate';
import type { ModeOutput } from './mode-output';
import { FATE } from './results';

export interface JobMode {
  out: ModeOutput;
  /** Per record: 1 once this instance's state holds its count. */
  readonly held: Uint8Array;
  /** Handles the job's read number `i` (a record or a marker). */
  deliver(i: number): void;
  /** End of input. */
  finish(): void;
  /** The job restarts at the clock's time, with this instance's state. */
  resume(): void;
  /** The watermark (or Kafka Streams' stream time) the instance holds now. */
  watermarkNow(): number;
}

/**
 * Settles a read record: its fate is that of its first processing (later calls are ignored by
 * ModeOutput.settle), and a re-read that goes into state that already holds it is counted twice.
 * A record first read just before a failure and never processed (a micro-batch still waiting)
 * gets its fate from the re-read.
 */
export function settleRead(out: ModeOutput, held: Uint8Array, row: number, reread: boolean, verdict: GateVerdict, accepted: number, now: number, windowStart: number): void {
  const c = out.counters;
  if (reread) c.reread++;
  if (verdict === 'malformed') return out.settle(row, FATE.MALFORMED, now);
  if (verdict === 'duplicate') {
    if (reread && out.fate[row] !== FATE.IN_FLIGHT) c.rereadDeduplicated++;
    else out.settle(row, FATE.DUPLICATE, now);
    return;
  }
  if (accepted > 0) {
    if (held[row]) out.countAgain(row);
    held[row] = 1;
  }
  out.settle(row, accepted > 0 ? FATE.COUNTED : FATE.LATE, now, windowStart);
}
