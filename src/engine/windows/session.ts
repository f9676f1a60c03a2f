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
 * Given a key's sessions sorted by start, the indices of those that merge with `w`.
 * They are always a contiguous run, because sessions of one key never overlap.
 */
export function mergeCandidates(sessions: readonly Window[], w: Window): { from: number; to: number } {
  let from = 0;
  while (from < sessions.length && sessions[from].end < w.start) from++;
  let to = from;
  while (to < sessions.length && sessions[to].start <= w.end) to++;
  return { from, to };
}
