/**
 * A finished run as plain data, so a Web Worker can compute it and send it to the page.
 *
 * A `LiveRun` holds class instances that structured clone cannot carry or would strip: the
 * processors and their clock, an RxJS Subject, `ModeOutput` (an arrow-function property and
 * a prototype) and `Deliveries` (columns whose `length` is a getter). `toRunData` keeps what
 * the UI and `runReport` read, the parts of `Run`:
 *
 * - `scenario`, `inputEndTime`, `endTime`, `counters`
 * - `log`: the topic (record columns, partition logs, markers, keys, types, producer ids, custom ids)
 * - `group`: deliveries (as trimmed typed arrays), events, commits, lag samples, member ids, end time,
 *   final positions
 * - `modes`: per mode its results and drops (as columns), per-record fate / window start /
 *   processing time, watermarks (and each partition's, streaming), counters and the decision log
 *   (as trimmed typed arrays, one per column)
 * - `jobs`: the streaming and micro-batch jobs' reads (when they differ from the group's),
 *   recoveries and checkpoints
 * - `reads`: first read time and member per record
 *
 * Every column is a typed array with its own buffer, listed by `runDataTransfer` so that
 * `postMessage(data, transfer)` moves them instead of copying (a million events are tens of MB).
 * `fromRunData` rebuilds a `Run` with `ModeOutput` and `Deliveries` objects again.
 *
 * @example
 * const data = toRunData(run);
 * postMessage(data, runDataTransfer(data));   // in the worker
 * const copy = fromRunData(event.data);       // on the page
 */
import { Deliveries } from '../broker/deliveries';
import type { GroupRun } from '../broker/consumer-group';
import type { TopicLog } from '../broker/topic-log';
import { DecisionLog } from '../decisions/decision-log';
import { ModeOutput, type ModeCounters, type ModeName, type PartitionWatermarkLog, type WatermarkPoint } from '../modes/mode-output';
import { outputBuffers, packDrops, packResults, unpackDrops, unpackResults, type DropColumns, type ResultColumns } from './output-columns';
import type { Run } from './run';
import type { JobTrace } from './jobs';

/** One mode's output as plain data. */
export interface ModeData {
  mode: ModeName;
  /** As columns: an array of objects would cost the page a slow structured clone (output-columns.ts). */
  results: ResultColumns;
  /** Results of aborted transactions. */
  aborted: ResultColumns;
  transactional: boolean;
  dropped: DropColumns;
  fate: Uint8Array;
  windowStart: Float64Array;
  processedAt: Float64Array;
  countedTwice: Uint8Array;
  watermarks: WatermarkPoint[];
  partitionWatermarks: PartitionWatermarkLog;
  counters: ModeCounters;
  /** The mode's decisions (firings, late verdicts, dead letters, duplicates), one trimmed array per column. */
  decisions: DecisionData;
}

/** The columns of a DecisionLog. */
const DECISION_COLUMNS = ['time', 'verdict', 'rule', 'row', 'key', 'windowStart', 'windowEnd', 'clock', 'threshold'] as const;
export type DecisionData = { [K in (typeof DECISION_COLUMNS)[number]]: DecisionLog[K]['data'] };

/** The consumer group's reads, one trimmed array per column of `Deliveries`. */
export interface DeliveriesData {
  time: Float64Array;
  partition: Int32Array;
  entry: Int32Array;
  item: Int32Array;
  member: Int32Array;
  redelivery: Int32Array;
}

/** A finished run as structured-clonable data (no functions, no prototypes, no getters). */
export interface RunData {
  scenario: Run['scenario'];
  log: TopicLog;
  group: Omit<GroupRun, 'deliveries'> & { deliveries: DeliveriesData };
  inputEndTime: number;
  endTime: number;
  counters: Run['counters'];
  modes: { streaming: ModeData; microbatch: ModeData; batch: ModeData | null };
  /** A job's reads are left out (null) when they are the group's own. */
  jobs: Record<'streaming' | 'microbatch', Omit<JobTrace, 'deliveries'> & { deliveries: DeliveriesData | null }>;
  reads: Run['reads'];
}

const DELIVERY_COLUMNS = ['time', 'partition', 'entry', 'item', 'member', 'redelivery'] as const;

function modeData(out: ModeOutput): ModeData {
  return {
    mode: out.mode,
    results: packResults(out.results),
    aborted: packResults(out.aborted),
    transactional: out.transactional,
    dropped: packDrops(out.dropped),
    fate: out.fate,
    windowStart: out.windowStart,
    processedAt: out.processedAt,
    countedTwice: out.countedTwice,
    watermarks: out.watermarks,
    partitionWatermarks: out.partitionWatermarks,
    counters: { ...out.counters },
    decisions: decisionData(out.decisions),
  };
}

function decisionData(log: DecisionLog): DecisionData {
  const out = {} as Record<string, Float64Array | Int32Array>;
  for (const name of DECISION_COLUMNS) out[name] = log[name].toArray();
  return out as DecisionData;
}

function decisionLog(data: DecisionData): DecisionLog {
  return adoptColumns(new DecisionLog(), data, DECISION_COLUMNS);
}

/** Points each named column of `target` at the data's trimmed array (a finished run's columns, no copy). */
function adoptColumns<T extends object, N extends string>(target: T, data: Record<N, Float64Array | Int32Array>, names: readonly N[]): T {
  for (const name of names) {
    const column = (target as Record<N, { data: Float64Array | Int32Array; length: number }>)[name];
    column.data = data[name];
    column.length = data[name].length;
  }
  return target;
}

/**
 * The finished parts of a run as plain data. It shares the run's arrays (no copy) except the
 * deliveries, which are trimmed to their length; transferring the data detaches the run's arrays.
 */
function deliveriesData(d: Deliveries): DeliveriesData {
  const { time, partition, entry, item, member, redelivery } = d;
  return { time: time.toArray(), partition: partition.toArray(), entry: entry.toArray(), item: item.toArray(), member: member.toArray(), redelivery: redelivery.toArray() };
}

function jobData(job: JobTrace, group: Deliveries): RunData['jobs']['streaming'] {
  return { ...job, deliveries: job.deliveries === group ? null : deliveriesData(job.deliveries) };
}

export function toRunData(run: Run): RunData {
  return {
    scenario: run.scenario,
    log: run.log,
    jobs: { streaming: jobData(run.jobs.streaming, run.group.deliveries), microbatch: jobData(run.jobs.microbatch, run.group.deliveries) },
    group: {
      deliveries: deliveriesData(run.group.deliveries),
      events: run.group.events,
      commits: run.group.commits,
      lag: run.group.lag,
      memberIds: run.group.memberIds,
      endTime: run.group.endTime,
      finalPosition: run.group.finalPosition,
    },
    inputEndTime: run.inputEndTime,
    endTime: run.endTime,
    counters: { ...run.counters },
    modes: {
      streaming: modeData(run.modes.streaming),
      microbatch: modeData(run.modes.microbatch),
      batch: run.modes.batch ? modeData(run.modes.batch) : null,
    },
    reads: run.reads,
  };
}

/** The distinct buffers behind every typed array in the data: the transfer list for postMessage. */
export function runDataTransfer(data: RunData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView) => {
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  const r = data.log.records;
  for (const a of [r.producer, r.seq, r.eventNo, r.key, r.type, r.value, r.eventTime, r.sentAt, r.appendedAt, r.flags, r.partition, r.offset]) add(a);
  for (const p of data.log.partitions) for (const a of [p.entries, p.entryTime, p.entryOfOffset, p.offsetAtEntry]) add(a);
  for (const d of [data.group.deliveries, data.jobs.streaming.deliveries, data.jobs.microbatch.deliveries]) if (d) for (const name of DELIVERY_COLUMNS) add(d[name]);
  const lag = data.group.lag;
  for (const a of [lag.time, lag.logEndOffset, lag.position, lag.committed, data.group.finalPosition]) add(a);
  for (const m of [data.modes.streaming, data.modes.microbatch, data.modes.batch]) {
    if (!m) continue;
    for (const a of [m.fate, m.windowStart, m.processedAt, m.countedTwice]) add(a);
    for (const name of DECISION_COLUMNS) add(m.decisions[name]);
    for (const b of [...outputBuffers(m.results), ...outputBuffers(m.aborted), ...outputBuffers(m.dropped)]) if (b instanceof ArrayBuffer) buffers.add(b);
  }
  add(data.reads.firstReadAt);
  add(data.reads.firstReadBy);
  return [...buffers];
}

function modeOutput(data: ModeData, log: TopicLog): ModeOutput {
  // A finished output: the prototype's methods, the data's fields. Nothing settles or emits again.
  const out = Object.create(ModeOutput.prototype) as ModeOutput;
  return Object.assign(out, {
    log,
    mode: data.mode,
    results: unpackResults(data.results),
    aborted: unpackResults(data.aborted),
    transactional: data.transactional,
    dropped: unpackDrops(data.dropped),
    fate: data.fate,
    windowStart: data.windowStart,
    processedAt: data.processedAt,
    countedTwice: data.countedTwice,
    watermarks: data.watermarks,
    partitionWatermarks: data.partitionWatermarks,
    counters: data.counters,
    decisions: decisionLog(data.decisions),
    emit: () => {
      throw new Error(`the ${data.mode} output of a finished run cannot emit`);
    },
  });
}

function deliveries(data: DeliveriesData): Deliveries {
  return adoptColumns(new Deliveries(), data, DELIVERY_COLUMNS);
}

/** A finished run rebuilt from its data (after structured clone): what the UI and reports read. */
export function fromRunData(data: RunData): Run {
  const log = data.log;
  const groupReads = deliveries(data.group.deliveries);
  const job = (j: RunData['jobs']['streaming']): JobTrace => ({ ...j, deliveries: j.deliveries ? deliveries(j.deliveries) : groupReads });
  return {
    scenario: data.scenario,
    log,
    jobs: { streaming: job(data.jobs.streaming), microbatch: job(data.jobs.microbatch) },
    group: { ...data.group, deliveries: groupReads },
    inputEndTime: data.inputEndTime,
    endTime: data.endTime,
    counters: data.counters,
    modes: {
      streaming: modeOutput(data.modes.streaming, log),
      microbatch: modeOutput(data.modes.microbatch, log),
      batch: data.modes.batch ? modeOutput(data.modes.batch, log) : null,
    },
    reads: data.reads,
  };
}
