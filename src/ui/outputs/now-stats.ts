/**
 * The mode cards' window counts as of a moment: how many windows hold the truth, a wrong value, or
 * nothing although closed. End-of-run totals (the engine's divergence summary) answer questions a
 * lesson asks before they happen; these follow the sink through the run instead. Built once per
 * run and mode as a timeline of changes, so a frame only binary-searches it.
 */
import { countUntilTimes } from '../state/at-time';
import { sameValue, valueSteps, type ComparedMode, type Comparison } from './truth-divergence';

export interface WindowTally {
  /** Windows whose value so far equals the truth. */
  exact: number;
  /** Windows with a value so far that differs from the truth. */
  wrong: number;
  /** Windows closed by now (closed-at.ts; every one at the end of the run) that this mode has emitted nothing for. */
  missing: number;
}

export interface TallyTimeline {
  /** Change times, ascending; the tallies hold from each time on. */
  times: Float64Array;
  exact: Int32Array;
  wrong: Int32Array;
  missing: Int32Array;
}

type State = 'exact' | 'wrong' | 'missing';

/** Every truth window's state changes for one mode (windows batch lacks are extra, not counted here). */
export function tallyTimeline(comparison: Pick<Comparison, 'rows' | 'folding' | 'closedAt'>, mode: ComparedMode, endTime: number): TallyTimeline {
  const changes: { time: number; from: State | null; to: State }[] = [];
  for (const row of comparison.rows) {
    const truth = row.truth;
    if (truth === null) continue;
    const steps = valueSteps(row[mode], comparison.folding[mode]);
    // Nothing in the sink yet for a closed window: missing until the first value.
    const closed = Math.min(comparison.closedAt.get(row)?.[mode] ?? Infinity, endTime);
    let state: State | null = null;
    if (steps.length === 0 || closed < steps[0].at) {
      changes.push({ time: closed, from: null, to: 'missing' });
      state = 'missing';
    }
    for (const s of steps) {
      const next: State = sameValue(s.value, truth) ? 'exact' : 'wrong';
      if (next === state) continue;
      changes.push({ time: s.at, from: state, to: next });
      state = next;
    }
  }
  changes.sort((a, b) => a.time - b.time);
  const n = changes.length;
  const out: TallyTimeline = { times: new Float64Array(n), exact: new Int32Array(n), wrong: new Int32Array(n), missing: new Int32Array(n) };
  const tally: WindowTally = { exact: 0, wrong: 0, missing: 0 };
  changes.forEach((c, i) => {
    if (c.from) tally[c.from]--;
    tally[c.to]++;
    out.times[i] = c.time;
    out.exact[i] = tally.exact;
    out.wrong[i] = tally.wrong;
    out.missing[i] = tally.missing;
  });
  return out;
}

/** The tallies in force at processing time t. */
export function tallyAt(timeline: TallyTimeline, t: number): WindowTally {
  const i = countUntilTimes(timeline.times, t) - 1;
  if (i < 0) return { exact: 0, wrong: 0, missing: 0 };
  return { exact: timeline.exact[i], wrong: timeline.wrong[i], missing: timeline.missing[i] };
}
