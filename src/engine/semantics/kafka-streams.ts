/**
 * Kafka Streams' windowed aggregation: no watermark, only stream time, the largest timestamp
 * a task has seen so far (the record being processed included: it is updated first). A
 * record is dropped for a window once window end + grace <= stream time; every accepted
 * record emits the window's updated value, or, suppressed until the window closes, each
 * window emits once, when window end + grace <= stream time.
 *
 * Time windows are hopping windows starting at multiples of the advance, never before 0.
 * Session windows are closed intervals [first, last]: a record at t joins every session of
 * its key that reaches into [t - gap, t + gap], and is dropped when the merged session's
 * end < stream time - grace - gap; a suppressed session emits once stream time >= end + gap + grace.
 *
 * One task per partition (as Kafka Streams creates one per input partition), so stream
 * time is kept per partition.
 */
import type { Accumulator, Aggregate } from '../aggregates/accumulator';
import type { Result } from '../windows/result';
import type { Window } from '../windows/window';
import { windowText, type SemanticsProfile } from './profile';

export type KafkaStreamsWindows = { type: 'hopping'; size: number; advance: number } | { type: 'session'; gap: number };

export interface KafkaStreamsOptions {
  windows: KafkaStreamsWindows;
  aggregate: Aggregate;
  /** Grace period (the processor's allowedLateness). */
  grace: number;
  suppress: boolean;
  partitions: number;
  keyNames: readonly string[];
  keyRank: Int32Array;
  emit: (result: Result) => void;
}

interface WindowAgg {
  key: number;
  window: Window;
  acc: Accumulator;
  /** Waiting in the suppression buffer for its window to close. */
  buffered: boolean;
  lastEmitted: number | undefined;
}

export class KafkaStreamsAggregator {
  /** Stream time per partition (task); -Infinity before its first record. */
  readonly streamTime: Float64Array;
  /** Windows the last record was dropped from (read by the caller to record the drops). */
  readonly droppedFrom: Window[] = [];
  /**
   * Windows the last record went into although they had ended (it would have been dropped
   * without grace): a time window with end <= stream time, a session with end + gap < stream time.
   */
  readonly lateAccepted: Window[] = [];
  /** Start of the first window the last accepted record went to. */
  lastWindowStart = NaN;

  /** Time windows per partition: key -> start -> aggregate. */
  private readonly time: Map<number, Map<number, WindowAgg>>[];
  /** Sessions per partition: key -> sessions sorted by start. */
  private readonly sessions: Map<number, WindowAgg[]>[];
  /** Suppressed windows per partition, waiting to close. */
  private readonly buffer: Set<WindowAgg>[];

  constructor(private readonly o: KafkaStreamsOptions) {
    this.streamTime = new Float64Array(o.partitions).fill(-Infinity);
    this.time = Array.from({ length: o.partitions }, () => new Map());
    this.sessions = Array.from({ length: o.partitions }, () => new Map());
    this.buffer = Array.from({ length: o.partitions }, () => new Set());
  }

  /** Processes one record at processing time `now`; returns how many windows accepted it. */
  record(partition: number, key: number, timestamp: number, value: number, type: number, now: number): number {
    this.droppedFrom.length = 0;
    this.lateAccepted.length = 0;
    const streamTime = (this.streamTime[partition] = Math.max(this.streamTime[partition], timestamp));
    const accepted =
      this.o.windows.type === 'session'
        ? this.sessionRecord(partition, key, timestamp, value, type, now, this.o.windows.gap)
        : this.timeRecord(partition, key, timestamp, value, type, now, this.o.windows.size, this.o.windows.advance);
    if (this.o.suppress) this.evict(partition, streamTime, now);
    return accepted;
  }

  /**
   * How long after its end a window closes: grace for a time window (dropped once end + grace <=
   * stream time), gap + grace for a session (dropped once end + gap + grace < stream time).
   */
  get closeWait(): number {
    return this.o.grace + (this.o.windows.type === 'session' ? this.o.windows.gap : 0);
  }

  /** The end of a bounded input: every suppressed window closes (Streamlab's flushAtEnd). */
  closeAll(now: number): void {
    for (let p = 0; p < this.buffer.length; p++) this.evict(p, Infinity, now);
  }

  private timeRecord(partition: number, key: number, t: number, value: number, type: number, now: number, size: number, advance: number): number {
    const closeTime = this.streamTime[partition] - this.o.grace;
    // Kafka's TimeWindows.windowsFor: starts are multiples of the advance in (t - size, t], none below 0.
    let start = Math.floor(Math.max(0, t - size + advance) / advance) * advance;
    let byStart = this.time[partition].get(key);
    let accepted = 0;
    for (; start <= t; start += advance) {
      const end = start + size;
      if (!(end > closeTime)) {
        this.droppedFrom.push({ start, end });
        continue;
      }
      if (!byStart) {
        byStart = new Map();
        this.time[partition].set(key, byStart);
      }
      let agg = byStart.get(start);
      if (!agg) {
        agg = { key, window: { start, end }, acc: this.o.aggregate.create(), buffered: false, lastEmitted: undefined };
        byStart.set(start, agg);
      }
      this.o.aggregate.add(agg.acc, value, type);
      if (end <= this.streamTime[partition]) this.lateAccepted.push(agg.window);
      if (accepted === 0) this.lastWindowStart = start;
      accepted++;
      this.updated(partition, agg, now);
    }
    return accepted;
  }

  private sessionRecord(partition: number, key: number, t: number, value: number, type: number, now: number, gap: number): number {
    const closeTime = this.streamTime[partition] - this.o.grace - gap;
    const list = this.sessions[partition].get(key) ?? [];
    // Sessions reaching into [t - gap, t + gap], both ends included: a contiguous run.
    let from = 0;
    while (from < list.length && list[from].window.end < t - gap) from++;
    let to = from;
    while (to < list.length && list[to].window.start <= t + gap) to++;
    let start = t;
    let end = t;
    for (let i = from; i < to; i++) {
      start = Math.min(start, list[i].window.start);
      end = Math.max(end, list[i].window.end);
    }
    if (end < closeTime) {
      this.droppedFrom.push({ start, end });
      return 0;
    }
    const merged: WindowAgg = { key, window: { start, end }, acc: this.o.aggregate.create(), buffered: false, lastEmitted: undefined };
    // A merge that ends where the record alone would ([t, t]: a repeat of a one-record session's
    // time) overwrites that session in place: Kafka Streams sends no tombstone for it.
    const sameWindow = start === t && end === t;
    for (let i = from; i < to; i++) {
      const old = list[i];
      this.o.aggregate.merge(merged.acc, old.acc);
      this.buffer[partition].delete(old);
      // The merged-away session is deleted downstream (a tombstone), unless nothing was sent for it.
      if (!this.o.suppress && !sameWindow && old.lastEmitted !== undefined) this.emit(old, old.lastEmitted, 'update', now, partition, true);
    }
    this.o.aggregate.add(merged.acc, value, type);
    list.splice(from, to - from, merged);
    this.sessions[partition].set(key, list);
    this.lastWindowStart = start;
    if (end + gap < this.streamTime[partition]) this.lateAccepted.push(merged.window);
    this.updated(partition, merged, now);
    return 1;
  }

  /** A window's value changed: forward it now, or hold it until the window closes. */
  private updated(partition: number, agg: WindowAgg, now: number): void {
    if (this.o.suppress) {
      agg.buffered = true;
      this.buffer[partition].add(agg);
      return;
    }
    const value = this.o.aggregate.result(agg.acc);
    this.emit(agg, value, 'update', now, partition, false);
    agg.lastEmitted = value;
  }

  /** Emits every suppressed window that has closed by `streamTime`, by end, then key, then start. */
  private evict(partition: number, streamTime: number, now: number): void {
    const buffer = this.buffer[partition];
    if (buffer.size === 0) return;
    const wait = this.closeWait;
    const closed = [...buffer].filter((agg) => agg.window.end + wait <= streamTime);
    if (closed.length === 0) return;
    const rank = this.o.keyRank;
    closed.sort((a, b) => a.window.end - b.window.end || rank[a.key] - rank[b.key] || a.window.start - b.window.start);
    for (const agg of closed) {
      buffer.delete(agg);
      this.emit(agg, this.o.aggregate.result(agg.acc), 'on-time', now, partition, false);
      this.forget(partition, agg);
    }
  }

  /**
   * A closed time window never changes again (any later record for it is dropped), so its
   * state goes. A closed session stays in the store, as in Kafka Streams: a record within the
   * gap can still merge with it into a new session that has not closed.
   */
  private forget(partition: number, agg: WindowAgg): void {
    if (this.o.windows.type === 'session') return;
    this.time[partition].get(agg.key)?.delete(agg.window.start);
  }

  private emit(agg: WindowAgg, value: number, firing: 'update' | 'on-time', now: number, partition: number, retraction: boolean): void {
    const result: Result = { key: this.o.keyNames[agg.key], window: agg.window, value, firing, emittedAt: now, visibleAt: now, watermark: this.streamTime[partition] };
    if (retraction) result.retraction = true;
    this.o.emit(result);
  }
}

/** Kafka Streams as the UI and the inspector explain it. */
export const kafkaStreamsProfile: SemanticsProfile = {
  name: 'kafka-streams',
  label: 'Kafka Streams',
  clock: 'stream time',
  hasWatermark: false,
  contrast: 'flink',
  suppress: true,
  latenessName: 'grace',
  rules: {
    fires: 'Kafka Streams has no watermark: stream time is the largest timestamp seen so far.',
    late: 'Kafka Streams drops a record for a window once window end + grace <= stream time.',
    emits: 'Kafka Streams emitted an update for every record (unless suppressed until the window closes).',
    sessions: 'Kafka Streams sessions are closed intervals [first, last] that merge records within the gap on either side, inclusive.',
    windows: 'Kafka Streams starts hopping windows at multiples of the advance and never before time 0.',
  },
  horizonRule: 'Kafka Streams drops a record for a window [s, e) when e + grace <= stream time: the window’s end is at or below this line.',
  lateDropped(f, t) {
    const noWatermark = 'Kafka Streams has no watermark: stream time is the largest timestamp its task has seen.';
    if (!f.window) return `Kafka Streams dropped it as late: stream time (${t(f.clock)}) had already closed its window. ${noWatermark}`;
    // KStreamSessionWindowAggregate: mergedWindow.end() < streamTime - grace - gap; KStreamWindowAggregate: windowEnd <= streamTime - grace.
    if (f.session) return `Kafka Streams dropped it as late: stream time (${t(f.clock)}) was past its session [${t(f.window.start)}, ${t(f.window.end)}]'s end + gap + grace (${t(f.threshold)}). ${noWatermark}`;
    return `Kafka Streams dropped it from window ${windowText(f.window, t)}: stream time (${t(f.clock)}) had reached the window's end + grace (${t(f.threshold)}). ${noWatermark}`;
  },
  lateCounted(lateness, session, _at, t) {
    const plus = lateness > 0 ? ` + grace (${t(lateness)})` : '';
    return session
      ? `Its producer delayed it, but stream time was not yet past its session's end + gap${plus} when it was read, so it was counted.`
      : `Its producer delayed it, but stream time had not yet reached its window's end${plus} when it was read, so it was counted.`;
  },
};
