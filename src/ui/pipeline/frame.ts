/**
 * The state of every box of the pipeline figure at one moment, looked up per frame from the
 * per-run index (data.ts) in O(log n) or O(visible).
 */
import { bisectRight } from 'd3';
import type { ModeOutput, Result } from '../../engine/index';
import { byEmittedAt, byTime, lagSampleAt, watermarkAt } from '../state/at-time';
import type { GroupSnapshot, MemberState, PipelineData } from './data';

export interface ProducerAt {
  id: string;
  sent: number;
  held: number;
  offline: boolean;
  /** It has sent every record it sends in this run (past its `stop`, or out of scripted entries). */
  done: boolean;
}

export interface LaneAt {
  /** Log-end offset (records appended so far). */
  end: number;
  /** The group's position (next offset to read), last committed offset, and lag = end - position. */
  position: number;
  committed: number;
  lag: number;
  /** First offset drawn as a cell (earlier ones are elided), and the one after the last drawn. */
  firstVisible: number;
  visibleEnd: number;
  owner: number;
}

export interface MemberAt {
  id: string;
  state: MemberState;
  partitions: readonly number[];
}

export interface WindowAt {
  start: number;
  count: number;
  fired: boolean;
  /** Index into the run's window index (to aim dots at the bar). */
  index: number;
}

export interface SinkAt {
  mode: 'batch' | 'microbatch' | 'streaming';
  count: number;
  latest: Result | null;
}

export interface FrameState {
  t: number;
  producers: ProducerAt[];
  lanes: LaneAt[];
  members: MemberAt[];
  windows: WindowAt[];
  watermark: number;
  sinks: SinkAt[];
  dlq: { late: number; duplicate: number; malformed: number };
  appended: number;
  read: number;
  totalLag: number;
}

/** Number of results emitted at or before t, without copying them. */
function resultsCount(out: ModeOutput | null, t: number): number {
  if (!out) return 0;
  return byEmittedAt.right(out.results, t);
}

export function snapshotAt(data: PipelineData, t: number): GroupSnapshot {
  const i = byTime.right(data.snapshots, t);
  return i === 0 ? data.initialSnapshot : data.snapshots[i - 1];
}

/**
 * @param focus per partition, an offset the lanes should show (a restart's restore point); the
 *   lanes otherwise show the tail of each log.
 */
export function frameAt(data: PipelineData, t: number, slots: number, barCount: number, focus: readonly number[] | null = null): FrameState {
  const run = data.run;
  const P = data.partitions;
  const r = run.log.records;

  const producers = run.log.producerIds.map((id, i): ProducerAt => {
    const sent = bisectRight(data.sentTimes[i], t);
    const appended = bisectRight(data.producerAppendTimes[i], t);
    const offline = data.outages[i].some((o) => t >= o.from && t < o.to);
    return { id, sent, held: Math.max(0, sent - appended), offline, done: sent >= data.sentTimes[i].length };
  });

  const snap = snapshotAt(data, t);
  const s = lagSampleAt(run, t);
  const lag = run.group.lag;
  let totalLag = 0;
  const lanes: LaneAt[] = [];
  for (let p = 0; p < P; p++) {
    const end = bisectRight(data.appendTimes[p], t);
    // The engine samples positions every lag.interval ms; a read after the latest sample moves
    // the position to just past what it read (resets by rebalances show from the next sample).
    let position = s >= 0 ? lag.position[s * P + p] : 0;
    const sampleTime = s >= 0 ? lag.time[s] : -Infinity;
    const k = bisectRight(data.readAtP[p], t) - 1;
    if (k >= 0 && data.readAtP[p][k] > sampleTime) position = data.positionAfter[p][k];
    position = Math.min(position, end);
    const c = bisectRight(data.commitTimes[p], t) - 1;
    const committed = c >= 0 ? data.commitOffsets[p][c] : 0;
    const lagN = Math.max(0, end - position);
    totalLag += lagN;
    const firstVisible = Math.max(0, focus ? Math.min(end - slots, (focus[p] ?? end) - 1) : end - slots);
    lanes.push({ end, position, committed, lag: lagN, firstVisible, visibleEnd: Math.min(end, firstVisible + slots), owner: snap.owner[p] });
  }

  const members = run.group.memberIds.map((id, m): MemberAt => ({ id, state: snap.state[m], partitions: snap.partitions[m] }));

  // The most recent windows that have records by now, oldest first.
  const w = data.windows;
  const windows: WindowAt[] = [];
  for (let i = w.start.length - 1; i >= 0 && windows.length < barCount; i--) {
    if (w.first[i] > t) continue;
    const count = bisectRight(w.times, t, w.off[i], w.off[i + 1]) - w.off[i];
    windows.push({ start: w.start[i], count, fired: w.fired[i] <= t, index: i });
  }
  windows.reverse();

  const modes = run.modes;
  const sinks: SinkAt[] = (['batch', 'microbatch', 'streaming'] as const).map((mode) => {
    const out = modes[mode];
    const count = resultsCount(out, t);
    return { mode, count, latest: out && count > 0 ? out.results[count - 1] : null };
  });

  return {
    t,
    producers,
    lanes,
    members,
    windows,
    watermark: watermarkAt(modes.streaming, t),
    sinks,
    dlq: {
      late: bisectRight(data.drops.late, t),
      duplicate: bisectRight(data.drops.duplicate, t),
      malformed: bisectRight(data.drops.malformed, t),
    },
    appended: bisectRight(r.appendedAt, t, 0, r.length),
    read: bisectRight(data.readTimes, t),
    totalLag,
  };
}
