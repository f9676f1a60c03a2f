/**
 * Spark Structured Streaming's rules as Streamlab runs them (the micro-batch mode, and the
 * streaming mode under the "spark" profile: modes/micro-batch.ts drives the batches):
 * - the watermark in force during a batch is fixed; after each batch it becomes
 *   max(previous, max event time seen - delay), global over partitions;
 * - a record is dropped from a window whose end <= the batch's watermark: Spark's late filter
 *   before 3.4 (3.4 and later filter with the previous batch's watermark; docs/semantics.md).
 */
import { windowText, type SemanticsProfile } from './profile';

/** The late filter: is a window ending at `end` closed to records of a batch with this watermark? */
export function sparkLate(end: number, watermark: number): boolean {
  return end <= watermark;
}

/** The watermark the next batch uses (never going back; markers are Streamlab's addition). */
export function sparkNextWatermark(current: number, maxEventTime: number, delay: number, maxMarker: number): number {
  return Math.max(current, maxEventTime - delay, maxMarker);
}

/** Spark as the UI and the inspector explain it. */
export const sparkProfile: SemanticsProfile = {
  name: 'spark',
  label: 'Spark',
  clock: 'watermark',
  hasWatermark: true,
  contrast: 'flink',
  suppress: false,
  latenessName: null,
  rules: {
    fires: 'Spark emits a window at the end of the first micro-batch whose watermark (max event time of earlier batches - delay) has reached its end.',
    late: 'Spark drops a record for a window whose end <= the watermark of the batch it arrives in.',
    emits: 'Spark emitted once per window in append mode (once per changed batch in update mode).',
    sessions: 'Spark sessions are [first, last + gap) and merge when they overlap or touch.',
    windows: 'Spark places windows at multiples of the slide, before 0 too.',
  },
  horizonRule: null,
  lateDropped(f, t) {
    if (!f.window) return `When the batch at ${t(f.at)} ran, its watermark (${t(f.clock)}) had already reached its window's end, so Spark dropped it as late (Spark has no allowed lateness).`;
    const own = f.session ? 'its own session window' : 'its window';
    return `When the batch at ${t(f.at)} ran, its watermark (${t(f.clock)}) had reached the end of ${own} ${windowText(f.window, t)}, so Spark dropped it from that window (Spark has no allowed lateness; the batch's watermark comes from earlier batches).`;
  },
  lateCounted(_lateness, _session, at, t) {
    return `Its producer delayed it, but the batch's watermark had not yet reached its window's end when the batch at ${t(at)} ran, so it was counted.`;
  },
};
