/**
 * Reading and writing one field of a scenario document by path, without touching the
 * original: the editor always builds a new document and hands it to `sim.load`.
 */

/** A field's place in the document: `['producers', 0, 'rate']`. */
export type Path = readonly (string | number)[];

type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    // Only own properties: a path never reaches the prototype.
    if (!Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Plain)[part as string];
  }
  return node;
}

/** `producers.0.rate`: the form used in data-testids and element ids. */
export function dotted(path: Path): string {
  return path.join('.');
}

/** `producers[0].rate`: the form the engine's issues use (see formatPath in scenario/errors.ts). */
export function issuePath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * A copy of `doc` with `value` at `path` (or the field removed when `value` is undefined).
 * A missing object on the way is created; when the effective scenario has a tagged object
 * there (a distribution, a window, a watermark), that object is copied instead, because a
 * bare `{ min: 5 }` without its `type` would not be valid.
 */
export function withValue(doc: unknown, path: Path, value: unknown, effective: unknown): unknown {
  const copy: unknown = structuredClone(doc);
  if (path.length === 0) return value;
  let node: unknown = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i];
    const holder = node as Plain;
    let next = holder[part as string];
    if (next === null || typeof next !== 'object') {
      const fallback = getAt(effective, path.slice(0, i + 1));
      next = isPlainObject(fallback) && typeof fallback.type === 'string' ? structuredClone(fallback) : {};
      holder[part as string] = next;
    }
    node = next;
  }
  const last = path[path.length - 1];
  if (Array.isArray(node) && typeof last === 'number') {
    if (value === undefined) node.splice(last, 1);
    else node[last] = value;
  } else if (node !== null && typeof node === 'object') {
    if (value === undefined) delete (node as Plain)[last as string];
    else (node as Plain)[last as string] = value;
  }
  return copy;
}

export type Parsed = { ok: true; value: number | undefined } | { ok: false; message: string };

/**
 * What the user typed, as a number the document can hold. Empty text means "remove the
 * field" only for optional fields; anything that is not a finite number never reaches the
 * engine (it would arrive as NaN, and JSON cannot hold it).
 */
export function parseNumber(text: string, optional: boolean, scale = 1): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? { ok: true, value: undefined } : { ok: false, message: 'must be a number' };
  const n = Number(trimmed.replace(/[\s_]/g, ''));
  if (Number.isNaN(n)) return { ok: false, message: 'must be a number' };
  if (!Number.isFinite(n)) return { ok: false, message: 'must be a finite number' };
  return { ok: true, value: scale === 1 ? n : n / scale };
}

/** A stored number as the user reads it (percentages scaled, float noise removed). */
export function formatNumber(value: unknown, scale = 1): string {
  if (typeof value !== 'number') return value === undefined || value === null ? '' : String(value);
  if (scale === 1) return String(value);
  return String(Number((value * scale).toPrecision(12)));
}

/** "2 min", "5 s", "1 h 30 min": how long a span of ms is, for the small print by a field. */
export function humanMs(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) < 1000) return '';
  const sign = ms < 0 ? '−' : '';
  let rest = Math.abs(ms) / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = Number((rest - m * 60).toFixed(3));
  const parts: string[] = [];
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s) parts.push(`${s} s`);
  return sign + parts.join(' ');
}

export type WindowType = 'tumbling' | 'sliding' | 'session';

/**
 * A valid window of another type, carrying over its length: a 10 s tumbling window becomes
 * 10 s sliding windows every 5 s, or sessions that close after 5 s without events.
 */
export function convertWindow(current: unknown, type: WindowType): Plain {
  const w = isPlainObject(current) ? current : {};
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined);
  const size = num(w.size) ?? (num(w.gap) !== undefined ? (num(w.gap) as number) * 2 : 10_000);
  const offset = typeof w.offset === 'number' && Number.isInteger(w.offset) ? w.offset : 0;
  if (type === 'tumbling') {
    const out: Plain = { type, size };
    if (offset !== 0 && Math.abs(offset) < size) out.offset = offset;
    return out;
  }
  if (type === 'sliding') {
    const slide = num(w.slide) !== undefined && (num(w.slide) as number) <= size ? (num(w.slide) as number) : Math.max(1, Math.round(size / 2));
    const out: Plain = { type, size, slide };
    if (offset !== 0 && Math.abs(offset) < slide) out.offset = offset;
    return out;
  }
  return { type, gap: num(w.gap) ?? Math.max(1, Math.round(size / 2)) };
}

/**
 * The trigger as a select value: the two names, "early" for `{ type: 'early', interval }`, or
 * "afterWatermark" for Beam's `{ type: 'afterWatermark', early?, late? }`.
 */
export function triggerKind(trigger: unknown): 'onWatermark' | 'onElement' | 'early' | 'afterWatermark' | 'other' {
  if (trigger === 'onWatermark' || trigger === 'onElement') return trigger;
  if (isPlainObject(trigger) && (trigger.type === 'early' || trigger.type === 'afterWatermark')) return trigger.type;
  return 'other';
}

/**
 * An `afterWatermark` sub-trigger (its early or late panes) as a select value: "none" when
 * absent; any other type is passed through, so the select shows it as invalid.
 */
export function paneTriggerKind(spec: unknown): string {
  if (spec === undefined) return 'none';
  return isPlainObject(spec) && typeof spec.type === 'string' ? spec.type : '';
}

/** A valid sub-trigger of the kind picked (undefined removes it): 1 s after the first element, or every 2 elements. */
export function newPaneTrigger(kind: string): Plain | undefined {
  if (kind === 'processingTimeAfterFirstElementInPane') return { type: kind, delay: 1000 };
  if (kind === 'elementCountAtLeast') return { type: kind, count: 2 };
  if (kind === 'never') return { type: kind };
  return undefined;
}

/** Which editor section a field path belongs to (for opening it when it has a problem). */
export type SectionId = 'producer' | 'run' | 'pipeline' | 'processor' | 'microbatch' | 'other';

export function sectionOf(path: string): SectionId {
  const head = path.split(/[.[]/)[0];
  switch (head) {
    case 'producers':
      return 'producer';
    case 'seed':
    case 'duration':
      return 'run';
    case 'topic':
    case 'consumers':
      return 'pipeline';
    case 'processor':
      return 'processor';
    case 'microBatch':
      return 'microbatch';
    default:
      return 'other';
  }
}
