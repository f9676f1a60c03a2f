/**
 * The sink as two readers see it: everything the job wrote, or only what has committed. With a
 * transactional sink (exactly-once) a result is written at its firing and becomes visible when
 * its transaction commits (the engine's `visibleAt`); a failure aborts the open transaction and
 * its results are never visible. Everything here reads the engine's times; nothing recomputes them.
 */
import type { RecoveryPolicy, Run, WindowDivergence } from '../../engine/index';
import { MODE_LABELS } from '../palette';
import { formatTime, formatValue } from '../format';
import { sameValue, valueAt, type AbortedEmission, type Comparison, type ComparedMode, type ModeFolding, type SinkBasis, type ValueSoFar, type WindowRow } from './truth-divergence';

export const SINK_BASES: readonly { basis: SinkBasis; label: string }[] = [
  { basis: 'written', label: 'everything written' },
  { basis: 'committed', label: 'a reader of committed data' },
];

/** The latest value written for a window that a reader of committed data cannot see at t. */
export interface Uncommitted {
  value: number;
  /** When it was written. */
  at: number;
  /** When its transaction commits (null: not known, or never). */
  commitsAt: number | null;
  /** Set when a failure aborts its transaction: it never becomes visible. */
  aborted: { at: number | null } | null;
}

export interface SinkCell {
  /** What a reader on this basis sees at t (null: nothing yet). */
  shown: ValueSoFar | null;
  /** The latest written value when it is not (yet) committed at t; null when everything written is visible. */
  uncommitted: Uncommitted | null;
}

/** One window's cell for one mode at processing time t, as a reader on `basis` sees it. */
export function sinkCell(w: WindowDivergence | null, t: number, folding: ModeFolding, basis: SinkBasis, aborted: readonly AbortedEmission[] = []): SinkCell {
  const written = valueAt(w, t, folding, 'written', aborted);
  const shown = basis === 'written' ? written : valueAt(w, t, folding, 'committed');
  if (!written || written.visibleAt <= t) return { shown, uncommitted: null };
  return {
    shown,
    uncommitted: {
      value: written.value,
      at: written.at,
      commitsAt: !written.aborted && Number.isFinite(written.visibleAt) ? written.visibleAt : null,
      aborted: written.aborted ?? null,
    },
  };
}

/**
 * What a table cell shows: a value; a value written but not visible to this reader yet
 * (committed basis); none, known once the run is over (the mode never emitted a window the
 * truth has); nothing to compare (neither has it); or not emitted yet.
 */
export type CellState = 'value' | 'pending-commit' | 'never' | 'none' | 'pending';

export interface TableCell extends SinkCell {
  state: CellState;
  /** The value shown differs from the truth (or the mode never emitted a truth window). */
  differs: boolean;
}

/** One row's cell for one mode at t (endTime: when the run is over). */
export function tableCell(row: WindowRow, mode: ComparedMode, t: number, comparison: Pick<Comparison, 'folding' | 'aborted'>, basis: SinkBasis, endTime: number): TableCell {
  const w = row[mode];
  const cell = sinkCell(w, t, comparison.folding[mode], basis, w ? comparison.aborted[mode].get(w) : undefined);
  if (cell.shown) return { ...cell, state: 'value', differs: row.truth === null || !sameValue(cell.shown.value, row.truth) };
  // Known only once the run is over; a window batch lacks too is no difference.
  if (t >= endTime) return { ...cell, state: row.truth !== null ? 'never' : 'none', differs: row.truth !== null };
  return { ...cell, state: cell.uncommitted ? 'pending-commit' : 'pending', differs: false };
}

/** A moment in a sentence: "40 s" for whole seconds, otherwise as everywhere ("11.800 s", "800 ms"). */
export function momentText(ms: number): string {
  if (Number.isFinite(ms) && ms % 1000 === 0 && Math.abs(ms) < 60_000 * 60) return `${formatValue(ms / 1000)} s`;
  return formatTime(ms);
}

/**
 * How an uncommitted value reads at t: "commits at 40 s", "aborted at 27 s" (or "aborts at
 * 27 s" before the failure), or "not yet committed" when the run does not say when.
 */
export function uncommittedText(u: Uncommitted, t: number): string {
  if (u.aborted) {
    if (u.aborted.at === null) return 'aborted';
    return `${u.aborted.at <= t ? 'aborted' : 'aborts'} at ${momentText(u.aborted.at)}`;
  }
  if (u.commitsAt !== null) return `commits at ${momentText(u.commitsAt)}`;
  return 'not yet committed';
}

/** The committed view's text for a value not visible yet: "10 · commits at 20 s". */
export function pendingCommitText(u: Uncommitted, t: number): string {
  return `${formatValue(u.value)} · ${uncommittedText(u, t)}`;
}

/** The written view's small marker on a value a committed reader cannot see. */
export function uncommittedMarker(u: Uncommitted, t: number): { text: string; title: string } {
  const written = `Written at ${formatTime(u.at)}`;
  if (u.aborted) {
    const when = u.aborted.at === null ? '' : ` at ${formatTime(u.aborted.at)}`;
    const done = u.aborted.at === null || u.aborted.at <= t;
    return {
      text: done ? 'aborted' : 'not yet committed',
      title: `${written}; a failure ${done ? 'aborted' : 'aborts'} its transaction${when}, so a reader of committed data never sees it`,
    };
  }
  return {
    text: 'not yet committed',
    title: `${written}; ${u.commitsAt === null ? 'its transaction has not committed yet' : `its transaction commits at ${formatTime(u.commitsAt)}`}: a reader of committed data cannot see it yet`,
  };
}

/** Per run: which modes write transactionally and how many results a committed reader sees late or never. */
export interface SinkVisibility {
  transactional: ComparedMode[];
  /** Results visible later than they were written. */
  delayed: Record<ComparedMode, number>;
  /** Results of aborted transactions (never visible). */
  aborted: Record<ComparedMode, number>;
  /** Both readers see the same sink at every moment. */
  same: boolean;
}

const COMPARED: readonly ComparedMode[] = ['microbatch', 'streaming'];

export function sinkVisibility(run: Pick<Run, 'modes'>): SinkVisibility {
  const delayed = { microbatch: 0, streaming: 0 };
  const aborted = { microbatch: 0, streaming: 0 };
  const transactional: ComparedMode[] = [];
  for (const mode of COMPARED) {
    const out = run.modes[mode];
    if (out.transactional) transactional.push(mode);
    // NaN (still open) is not === emittedAt either.
    for (const r of out.results) if (r.visibleAt !== r.emittedAt) delayed[mode]++;
    aborted[mode] = out.aborted.length;
  }
  const same = COMPARED.every((m) => delayed[m] === 0 && aborted[m] === 0);
  return { transactional, delayed, aborted, same };
}

const listModes = (modes: readonly ComparedMode[]) => modes.map((m) => MODE_LABELS[m].toLowerCase()).join(' and ');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** When a transactional sink commits, by the job's recovery policy (engine data). */
const COMMITS_AT: Record<RecoveryPolicy['kind'], string> = {
  checkpoint: 'at the next checkpoint',
  changelog: 'at the next commit',
  batches: 'when its batch commits',
  fresh: 'when its transaction commits',
};

/** The sentence under the switch: why the two views differ here, or why they are the same. */
export function sinkBasisNote(visibility: SinkVisibility, run: Pick<Run, 'jobs'>): string {
  const v = visibility;
  if (v.same) {
    if (v.transactional.length === 0) return 'Here both views are the same: neither sink is transactional, so a result is visible to every reader as soon as it is written.';
    return `Here both views are the same: ${listModes(v.transactional)} ${v.transactional.length > 1 ? 'write' : 'writes'} transactionally, but every result committed as it was written.`;
  }
  const late = COMPARED.filter((m) => v.delayed[m] > 0 || v.aborted[m] > 0);
  const how = late.map((m) => `${MODE_LABELS[m].toLowerCase()} ${COMMITS_AT[run.jobs[m].policy.kind]}`).join(', ');
  const abortedTotal = v.aborted.microbatch + v.aborted.streaming;
  const aborted = abortedTotal > 0 ? ` ${formatValue(abortedTotal)} result${abortedTotal === 1 ? ' was' : 's were'} written in a transaction a failure aborted: never visible.` : '';
  return `${capital(listModes(late))} ${late.length > 1 ? 'write' : 'writes'} to a transactional sink: a reader of committed data sees a result only when its transaction commits (${how}).${aborted}`;
}
