/**
 * Everything one mode produces, kept so that the counters always add up: each record gets
 * exactly one fate (the outcome of the first time the mode processed it), and re-reads
 * after a crash or seek are counted separately.
 */
import { recordId, type TopicLog } from '../broker/topic-log';
import { DecisionLog } from '../decisions/decision-log';
import type { Window } from '../windows/window';
import { FATE, type Drop, type DropReason, type Fate, type Result } from './results';

export type ModeName = 'batch' | 'microbatch' | 'streaming';

export interface ModeCounters {
  /** Records whose fate is to be counted in at least one window result. */
  counted: number;
  droppedLate: number;
  deduplicated: number;
  deadLettered: number;
  /** Records this mode never processed (e.g. a partition without a live consumer). */
  inFlight: number;
  /** Reads of records processed before (after a crash or a seek). */
  reread: number;
  /** Re-reads added again to state that already held them: counted twice. */
  recounted: number;
  /** Re-reads caught by dedup. */
  rereadDeduplicated: number;
  results: number;
}

export interface WatermarkPoint {
  time: number;
  watermark: number;
}

/**
 * Each partition's watermark and idleness as the streaming operator updated them (Flink's and
 * Beam's rules; empty for other modes): one entry per change, in processing-time order, as
 * columns so a long run stays cheap to record and to send to the page.
 */
export interface PartitionWatermarkLog {
  time: number[];
  partition: number[];
  /** The partition's own watermark (-Infinity before it has seen data). */
  watermark: number[];
  /** 1 while the partition is idle (out of the minimum), else 0. */
  idle: number[];
}

export class ModeOutput {
  /** Results a committed reader sees or will see, in emission order (aborted ones removed). */
  readonly results: Result[] = [];
  /** Results emitted in a transaction that a failure aborted: never visible. */
  readonly aborted: Result[] = [];
  /** Transactional delivery: results wait for a commit before they are visible. */
  transactional = false;
  /** Index of the first result whose transaction is still open. */
  private openFrom = 0;
  readonly dropped: Drop[] = [];
  readonly fate: Uint8Array;
  /** Start of the first window a record was counted in (NaN if none). */
  readonly windowStart: Float64Array;
  /** Processing time at which the mode first processed the record (NaN if never). */
  readonly processedAt: Float64Array;
  /** 1 for a record a re-read added to state that already held it (counted twice). */
  readonly countedTwice: Uint8Array;
  readonly watermarks: WatermarkPoint[] = [];
  readonly partitionWatermarks: PartitionWatermarkLog = { time: [], partition: [], watermark: [], idle: [] };
  /** Every verdict that changed an outcome (firings, late drops and acceptances, dead letters, duplicates), with its rule and numbers. */
  readonly decisions = new DecisionLog();
  readonly counters: ModeCounters = {
    counted: 0,
    droppedLate: 0,
    deduplicated: 0,
    deadLettered: 0,
    inFlight: 0,
    reread: 0,
    recounted: 0,
    rereadDeduplicated: 0,
    results: 0,
  };

  constructor(
    readonly mode: ModeName,
    private readonly log: TopicLog,
  ) {
    const n = log.records.length;
    this.fate = new Uint8Array(n);
    this.windowStart = new Float64Array(n).fill(NaN);
    this.processedAt = new Float64Array(n).fill(NaN);
    this.countedTwice = new Uint8Array(n);
    this.counters.inFlight = n;
  }

  readonly emit = (result: Result): void => {
    result.visibleAt = this.transactional ? NaN : result.emittedAt;
    this.results.push(result);
    this.counters.results++;
  };

  /** The open transaction commits at `time`: its results become visible then. */
  commit(time: number): void {
    const r = this.results;
    if (!this.transactional) {
      this.openFrom = r.length;
      return;
    }
    for (let i = this.openFrom; i < r.length; i++) r[i].visibleAt = time;
    this.openFrom = r.length;
  }

  /** A failure aborts the open transaction: its results are never visible. */
  abort(): void {
    if (this.openFrom >= this.results.length) return;
    const gone = this.results.splice(this.openFrom);
    this.aborted.push(...gone);
    this.counters.results -= gone.length;
  }

  /**
   * Records the first outcome for a record; later calls for the same record are ignored.
   * Called once per record: no closures here, as a closure over `this` would allocate a
   * context on every call, taken branch or not.
   */
  settle(row: number, fate: Fate, now: number, windowStart = NaN, recordDrop = true): void {
    if (this.fate[row] !== FATE.IN_FLIGHT) return;
    this.fate[row] = fate;
    this.processedAt[row] = now;
    const c = this.counters;
    c.inFlight--;
    switch (fate) {
      case FATE.COUNTED:
        c.counted++;
        this.windowStart[row] = windowStart;
        return;
      case FATE.LATE:
        c.droppedLate++;
        // Kafka Streams records its late drops per window itself (dropFromWindow).
        if (recordDrop) this.drop(row, 'late', now);
        return;
      case FATE.DUPLICATE:
        c.deduplicated++;
        return this.drop(row, 'duplicate', now);
      case FATE.MALFORMED:
        c.deadLettered++;
        return this.drop(row, 'malformed', now);
    }
  }

  /** A re-read went into state that already held the record. */
  countAgain(row: number): void {
    this.counters.recounted++;
    this.countedTwice[row] = 1;
  }

  noteWatermark(time: number, watermark: number): void {
    const last = this.watermarks[this.watermarks.length - 1];
    if (last && last.time === time) last.watermark = watermark;
    else this.watermarks.push({ time, watermark });
  }

  /** A record dropped as late from one of its windows (Kafka Streams: one drop per record and window). */
  dropFromWindow(row: number, window: Window, now: number): void {
    this.drop(row, 'late', now, window);
  }

  private drop(row: number, reason: DropReason, now: number, window?: Window): void {
    const r = this.log.records;
    const drop: Drop = {
      id: recordId(this.log, row),
      key: this.log.keys[r.key[row]],
      eventTime: r.eventTime[row],
      reason,
      droppedAt: now,
      partition: r.partition[row],
      offset: r.offset[row],
    };
    if (window) drop.window = { start: window.start, end: window.end };
    this.dropped.push(drop);
  }
}
