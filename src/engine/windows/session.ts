/**
 * Session windows: an event at t opens [t, t + gap); sessions of the same key that overlap
 * or touch merge into one (Flink's rule: [0, 5) and [5, 9) become [0, 9)).
 */
import type { Window } from './window';

/** Whether two sessions merge under Flink's rule (overlap or touch). */
export function sessionsMerge(a: Window, b: Window): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Given a key's sessions sorted by start, the indices of those that merge with `w`: those
 * that overlap it or, with `onTouch` (Flink, Spark), also those that just touch it (Beam
 * merges only overlapping ones). They are always a contiguous run, because sessions of one
 * key never overlap.
 */
export function mergeCandidates(sessions: readonly Window[], w: Window, onTouch = true): { from: number; to: number } {
  let from = 0;
  if (onTouch) while (from < sessions.length && sessions[from].end < w.start) from++;
  else while (from < sessions.length && sessions[from].end <= w.start) from++;
  let to = from;
  if (onTouch) while (to < sessions.length && sessions[to].start <= w.end) to++;
  else while (to < sessions.length && sessions[to].start < w.end) to++;
  return { from, to };
}
