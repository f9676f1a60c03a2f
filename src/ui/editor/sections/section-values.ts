/**
 * What the editor's sections read from a scenario document, and what they put in it when the
 * learner adds an entry or switches a strategy. A new entry is always valid on its own, so the
 * run that follows the click shows it rather than an error.
 */
import { getAt, isPlainObject } from '../knobs';

type Plain = Record<string, unknown>;

/** The first generated producer: the one the Producer section's knobs edit. */
export interface GeneratedProducer {
  /** Its index in `producers`, or -1 when every producer is scripted. */
  index: number;
  /** How many generated producers the document has (the others are edited in JSON). */
  count: number;
  /** Its id, or `#index` when the document gives none. */
  id: string;
}

/** Reads the document defensively: it may be anything the JSON box was given. */
export function firstGenerated(doc: unknown): GeneratedProducer {
  const list = getAt(doc, ['producers']);
  const producers = Array.isArray(list) ? (list as unknown[]) : [];
  const generated = producers.map((p, i) => ({ p, i })).filter(({ p }) => isPlainObject(p) && p.type === 'generated');
  const index = generated.length > 0 ? generated[0].i : -1;
  const id = getAt(doc, ['producers', index, 'id']);
  return { index, count: generated.length, id: typeof id === 'string' ? id : `#${index}` };
}

/** The objects of a list value (outages, crashes, joins); anything else in it is skipped. */
export function plainList(value: unknown): Plain[] {
  return Array.isArray(value) ? (value as unknown[]).filter(isPlainObject) : [];
}

/** A whole second, never negative: new entries land on round times the learner can read. */
const roundSecond = (ms: number) => Math.max(0, Math.round(ms / 1000) * 1000);

/** The outages plus a 5 s one: 5 s after the last, or 30 % into the run when there is none. */
export function withNewOutage(outages: readonly Plain[], duration: number): Plain[] {
  const last = outages[outages.length - 1];
  const from = last && typeof last.to === 'number' ? last.to + 5000 : roundSecond(duration * 0.3);
  return [...structuredClone(outages), { from, to: from + 5000 }];
}

/** The crashes plus a 5 s one of the last member: 10 s after the last, or 40 % into the run. */
export function withNewCrash(crashes: readonly Plain[], consumerCount: number, duration: number): Plain[] {
  const consumer = consumerCount > 1 ? `c${consumerCount - 1}` : 'c0';
  const last = crashes[crashes.length - 1];
  const at = last && typeof last.at === 'number' ? last.at + 10_000 : roundSecond(duration * 0.4);
  return [...structuredClone(crashes), { consumer, at, downtime: 5000 }];
}

/** A valid watermark of the type picked, keeping its idle timeout; null when it already is that type. */
export function newWatermark(current: unknown, type: string): Plain | null {
  if (isPlainObject(current) && current.type === type) return null;
  const idle = isPlainObject(current) ? current.idleTimeout : undefined;
  const next: Plain = type === 'punctuated' ? { type } : { type, bound: 1000, interval: 200 };
  if (idle !== undefined) next.idleTimeout = idle;
  return next;
}

/** A valid trigger of the kind picked: early firings every 2 s, Beam's with no panes, or a plain name. */
export function newTrigger(kind: string): Plain | string {
  return kind === 'early' ? { type: 'early', interval: 2000 } : kind === 'afterWatermark' ? { type: 'afterWatermark' } : kind;
}
