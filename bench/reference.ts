/**
 * A hand-written reference implementation of the streaming mode, for the benchmark: the same
 * documented semantics (docs/semantics.md, Flink's rules) as src/engine/modes/streaming.ts,
 * written as one plain loop over the group's deliveries, with typed arrays and no RxJS, no
 * virtual clock, no per-event objects or closures. `npm run bench` checks that the engine
 * gives exactly the same output and prints how much slower (or faster) the engine is.
 *
 * Input: what the engine's streaming mode sees, `run.log` and `run.group.deliveries` (already
 * built by createRun). Output: results, drops, the watermark trace and the counters, in columns.
 *
 * Supported (checked up front, see `checkReferenceSupport`): tumbling and sliding windows;
 * aggregates count, sum, min, max, avg; trigger onWatermark; accumulating; any allowed
 * lateness; bounded out-of-orderness with periodic emission (optionally with an idle timeout)
 * or per-record emission (interval 0) without an idle timeout; punctuated without an idle
 * timeout; markers; dedup; malformed payloads and schema versions; flushAtEnd on or off. Not
 * crashes or replays: how a job recovers is the engine's recovery/ code, tested on its own.
 *
 * Ordering, mirrored from the engine:
 * - at equal processing times, the periodic watermark tick runs before reads, and the end of
 *   input (the +inf watermark) comes after both; ticks are at interval, 2*interval, ... and
 *   stop after the first tick at or after the input end; ticks after the input end still run
 *   up to run.endTime (they change nothing when the input was flushed);
 * - firings of one watermark advance come out by window end, then key (sorted string order),
 *   then start; late firings come out at once, in record order, and for a record in several
 *   sliding windows in assignment order (latest start first).
 */
import { FLAG, recordId, type Run, type Scenario, type TopicLog } from '../src/engine/index';
import type { ModeOutput } from '../src/engine/modes/mode-output';

/** One window start: dense per-key state for every key, with the list of keys it holds. */
interface Slot {
  start: number;
  end: number;
  /** 1 for keys that have state in this window. */
  has: Uint8Array;
  /** Keys with state, in the order they got it. */
  touched: Int32Array;
  nTouched: number;
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** Growable typed columns (results, drops, watermark points are per firing or per drop, not hot). */
class Col<A extends Float64Array | Int32Array | Uint8Array> {
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  ensure(n: number): A {
    if (n > this.data.length) {
      const next = this.make(Math.max(n, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    return this.data;
  }
}
const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u8 = (n: number) => new Uint8Array(n);

export const REF_FIRING = ['on-time', 'late'] as const;
export const REF_DROP = ['late', 'duplicate', 'malformed'] as const;

export interface ReferenceCounters {
  counted: number;
  droppedLate: number;
  deduplicated: number;
  deadLettered: number;
  reread: number;
  recounted: number;
  rereadDeduplicated: number;
  results: number;
}

export interface ReferenceOutput {
  log: TopicLog;
  /** Firings in emission order; `firing` indexes REF_FIRING. */
  results: {
    length: number;
    key: Int32Array;
    start: Float64Array;
    end: Float64Array;
    value: Float64Array;
    firing: Uint8Array;
    emittedAt: Float64Array;
    watermark: Float64Array;
  };
  /** Drops in the order they happened; `reason` indexes REF_DROP. */
  dropped: { length: number; row: Int32Array; reason: Uint8Array; droppedAt: Float64Array };
  /** Watermark advances (one point per processing time, the last value at that time). */
  watermarks: { length: number; time: Float64Array; watermark: Float64Array };
  counters: ReferenceCounters;
}

const AGGREGATES = ['sum', 'count', 'avg', 'min', 'max'] as const;

/** Throws a clear error when the scenario uses something the reference does not implement. */
export function checkReferenceSupport(scenario: Scenario): void {
  const p = scenario.processor;
  const no: string[] = [];
  if (p.window.type === 'session') no.push('session windows');
  if (p.trigger !== 'onWatermark') no.push(`trigger ${JSON.stringify(p.trigger)} (only onWatermark)`);
  if (p.accumulation !== 'accumulating') no.push(`accumulation ${p.accumulation} (only accumulating)`);
  if (typeof p.aggregate !== 'string' || !(AGGREGATES as readonly string[]).includes(p.aggregate)) {
    no.push(`aggregate ${JSON.stringify(p.aggregate)} (only ${AGGREGATES.join(', ')})`);
  }
  const w = p.watermark;
  const perRecord = w.type === 'punctuated' || w.interval === 0;
  if (perRecord && w.idleTimeout !== undefined) no.push('an idle timeout with per-record watermarks (interval 0 or punctuated)');
  // Recovery (empty or restored state per engine, recovery/) is the engine's own; the reference reads without failures.
  if (scenario.consumers.crashes.length > 0 || scenario.consumers.replays.length > 0) no.push('consumer crashes or replays (job recovery)');
  if (no.length > 0) throw new Error(`bench/reference.ts does not support ${no.join('; ')}`);
}

/**
 * Checks the scenario and allocates the state (not timed by the benchmark); the returned
 * function runs the loop once (timed). Each call prepares a fresh state.
 */
export function prepareReferenceStreaming(run: Run): () => ReferenceOutput {
  const r = new ReferenceStreaming(run);
  return () => r.run();
}

type Agg = (typeof AGGREGATES)[number];

class ReferenceStreaming {
  private readonly log: TopicLog;
  private readonly deliveries: Run['group']['deliveries'];
  private readonly inputEnd: number;
  private readonly runEnd: number;
  private readonly parsable: Uint8Array;
  private readonly keyCount: number;
  /** Keys in sorted string order (the order of firings within one window end), and each key's rank. */
  private readonly byRank: Int32Array;
  private readonly rank: Int32Array;
  private readonly size: number;
  private readonly slide: number;
  private readonly offset: number;
  private readonly agg: Agg;
  private readonly needSum: boolean;
  private readonly needCount: boolean;
  private readonly needMin: boolean;
  private readonly needMax: boolean;
  private readonly lateness: number;
  private readonly bound: number;
  private readonly interval: number;
  private readonly perRecord: boolean;
  private readonly idleTimeout: number;
  private readonly dedup: boolean;
  private readonly ttl: number;
  private readonly flushAtEnd: boolean;
  private readonly parts: number;

  // Per-partition watermark state (PartitionWatermarks).
  private readonly maxEt: Float64Array;
  private readonly markerWm: Float64Array;
  private readonly idle: Uint8Array;
  private readonly activeSinceCheck: Uint8Array;
  private readonly inactiveSince: Float64Array;
  /** Dedup: per event number, processing time until which its id is remembered. */
  private readonly until: Float64Array;

  /** The operator's watermark. */
  private W = -Infinity;
  private readonly slots = new Map<number, Slot>();
  /** Starts of open slots, ascending (few: a new one almost always goes at the end). */
  private readonly open: number[] = [];
  private readonly pool: Slot[];
  private cacheStart = NaN;
  private cacheSlot: Slot | null = null;
  private readonly sortScratch: number[] = [];
  private used = false;

  // Output columns.
  private resKey = new Col(i32(4096), i32);
  private resStart = new Col(f64(4096), f64);
  private resEnd = new Col(f64(4096), f64);
  private resValue = new Col(f64(4096), f64);
  private resFiring = new Col(u8(4096), u8);
  private resAt = new Col(f64(4096), f64);
  private resWm = new Col(f64(4096), f64);
  private nRes = 0;
  private dropRow = new Col(i32(4096), i32);
  private dropReason = new Col(u8(4096), u8);
  private dropAt = new Col(f64(4096), f64);
  private nDrop = 0;
  private wmTime = new Col(f64(1024), f64);
  private wmValue = new Col(f64(1024), f64);
  private nWm = 0;
  private readonly c: ReferenceCounters = {
    counted: 0,
    droppedLate: 0,
    deduplicated: 0,
    deadLettered: 0,
    reread: 0,
    recounted: 0,
    rereadDeduplicated: 0,
    results: 0,
  };

  constructor(run: Run) {
    const { scenario, log } = run;
    checkReferenceSupport(scenario);
    const p = scenario.processor;
    const d = run.group.deliveries;
    this.log = log;
    this.deliveries = d;
    this.inputEnd = run.inputEndTime;
    this.runEnd = run.endTime;
    const n = d.length;
    const dTime = d.time.data;
    for (let i = 1; i < n; i++) if (dTime[i] < dTime[i - 1]) throw new Error(`deliveries are not in time order at ${i}`);
    if (n > 0 && dTime[n - 1] > this.inputEnd) throw new Error('a delivery comes after the input end');
    if (log.producerIds.length !== scenario.producers.length || log.producerIds.some((id, i) => id !== scenario.producers[i].id)) {
      throw new Error('the log producers do not match the scenario producers');
    }
    const accepted = new Set(p.schemaVersions);
    this.parsable = Uint8Array.from(scenario.producers, (s) => (accepted.has(s.schemaVersion) ? 1 : 0));

    const keys = log.keys;
    const keyCount = (this.keyCount = keys.length);
    this.byRank = Int32Array.from(keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0)));
    this.rank = new Int32Array(keyCount);
    for (let r = 0; r < keyCount; r++) this.rank[this.byRank[r]] = r;

    const win = p.window as { type: 'tumbling' | 'sliding'; size: number; offset: number; slide?: number };
    this.size = win.size;
    this.slide = win.type === 'sliding' ? (win.slide as number) : win.size;
    this.offset = win.offset;
    if (keyCount * Math.ceil(this.size / this.slide) > 1 << 24) throw new Error('too many keys x windows per event for the dense reference state');

    const agg = (this.agg = p.aggregate as Agg);
    this.needSum = agg === 'sum' || agg === 'avg';
    this.needCount = agg === 'count' || agg === 'avg';
    this.needMin = agg === 'min';
    this.needMax = agg === 'max';
    this.lateness = p.allowedLateness;
    const w = p.watermark;
    this.bound = w.type === 'boundedOutOfOrderness' ? w.bound : Infinity;
    this.interval = w.type === 'boundedOutOfOrderness' ? w.interval : 0;
    this.perRecord = this.interval === 0;
    this.idleTimeout = w.idleTimeout ?? Infinity;
    this.dedup = p.dedup.enabled;
    this.ttl = p.dedup.ttl;
    this.flushAtEnd = p.flushAtEnd;

    const parts = (this.parts = log.partitions.length);
    this.maxEt = new Float64Array(parts).fill(-Infinity);
    this.markerWm = new Float64Array(parts).fill(-Infinity);
    this.idle = new Uint8Array(parts);
    this.activeSinceCheck = new Uint8Array(parts);
    this.inactiveSince = new Float64Array(parts).fill(NaN);
    this.until = this.dedup ? new Float64Array(log.eventCount).fill(-Infinity) : new Float64Array(0);
    // A few slots up front, so the timed loop mostly reuses them.
    this.pool = Array.from({ length: Math.min(64, Math.ceil(this.size / this.slide) + 4) }, () => this.newSlot());
  }

  run(): ReferenceOutput {
    if (this.used) throw new Error('a prepared reference runs once; prepare another');
    this.used = true;
    const d = this.deliveries;
    const n = d.length;
    const dTime = d.time.data;
    const dPart = d.partition.data;
    const dItem = d.item.data;
    const dRedel = d.redelivery.data;
    const log = this.log;
    const rec = log.records;
    const rFlags = rec.flags;
    const rProducer = rec.producer;
    const rEventTime = rec.eventTime;
    const rEventNo = rec.eventNo;
    const rKey = rec.key;
    const rValue = rec.value;
    const { parsable, maxEt, markerWm, idle, activeSinceCheck, until, size, slide, offset, lateness, perRecord, dedup, ttl } = this;
    const { needSum, needCount, needMin, needMax } = this;
    const malformed = FLAG.MALFORMED;
    const c = this.c;

    let nextTick = perRecord ? Infinity : this.interval;
    for (let i = 0; i < n; i++) {
      const now = dTime[i];
      // Timers before reads at the same instant.
      while (nextTick <= now) nextTick = this.tick(nextTick);
      const part = dPart[i];
      const item = dItem[i];
      if (item < 0) {
        const mw = log.markers[-item - 1].watermark;
        if (mw > markerWm[part]) markerWm[part] = mw;
        activeSinceCheck[part] = 1;
        idle[part] = 0;
        this.applyWatermark(now);
        continue;
      }
      const row = item;
      const unparsable = (rFlags[row] & malformed) !== 0 || parsable[rProducer[row]] === 0;
      const t = rEventTime[row];
      if (!unparsable && t > maxEt[part]) maxEt[part] = t;
      activeSinceCheck[part] = 1;
      idle[part] = 0;
      const again = dRedel[i] !== 0;
      if (again) c.reread++;
      if (unparsable) {
        if (!again) {
          c.deadLettered++;
          this.drop(row, 2, now);
        }
      } else if (dedup && until[rEventNo[row]] > now) {
        if (again) c.rereadDeduplicated++;
        else {
          c.deduplicated++;
          this.drop(row, 1, now);
        }
      } else {
        if (dedup) until[rEventNo[row]] = now + ttl;
        const k = rKey[row];
        const v = rValue[row];
        const W = this.W;
        let acc = 0;
        // Latest start first, as the assigners write them.
        const r0 = (t - offset) % slide;
        for (let start = t - (r0 < 0 ? r0 + slide : r0); start > t - size; start -= slide) {
          const last = start + size - 1;
          if (last + lateness <= W) continue;
          const s = start === this.cacheStart ? (this.cacheSlot as Slot) : this.slotFor(start);
          if (s.has[k] === 0) {
            s.has[k] = 1;
            s.touched[s.nTouched++] = k;
            if (needSum) s.sum[k] = v;
            if (needCount) s.count[k] = 1;
            if (needMin) s.min[k] = v;
            if (needMax) s.max[k] = v;
          } else {
            if (needSum) s.sum[k] += v;
            if (needCount) s.count[k]++;
            if (needMin && v < s.min[k]) s.min[k] = v;
            if (needMax && v > s.max[k]) s.max[k] = v;
          }
          acc++;
          if (last <= W) this.emit(s, k, 1, now);
        }
        if (again) {
          if (acc > 0) c.recounted++;
        } else if (acc > 0) c.counted++;
        else {
          c.droppedLate++;
          this.drop(row, 0, now);
        }
      }
      if (perRecord) this.applyWatermark(now);
    }
    // Ticks at the input end run before it; then the end of input; then ticks up to the run's end.
    while (nextTick <= this.inputEnd) nextTick = this.tick(nextTick);
    if (this.flushAtEnd) {
      this.advance(Infinity, this.inputEnd);
      this.noteWatermark(this.inputEnd, Infinity);
    }
    while (nextTick <= this.runEnd) nextTick = this.tick(nextTick);

    c.results = this.nRes;
    return {
      log,
      results: {
        length: this.nRes,
        key: this.resKey.data,
        start: this.resStart.data,
        end: this.resEnd.data,
        value: this.resValue.data,
        firing: this.resFiring.data,
        emittedAt: this.resAt.data,
        watermark: this.resWm.data,
      },
      dropped: { length: this.nDrop, row: this.dropRow.data, reason: this.dropReason.data, droppedAt: this.dropAt.data },
      watermarks: { length: this.nWm, time: this.wmTime.data, watermark: this.wmValue.data },
      counters: { ...c },
    };
  }

  private newSlot(): Slot {
    const k = this.keyCount;
    return {
      start: 0,
      end: 0,
      has: new Uint8Array(k),
      touched: new Int32Array(k),
      nTouched: 0,
      sum: new Float64Array(this.needSum ? k : 0),
      count: new Float64Array(this.needCount ? k : 0),
      min: new Float64Array(this.needMin ? k : 0),
      max: new Float64Array(this.needMax ? k : 0),
    };
  }

  private slotFor(start: number): Slot {
    let s = this.slots.get(start);
    if (s === undefined) {
      s = this.pool.pop() ?? this.newSlot();
      s.start = start;
      s.end = start + this.size;
      this.slots.set(start, s);
      const open = this.open;
      let j = open.length;
      while (j > 0 && open[j - 1] > start) j--;
      open.splice(j, 0, start);
    }
    this.cacheStart = start;
    this.cacheSlot = s;
    return s;
  }

  private release(s: Slot): void {
    const has = s.has;
    const t = s.touched;
    for (let j = 0; j < s.nTouched; j++) has[t[j]] = 0;
    s.nTouched = 0;
    this.slots.delete(s.start);
    if (this.cacheSlot === s) {
      this.cacheSlot = null;
      this.cacheStart = NaN;
    }
    this.pool.push(s);
  }

  private emit(s: Slot, k: number, firing: number, now: number): void {
    const i = this.nRes++;
    const m = this.nRes;
    const agg = this.agg;
    this.resKey.ensure(m)[i] = k;
    this.resStart.ensure(m)[i] = s.start;
    this.resEnd.ensure(m)[i] = s.end;
    this.resValue.ensure(m)[i] =
      agg === 'sum' ? s.sum[k] : agg === 'count' ? s.count[k] : agg === 'avg' ? s.sum[k] / s.count[k] : agg === 'min' ? s.min[k] : s.max[k];
    this.resFiring.ensure(m)[i] = firing;
    this.resAt.ensure(m)[i] = now;
    this.resWm.ensure(m)[i] = this.W;
  }

  private drop(row: number, reason: number, now: number): void {
    const i = this.nDrop++;
    const m = this.nDrop;
    this.dropRow.ensure(m)[i] = row;
    this.dropReason.ensure(m)[i] = reason;
    this.dropAt.ensure(m)[i] = now;
  }

  private noteWatermark(now: number, w: number): void {
    const i = this.nWm;
    if (i > 0 && this.wmTime.data[i - 1] === now) this.wmValue.data[i - 1] = w;
    else {
      this.wmTime.ensure(i + 1)[i] = now;
      this.wmValue.ensure(i + 1)[i] = w;
      this.nWm++;
    }
  }

  /** On-time firing of every key of a slot, in key order. */
  private fireSlot(s: Slot, now: number): void {
    const m = s.nTouched;
    const keyCount = this.keyCount;
    if (m * 16 >= keyCount) {
      const has = s.has;
      const byRank = this.byRank;
      for (let r = 0; r < keyCount; r++) {
        const k = byRank[r];
        if (has[k]) this.emit(s, k, 0, now);
      }
    } else {
      const keys = this.sortScratch;
      const rank = this.rank;
      keys.length = 0;
      for (let j = 0; j < m; j++) keys.push(s.touched[j]);
      keys.sort((a, b) => rank[a] - rank[b]);
      for (let j = 0; j < m; j++) this.emit(s, keys[j], 0, now);
    }
  }

  /** The operator's watermark moves to w (> W): fire what it passes, then release. */
  private advance(w: number, now: number): void {
    const old = this.W;
    this.W = w;
    const open = this.open;
    const slots = this.slots;
    let j = 0;
    for (; j < open.length; j++) {
      const s = slots.get(open[j]) as Slot;
      const last = s.end - 1;
      if (last > w) break;
      if (last > old) this.fireSlot(s, now);
    }
    // Release after every firing of this advance, as the engine does, in the same order.
    let cut = 0;
    while (cut < j) {
      const s = slots.get(open[cut]) as Slot;
      if (s.end - 1 + this.lateness > w) break;
      this.release(s);
      cut++;
    }
    if (cut > 0) open.splice(0, cut);
  }

  private combined(): number {
    let min = Infinity;
    let max = -Infinity;
    let active = 0;
    const { maxEt, markerWm, idle, bound } = this;
    for (let q = 0; q < this.parts; q++) {
      const g = maxEt[q] - bound - 1;
      const m = markerWm[q];
      const pw = g > m ? g : m;
      if (pw > max) max = pw;
      if (idle[q]) continue;
      active++;
      if (pw < min) min = pw;
    }
    return active > 0 ? min : max;
  }

  private applyWatermark(now: number): void {
    const w = this.combined();
    if (w > this.W) {
      this.advance(w, now);
      this.noteWatermark(now, w);
    }
  }

  /** The periodic tick at `now` (idleness check, then the watermark); returns the next tick's time. */
  private tick(now: number): number {
    if (this.idleTimeout !== Infinity) {
      const { activeSinceCheck, inactiveSince, idle } = this;
      for (let q = 0; q < this.parts; q++) {
        if (activeSinceCheck[q]) {
          activeSinceCheck[q] = 0;
          inactiveSince[q] = NaN;
        } else if (Number.isNaN(inactiveSince[q])) inactiveSince[q] = now;
        else if (!idle[q] && now - inactiveSince[q] > this.idleTimeout) idle[q] = 1;
      }
    }
    this.applyWatermark(now);
    // The tick re-arms itself until it runs at or after the input end.
    return now < this.inputEnd ? now + this.interval : Infinity;
  }
}

/** Runs the reference on a run built by createRun (it needs only the log and the deliveries). */
export function referenceStreaming(run: Run): ReferenceOutput {
  return prepareReferenceStreaming(run)();
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
const ms = (t: number) => (t === Infinity ? '+inf' : t === -Infinity ? '-inf' : String(t));

/** Compares the engine's streaming output with the reference's: results, drops, watermarks, counters. */
export function sameResults(engine: ModeOutput, ref: ReferenceOutput): { match: boolean; firstDifference?: string } {
  const { log } = ref;
  const r = ref.results;
  const er = engine.results;
  const refResult = (i: number) =>
    `${log.keys[r.key[i]]} [${r.start[i]},${r.end[i]}) ${r.value[i]} ${REF_FIRING[r.firing[i]]} @${r.emittedAt[i]} W=${ms(r.watermark[i])}`;
  const engResult = (i: number) => {
    const x = er[i];
    return `${x.key} [${x.window.start},${x.window.end}) ${x.value} ${x.firing} @${x.emittedAt} W=${ms(x.watermark)}${x.retraction ? ' retraction' : ''}`;
  };
  for (let i = 0; i < Math.min(er.length, r.length); i++) {
    const x = er[i];
    if (
      x.key !== log.keys[r.key[i]] ||
      x.window.start !== r.start[i] ||
      x.window.end !== r.end[i] ||
      !same(x.value, r.value[i]) ||
      x.firing !== REF_FIRING[r.firing[i]] ||
      x.emittedAt !== r.emittedAt[i] ||
      x.watermark !== r.watermark[i] ||
      x.retraction
    ) {
      return { match: false, firstDifference: `result #${i}: engine ${engResult(i)}, reference ${refResult(i)}` };
    }
  }
  if (er.length !== r.length) {
    const i = Math.min(er.length, r.length);
    return {
      match: false,
      firstDifference: `${er.length} results from the engine, ${r.length} from the reference; first extra: ${i < er.length ? `engine ${engResult(i)}` : `reference ${refResult(i)}`}`,
    };
  }

  const dr = ref.dropped;
  const ed = engine.dropped;
  const recs = log.records;
  for (let i = 0; i < Math.min(ed.length, dr.length); i++) {
    const x = ed[i];
    const row = dr.row[i];
    if (
      x.id !== recordId(log, row) ||
      x.key !== log.keys[recs.key[row]] ||
      x.eventTime !== recs.eventTime[row] ||
      x.reason !== REF_DROP[dr.reason[i]] ||
      x.droppedAt !== dr.droppedAt[i] ||
      x.partition !== recs.partition[row] ||
      x.offset !== recs.offset[row]
    ) {
      return {
        match: false,
        firstDifference: `drop #${i}: engine ${x.id} t=${x.eventTime} ${x.reason} @${x.droppedAt}, reference ${recordId(log, row)} t=${recs.eventTime[row]} ${REF_DROP[dr.reason[i]]} @${dr.droppedAt[i]}`,
      };
    }
  }
  if (ed.length !== dr.length) return { match: false, firstDifference: `${ed.length} drops from the engine, ${dr.length} from the reference` };

  const wm = ref.watermarks;
  const ew = engine.watermarks;
  for (let i = 0; i < Math.min(ew.length, wm.length); i++) {
    if (ew[i].time !== wm.time[i] || ew[i].watermark !== wm.watermark[i]) {
      return { match: false, firstDifference: `watermark point #${i}: engine ${ms(ew[i].watermark)} @${ew[i].time}, reference ${ms(wm.watermark[i])} @${wm.time[i]}` };
    }
  }
  if (ew.length !== wm.length) return { match: false, firstDifference: `${ew.length} watermark points from the engine, ${wm.length} from the reference` };

  for (const [name, value] of Object.entries(ref.counters)) {
    const e = engine.counters[name as keyof ReferenceCounters];
    if (e !== value) return { match: false, firstDifference: `counter ${name}: engine ${e}, reference ${value}` };
  }
  return { match: true };
}
