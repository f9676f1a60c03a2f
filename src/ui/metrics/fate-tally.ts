/**
 * The end-of-run fate table: every appended record ends with exactly one fate per mode, so the
 * tallies must add up to what was appended and read, and match the mode's own counters. A row
 * that does not says so (a check on the engine, shown to the learner).
 */
import { FATE, type Run } from '../../engine/index';
import type { RunMetrics } from './metrics-data';
import { formatCount as fmt } from './metrics-format';
import { STREAM_MODES, type StreamMode } from './metrics-at';

export interface FateRow {
  name: StreamMode;
  /** Records per fate (index = FATE value). */
  f: number[];
  processed: number;
  total: number;
  problems: string[];
}

export function fateRows(run: Run, metrics: RunMetrics): FateRow[] {
  return STREAM_MODES.map((name) => {
    const f = metrics[name].fates;
    const c = run.modes[name].counters;
    const processed = f[FATE.COUNTED] + f[FATE.LATE] + f[FATE.DUPLICATE] + f[FATE.MALFORMED];
    const total = processed + f[FATE.IN_FLIGHT];
    const problems: string[] = [];
    if (total !== run.counters.appended) problems.push(`fates add up to ${fmt(total)}, not ${fmt(run.counters.appended)} appended`);
    if (processed !== run.counters.consumed) problems.push(`${fmt(processed)} processed but ${fmt(run.counters.consumed)} read`);
    if (f[FATE.COUNTED] !== c.counted || f[FATE.LATE] !== c.droppedLate || f[FATE.DUPLICATE] !== c.deduplicated || f[FATE.MALFORMED] !== c.deadLettered)
      problems.push('the fates differ from the mode’s counters');
    return { name, f, processed, total, problems };
  });
}
