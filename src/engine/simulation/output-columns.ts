/**
 * Results and drops as columns, for handing a finished run to the page. Structured clone
 * rebuilds an array of objects field by field, which for a big run (tens of thousands of
 * drops) costs the page more than 100 ms in one go; columns of numbers arrive in one move
 * and the objects are rebuilt here in a few milliseconds.
 */
import type { Drop, DropReason, Firing, Result } from '../modes/results';

const FIRINGS: readonly Firing[] = ['early', 'on-time', 'late', 'final', 'update'];
const REASONS: readonly DropReason[] = ['late', 'duplicate', 'malformed'];

export interface ResultColumns {
  key: string[];
  start: Float64Array;
  end: Float64Array;
  value: Float64Array;
  /** Index into FIRINGS. */
  firing: Uint8Array;
  emittedAt: Float64Array;
  visibleAt: Float64Array;
  watermark: Float64Array;
  /** 1 for a retraction. */
  retraction: Uint8Array;
  /** Pane index, or NaN when the result has none. */
  pane: Float64Array;
}

export interface DropColumns {
  id: string[];
  key: string[];
  eventTime: Float64Array;
  /** Index into REASONS. */
  reason: Uint8Array;
  droppedAt: Float64Array;
  partition: Int32Array;
  offset: Int32Array;
  /** The window dropped from, or NaN when the drop has none. */
  windowStart: Float64Array;
  windowEnd: Float64Array;
}

/**
 * Where each field of a Result goes. Typed over every key of Result, so a new field on
 * Result does not compile until it has a column here.
 */
const RESULT_FIELDS: Record<keyof Result, keyof ResultColumns | readonly (keyof ResultColumns)[]> = {
  key: 'key',
  window: ['start', 'end'],
  value: 'value',
  firing: 'firing',
  emittedAt: 'emittedAt',
  visibleAt: 'visibleAt',
  watermark: 'watermark',
  retraction: 'retraction',
  pane: 'pane',
};
const DROP_FIELDS: Record<keyof Drop, keyof DropColumns | readonly (keyof DropColumns)[]> = {
  id: 'id',
  key: 'key',
  eventTime: 'eventTime',
  reason: 'reason',
  droppedAt: 'droppedAt',
  partition: 'partition',
  offset: 'offset',
  window: ['windowStart', 'windowEnd'],
};
export const OUTPUT_FIELDS = { result: RESULT_FIELDS, drop: DROP_FIELDS };

export function packResults(results: readonly Result[]): ResultColumns {
  const n = results.length;
  const c: ResultColumns = {
    key: new Array<string>(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    value: new Float64Array(n),
    firing: new Uint8Array(n),
    emittedAt: new Float64Array(n),
    visibleAt: new Float64Array(n),
    watermark: new Float64Array(n),
    retraction: new Uint8Array(n),
    pane: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = results[i];
    c.key[i] = r.key;
    c.start[i] = r.window.start;
    c.end[i] = r.window.end;
    c.value[i] = r.value;
    c.firing[i] = FIRINGS.indexOf(r.firing);
    c.emittedAt[i] = r.emittedAt;
    c.visibleAt[i] = r.visibleAt;
    c.watermark[i] = r.watermark;
    c.retraction[i] = r.retraction ? 1 : 0;
    c.pane[i] = r.pane ?? NaN;
  }
  return c;
}

export function unpackResults(c: ResultColumns): Result[] {
  const out = new Array<Result>(c.key.length);
  for (let i = 0; i < out.length; i++) {
    const r: Result = {
      key: c.key[i],
      window: { start: c.start[i], end: c.end[i] },
      value: c.value[i],
      firing: FIRINGS[c.firing[i]],
      emittedAt: c.emittedAt[i],
      visibleAt: c.visibleAt[i],
      watermark: c.watermark[i],
    };
    if (c.retraction[i]) r.retraction = true;
    if (!Number.isNaN(c.pane[i])) r.pane = c.pane[i];
    out[i] = r;
  }
  return out;
}

export function packDrops(drops: readonly Drop[]): DropColumns {
  const n = drops.length;
  const c: DropColumns = {
    id: new Array<string>(n),
    key: new Array<string>(n),
    eventTime: new Float64Array(n),
    reason: new Uint8Array(n),
    droppedAt: new Float64Array(n),
    partition: new Int32Array(n),
    offset: new Int32Array(n),
    windowStart: new Float64Array(n),
    windowEnd: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const d = drops[i];
    c.id[i] = d.id;
    c.key[i] = d.key;
    c.eventTime[i] = d.eventTime;
    c.reason[i] = REASONS.indexOf(d.reason);
    c.droppedAt[i] = d.droppedAt;
    c.partition[i] = d.partition;
    c.offset[i] = d.offset;
    c.windowStart[i] = d.window ? d.window.start : NaN;
    c.windowEnd[i] = d.window ? d.window.end : NaN;
  }
  return c;
}

export function unpackDrops(c: DropColumns): Drop[] {
  const out = new Array<Drop>(c.id.length);
  for (let i = 0; i < out.length; i++) {
    const d: Drop = {
      id: c.id[i],
      key: c.key[i],
      eventTime: c.eventTime[i],
      reason: REASONS[c.reason[i]],
      droppedAt: c.droppedAt[i],
      partition: c.partition[i],
      offset: c.offset[i],
    };
    if (!Number.isNaN(c.windowStart[i])) d.window = { start: c.windowStart[i], end: c.windowEnd[i] };
    out[i] = d;
  }
  return out;
}

/** The buffers behind the numeric columns (for a postMessage transfer list). */
export function outputBuffers(c: ResultColumns | DropColumns): ArrayBufferLike[] {
  return Object.values(c).flatMap((column: unknown) => (ArrayBuffer.isView(column) ? [column.buffer] : []));
}
