/**
 * What the pipeline figure needs from a finished run, prepared once per run (sorted copies and
 * small indexes); frame.ts looks up the state at one moment from it. Nothing here decides
 * semantics: times, fates and results come from the engine.
 */
import { FLAG, type ModeOutput, type Run } from '../../engine/index';
import { buildIntervalIndex, type IntervalIndex } from './intervals';
import { SHAPE } from '../marks';

/** A record visibly travels from its producer to the topic for at least this long (virtual ms). */
export const MIN_FLIGHT = 400;
/** ...and at most this long, however early its event time (scripted events can be far in the past). */
const MAX_FLIGHT = 120_000;

export type MemberState = 'not-joined' | 'reading' | 'idle' | 'crashed' | 'left';

export interface GroupSnapshot {
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
/** Marks by what happened to a record: marks.ts owns the codes and the shapes. */
export { SHAPE };

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
  const dv = run.group.deliveries;
  const perP: number[][] = Array.from({ length: P }, () => []);
  for (let i = 0; i < dv.length; i++) perP[dv.partition.data[i]].push(i);
  const readAtP = perP.map((list) => Float64Array.from(list, (i) => dv.time.data[i]));
  const positionAfter = perP.map((list, p) => Int32Array.from(list, (i) => run.log.partitions[p].offsetAtEntry[dv.entry.data[i] + 1]));
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
