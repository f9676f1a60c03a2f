/**
 * Per-run lookups for the inspect panel: records by key in event-time order (to list a
 * window's events without scanning the log on every selection) and the words that explain
 * each record's fate. Plain lookups over engine output; no semantics are recomputed.
 */
import { bisector } from 'd3';
import { FATE, FATE_NAMES, FLAG, profile, VERDICT, type LateFacts, type ModeName, type ModeOutput, type Run, type SemanticsProfile } from '../../engine/index';
import { formatTime } from '../format';
import { byTime } from '../state/at-time';

interface KeyIndex {
  /** Rows of each key (by key index), sorted by event time, then append order. */
  rowsByKey: Int32Array[];
}

const cache = new WeakMap<Run, KeyIndex>();

function keyIndex(run: Run): KeyIndex {
  const hit = cache.get(run);
  if (hit) return hit;
  const r = run.log.records;
  const lists: number[][] = run.log.keys.map(() => []);
  for (let row = 0; row < r.length; row++) lists[r.key[row]]?.push(row);
  const rowsByKey = lists.map((list) => Int32Array.from(list).sort((a, b) => r.eventTime[a] - r.eventTime[b] || a - b));
  const index = { rowsByKey };
  cache.set(run, index);
  return index;
}

/** Rows of `key` whose event time is in [start, end), in event-time order. */
export function rowsInWindow(run: Run, key: string, start: number, end: number): Int32Array {
  const k = run.log.keys.indexOf(key);
  if (k < 0) return new Int32Array(0);
  const rows = keyIndex(run).rowsByKey[k];
  // One bisector per inspection (not per frame): its accessor reads this run's event times.
  const byEventTime = bisector((row: number) => run.log.records.eventTime[row]);
  return rows.subarray(byEventTime.left(rows, start), byEventTime.left(rows, end));
}

/** The first record (in append order) whose streaming fate is late, or -1. */
export function firstLateRow(run: Run): number {
  return run.modes.streaming.fate.indexOf(FATE.LATE);
}

/**
 * The mode's watermark as the record met it: streaming applies timers before reads at one
 * instant, so a change at the read time counts; a micro-batch notes its new watermark
 * after the batch, so the one in force is the last noted strictly before.
 */
export function watermarkWhenProcessed(mode: ModeName, out: ModeOutput, t: number): number {
  const list = out.watermarks;
  const i = mode === 'streaming' ? byTime.right(list, t) : byTime.left(list, t);
  return i === 0 ? -Infinity : list[i - 1].watermark;
}

/** The window a record was first counted in, when its end follows from its start. */
export function countedWindow(run: Run, windowStart: number): { start: number; end: number } | null {
  if (Number.isNaN(windowStart)) return null;
  const w = run.scenario.processor.window;
  if (w.type === 'session') return null;
  return { start: windowStart, end: windowStart + w.size };
}

/** The profile whose rules a mode ran under: micro-batch is always Spark. */
function modeProfile(run: Run, mode: ModeName): SemanticsProfile {
  return profile(mode === 'microbatch' ? 'spark' : run.scenario.processor.semantics);
}

/**
 * The record's first late-dropped verdict in the mode's decision log, as the profile explains
 * it; without one (a profile whose operator does not record it) the clock as the record met it.
 */
function lateFacts(run: Run, mode: ModeName, out: ModeOutput, row: number): LateFacts {
  const p = run.scenario.processor;
  const base = { at: out.processedAt[row], session: p.window.type === 'session', lateness: p.allowedLateness };
  const d = out.decisions;
  const rows = d.row.data;
  for (let i = 0; i < d.length; i++) {
    if (rows[i] !== row || d.verdict.data[i] !== VERDICT.LATE_DROPPED) continue;
    const start = d.windowStart.data[i];
    const window = Number.isNaN(start) ? null : { start, end: d.windowEnd.data[i] };
    return { ...base, clock: d.clock.data[i], window, threshold: d.threshold.data[i], at: d.time.data[i] };
  }
  return { ...base, clock: watermarkWhenProcessed(mode, out, base.at), window: null, threshold: NaN };
}

/** One sentence on why a record met its fate in a mode. */
export function explainFate(run: Run, mode: ModeName, row: number): string {
  const out = mode === 'batch' ? run.modes.batch : run.modes[mode];
  if (!out) return 'This mode produced no output.';
  const fate = out.fate[row];
  const flags = run.log.records.flags[row];
  const at = out.processedAt[row];
  const p = run.scenario.processor;
  switch (fate) {
    case FATE.COUNTED:
      if (mode === 'batch') return `Batch reads the complete log once, at ${formatTime(at)}, so it counts every well-formed event however late it arrived.`;
      if (flags & FLAG.LATE) return modeProfile(run, mode).lateCounted(p.allowedLateness, p.window.type === 'session', at, formatTime);
      return mode === 'streaming'
        ? `Read at ${formatTime(at)} and added to its window, which was still open.`
        : `Picked up by the micro-batch at ${formatTime(at)} (one every ${formatTime(run.scenario.microBatch.interval)}) and added to its window.`;
    case FATE.LATE:
      return modeProfile(run, mode).lateDropped(lateFacts(run, mode, out, row), formatTime);
    case FATE.DUPLICATE:
      return mode === 'batch'
        ? 'Dedup saw this event id earlier in the log (a producer retry sent it twice), so batch dropped this copy.'
        : 'Dedup still remembered this event id (a producer retry sent it twice), so this copy was dropped.';
    case FATE.MALFORMED:
      return flags & FLAG.MALFORMED
        ? 'Its payload fails the event schema, so it went to the dead-letter queue and never reached a window.'
        : "Its producer's schema version is not one the processor accepts, so it went to the dead-letter queue.";
    default:
      return mode === 'batch'
        ? 'Batch has not processed it.'
        : 'This mode never processed it: its partition had no live consumer at the end, or a seek skipped over it.';
  }
}

/** Fates in words, indexed like the engine's FATE_NAMES. */
export const FATE_WORDS: Record<(typeof FATE_NAMES)[number], string> = {
  inFlight: 'in flight',
  counted: 'counted',
  late: 'dropped: late',
  duplicate: 'dropped: duplicate',
  malformed: 'dead-lettered',
};

export const fateWords = (fate: number): string => FATE_WORDS[FATE_NAMES[fate] ?? 'inFlight'];
