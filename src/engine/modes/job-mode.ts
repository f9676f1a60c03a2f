/**
 * What a recovering job (recovery/job.ts) drives: one instance of a mode's processor. A failure
 * replaces the instance (or keeps it), so the instance's output can be re-attached. Every mode
 * reads records through the one read path (read-path.ts).
 */
import type { ModeOutput } from './mode-output';

export interface JobMode {
  out: ModeOutput;
  /** Handles the job's read number `i` (a record or a marker). */
  deliver(i: number): void;
  /** End of input. */
  finish(): void;
  /** The job restarts at the clock's time, with this instance's state. */
  resume(): void;
  /** The watermark (or Kafka Streams' stream time) the instance holds now. */
  watermarkNow(): number;
  /**
   * When the mode's last timer fires if its input ends at `inputEnd`: its last periodic
   * watermark tick, its last micro-batch, or `inputEnd` for a mode without timers. The run ends
   * when every mode's last timer has fired.
   */
  lastTimerAt(inputEnd: number): number;
}
