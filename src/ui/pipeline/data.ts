/**
 * What the pipeline figure needs from a finished run, prepared once per run (sorted copies and
 * small indexes), and the state of every box at one moment, looked up per frame in O(log n)
 * or O(visible). Nothing here decides semantics: times, fates and results come from the engine.
 */
import { FLAG, type ModeOutput, type Result, type Run } from '../../engine/index';
import { lagSampleAt, watermarkAt } from '../state/at-time';
import { buildIntervalIndex, upperBound, type IntervalIndex } from './intervals';

/** A record visibly travels from its producer to the topic for at least this long (virtual ms). */
export const MIN_FLIGHT = 400;
/** ...and at most this long, however early its event time (scripted events can be far in the past). */
const MAX_FLIGHT = 120_000;

export type MemberState = 'not-joined' | 'reading' | 'idle' | 'crashed' | 'left';

interface GroupSnapshot {
  time: number;
  state: MemberState[];
  partitions: number[][];
  /** Member index owning each partition (-1: nobody). */
  owner: Int32Array;
}

export interface WindowIndex {
  /** Distinct window starts (streaming, first window a record was counted in), ascending. */
  start: Float64Array;
  /** Records of window i are times[off[i]..off[i+1]), their processing times ascending. */
  off: Int32Array;
  times: Float64Array;
  /** First processing time seen for each window. */
  first: Float64Array;
  /** First on-time (or final) streaming firing for each window start; Infinity if none. */
  fired: Float64Array;
  /** Largest final count of any window, for a bar scale that does not jump. */
  maxCount: number;
}

/**
 * The per-run part: plain data only (typed arrays in plain objects), so that for a big run a
 * Web Worker builds it next to the engine and hands it over with the run (see state/run-views.ts).
 */
export interface PipelineIndex {
  partitions: number;
  /** Per partition, by offset: append time and record row. */
  appendTimes: Float64Array[];
  rowOfOffset: Int32Array[];
  /** Start of each record's trip to the broker. */
  flyStart: Float64Array;
  /** Records on their way to the broker (not held by an outage): [flyStart, appendedAt). */
  transit: IntervalIndex;
  /** Records held in a producer's buffer by an outage: [min(eventTime, sentAt), appendedAt). */
  held: IntervalIndex;
  heldCount: number;
  /** Rows read at least once, by first read time, and those times. */
  readRows: Int32Array;
  readTimes: Float64Array;
  /** Per producer: sorted send and append times. */
  sentTimes: Float64Array[];
  producerAppendTimes: Float64Array[];
  outages: { from: number; to: number }[][];
  snapshots: GroupSnapshot[];
  initialSnapshot: GroupSnapshot;
  windows: WindowIndex;
  /** Per partition: times of the group's reads and the offset just after each (its new position). */
  readAtP: Float64Array[];
  positionAfter: Int32Array[];
  /** Per partition: commit times and committed offsets. */
  commitTimes: Float64Array[];
  commitOffsets: Int32Array[];
  /** Streaming drop times by reason, ascending. */
  drops: { late: Float64Array; duplicate: Float64Array; malformed: Float64Array };
  keyIndex: Map<string, number>;
  /** Which shape a record is drawn with: 0 normal, 1 late, 2 duplicate, 3 malformed. */
  shape: Uint8Array;
}

/** The index together with the run it indexes, as the figure reads it. */
export type PipelineData = PipelineIndex & { run: Run };

/** REREAD is only ever a moving dot: a record the streaming job reads again after a restart. */
export const SHAPE = { NORMAL: 0, LATE: 1, DUPLICATE: 2, MALFORMED: 3, REREAD: 4 } as const;

const sortedCopy = (values: number[]): Float64Array => Float64Array.from(values).sort();

export function preparePipeline(run: Run): PipelineIndex {
  const r = run.log.records;
  const n = r.length;
  const P = run.log.partitions.length;

  const appendTimes: Float64Array[] = [];
  const rowOfOffset: Int32Array[] = [];
  for (const part of run.log.partitions) {
    const times = new Float64Array(part.records);
    const rows = new Int32Array(part.records);
    for (let o = 0; o < part.records; o++) {
      const row = part.entries[part.entryOfOffset[o]];
      rows[o] = row;
      times[o] = part.entryTime[part.entryOfOffset[o]];
    }
    appendTimes.push(times);
    rowOfOffset.push(rows);
  }

  const flyStart = new Float64Array(n);
  const heldStart = new Float64Array(n);
  const transitRows: number[] = [];
  const heldRows: number[] = [];
  const shape = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    const f = r.flags[row];
    shape[row] = f & FLAG.MALFORMED ? SHAPE.MALFORMED : f & FLAG.DUPLICATE ? SHAPE.DUPLICATE : f & FLAG.LATE ? SHAPE.LATE : SHAPE.NORMAL;
    const appended = r.appendedAt[row];
    const born = Math.min(r.eventTime[row], r.sentAt[row]);
    if (f & FLAG.BUFFERED) {
      heldStart[row] = Math.max(born, appended - MAX_FLIGHT);
      heldRows.push(row);
    } else {
      flyStart[row] = Math.max(appended - MAX_FLIGHT, Math.min(born, appended - MIN_FLIGHT));
      transitRows.push(row);
    }
  }

  const firstRead = run.reads.firstReadAt;
  const readList: number[] = [];
  for (let row = 0; row < n; row++) if (!Number.isNaN(firstRead[row])) readList.push(row);
  readList.sort((a, b) => firstRead[a] - firstRead[b]);
  const readRows = Int32Array.from(readList);
  const readTimes = new Float64Array(readRows.length);
  for (let i = 0; i < readRows.length; i++) readTimes[i] = firstRead[readRows[i]];

  const producerCount = run.log.producerIds.length;
  const sent: number[][] = Array.from({ length: producerCount }, () => []);
  const appendedBy: number[][] = Array.from({ length: producerCount }, () => []);
  for (let row = 0; row < n; row++) {
    sent[r.producer[row]].push(r.sentAt[row]);
    appendedBy[r.producer[row]].push(r.appendedAt[row]);
  }
  const outages = run.log.producerIds.map((id) => {
    const spec = run.scenario.producers.find((p) => p.id === id);
    return spec && spec.type === 'generated' ? spec.outages : [];
  });

  const keyIndex = new Map<string, number>();
  run.log.keys.forEach((k, i) => keyIndex.set(k, i));

  const streaming = run.modes.streaming;
  const dropsBy = { late: [] as number[], duplicate: [] as number[], malformed: [] as number[] };
  for (const d of streaming.dropped) dropsBy[d.reason].push(d.droppedAt);

  const { snapshots, initial } = groupSnapshots(run);

  // Reads per partition, to place the read position between lag samples (see positionAt).
  const recordsBefore = run.log.partitions.map((part) => {
    const out = new Int32Array(part.entries.length + 1);
    for (let e = 0; e < part.entries.length; e++) out[e + 1] = out[e] + (part.entries[e] >= 0 ? 1 : 0);
    return out;
  });
  const dv = run.group.deliveries;
  const perP: number[][] = Array.from({ length: P }, () => []);
  for (let i = 0; i < dv.length; i++) perP[dv.partition.data[i]].push(i);
  const readAtP = perP.map((list) => Float64Array.from(list, (i) => dv.time.data[i]));
  const positionAfter = perP.map((list, p) => Int32Array.from(list, (i) => recordsBefore[p][dv.entry.data[i] + 1]));
  const commitsP: { time: number; offset: number }[][] = Array.from({ length: P }, () => []);
  for (const c of run.group.commits) commitsP[c.partition].push(c);
  const commitTimes = commitsP.map((list) => Float64Array.from(list, (c) => c.time));
  const commitOffsets = commitsP.map((list) => Int32Array.from(list, (c) => c.offset));

  return {
    partitions: P,
    appendTimes,
    rowOfOffset,
    flyStart,
    transit: buildIntervalIndex(transitRows, flyStart, r.appendedAt),
    held: buildIntervalIndex(heldRows, heldStart, r.appendedAt),
    heldCount: heldRows.length,
    readRows,
    readTimes,
    sentTimes: sent.map(sortedCopy),
    producerAppendTimes: appendedBy.map(sortedCopy),
    outages,
    snapshots,
    initialSnapshot: initial,
    readAtP,
    positionAfter,
    commitTimes,
    commitOffsets,
    windows: windowIndex(streaming),
    drops: { late: sortedCopy(dropsBy.late), duplicate: sortedCopy(dropsBy.duplicate), malformed: sortedCopy(dropsBy.malformed) },
    keyIndex,
    shape,
  };
}

/** Membership, state and assignment of every member after each group event. */
function groupSnapshots(run: Run): { snapshots: GroupSnapshot[]; initial: GroupSnapshot } {
  const ids = run.group.memberIds;
  const P = run.log.partitions.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const initialCount = run.scenario.consumers.count;
  const state: MemberState[] = ids.map((_, i) => (i < initialCount ? 'idle' : 'not-joined'));
  let partitions: number[][] = ids.map(() => []);
  const crashed = new Set<number>();
  const snap = (time: number): GroupSnapshot => {
    const owner = new Int32Array(P).fill(-1);
    partitions.forEach((ps, m) => {
      for (const p of ps) owner[p] = m;
    });
    const states = state.map((s, m): MemberState => {
      if (s === 'not-joined' || s === 'left') return s;
      if (crashed.has(m)) return 'crashed';
      return partitions[m].length > 0 ? 'reading' : 'idle';
    });
    return { time, state: states, partitions: partitions.map((ps) => ps.slice()), owner };
  };
  const initial = snap(-Infinity);
  const snapshots: GroupSnapshot[] = [];
  const events = run.group.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const m = e.member !== undefined ? index.get(e.member) : undefined;
    switch (e.type) {
      case 'join':
        if (m !== undefined) state[m] = 'idle';
        break;
      case 'leave':
        if (m !== undefined) {
          state[m] = 'left';
          partitions[m] = [];
          crashed.delete(m);
        }
        break;
      case 'crash':
        if (m !== undefined) crashed.add(m);
        break;
      case 'restart':
        if (m !== undefined) crashed.delete(m);
        break;
      case 'rebalance': {
        // detail: member id -> its partitions (see consumer-group.ts); absent members have none.
        const next: number[][] = ids.map(() => []);
        for (const [id, value] of Object.entries(e.detail ?? {})) {
          const mi = index.get(id);
          if (mi !== undefined && Array.isArray(value)) next[mi] = value.slice();
        }
        partitions = next;
        break;
      }
      case 'seek':
        break;
    }
    // Events at the same time (a join and its rebalance) make one snapshot.
    if (i + 1 < events.length && events[i + 1].time === e.time) continue;
    snapshots.push(snap(e.time));
  }
  return { snapshots, initial };
}

function windowIndex(out: ModeOutput): WindowIndex {
  const rows: number[] = [];
  for (let row = 0; row < out.windowStart.length; row++) if (!Number.isNaN(out.windowStart[row])) rows.push(row);
  rows.sort((a, b) => out.windowStart[a] - out.windowStart[b] || out.processedAt[a] - out.processedAt[b]);
  const starts: number[] = [];
  const off: number[] = [];
  const times = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    times[i] = out.processedAt[row];
    if (i === 0 || out.windowStart[row] !== starts[starts.length - 1]) {
      starts.push(out.windowStart[row]);
      off.push(i);
    }
  });
  off.push(rows.length);
  const first = new Float64Array(starts.length);
  let maxCount = 1;
  for (let w = 0; w < starts.length; w++) {
    first[w] = times[off[w]];
    maxCount = Math.max(maxCount, off[w + 1] - off[w]);
  }
  const firedAt = new Map<number, number>();
  for (const res of out.results) {
    if (res.firing !== 'on-time' && res.firing !== 'final') continue;
    const prev = firedAt.get(res.window.start);
    if (prev === undefined || res.emittedAt < prev) firedAt.set(res.window.start, res.emittedAt);
  }
  const fired = Float64Array.from(starts, (s) => firedAt.get(s) ?? Infinity);
  return { start: Float64Array.from(starts), off: Int32Array.from(off), times, first, fired, maxCount };
}

// ---------------------------------------------------------------------------------------------
// State at one moment

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
  const res = out.results;
  let lo = 0;
  let hi = res.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (res[mid].emittedAt <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function snapshotAt(data: PipelineData, t: number): GroupSnapshot {
  const s = data.snapshots;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? data.initialSnapshot : s[lo - 1];
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
    const sent = upperBound(data.sentTimes[i], t);
    const appended = upperBound(data.producerAppendTimes[i], t);
    const offline = data.outages[i].some((o) => t >= o.from && t < o.to);
    return { id, sent, held: Math.max(0, sent - appended), offline, done: sent >= data.sentTimes[i].length };
  });

  const snap = snapshotAt(data, t);
  const s = lagSampleAt(run, t);
  const lag = run.group.lag;
  let totalLag = 0;
  const lanes: LaneAt[] = [];
  for (let p = 0; p < P; p++) {
    const end = upperBound(data.appendTimes[p], t);
    // The engine samples positions every lag.interval ms; a read after the latest sample moves
    // the position to just past what it read (resets by rebalances show from the next sample).
    let position = s >= 0 ? lag.position[s * P + p] : 0;
    const sampleTime = s >= 0 ? lag.time[s] : -Infinity;
    const k = upperBound(data.readAtP[p], t) - 1;
    if (k >= 0 && data.readAtP[p][k] > sampleTime) position = data.positionAfter[p][k];
    position = Math.min(position, end);
    const c = upperBound(data.commitTimes[p], t) - 1;
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
    const count = upperBound(w.times, t, w.off[i], w.off[i + 1]) - w.off[i];
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
      late: upperBound(data.drops.late, t),
      duplicate: upperBound(data.drops.duplicate, t),
      malformed: upperBound(data.drops.malformed, t),
    },
    appended: upperBound(r.appendedAt, t, 0, r.length),
    read: upperBound(data.readTimes, t),
    totalLag,
  };
}
