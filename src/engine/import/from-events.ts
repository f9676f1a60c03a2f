/**
 * An imported event log as a whole scenario. The open scenario's pipeline is kept so imported
 * events meet the same windows and rules, except a punctuated watermark: it moves only at
 * watermark markers, which an event log cannot hold, so every row would count as on time however
 * late it is. Such an import gets IMPORT_WATERMARK instead, and importSettings says so in words.
 */
import { SCENARIO_VERSION, processorSchema, type ProcessorSpec, type ScriptEntry } from '../scenario/schema';

export interface FromEventsOptions {
  id?: string;
  title?: string;
  description?: string;
  /** The scripted producer's id: default event ids are `<producerId>-<n>`. */
  producerId?: string;
}

/** The watermark an import gets when the open scenario's cannot see lateness (or there is none). */
export const IMPORT_WATERMARK = Object.freeze({ type: 'boundedOutOfOrderness', bound: 1000, interval: 200 } as const);

const KEPT_FROM_BASE = ['seed', 'topic', 'consumers', 'processor', 'microBatch'] as const;
type Kept = (typeof KEPT_FROM_BASE)[number];
const KEPT_NAMES: Record<Kept, string> = { seed: 'seed', topic: 'topic', consumers: 'consumer group', processor: 'processor', microBatch: 'micro-batch settings' };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const fmt = (n: number) => n.toLocaleString('en-US');

/** The watermark spec an import should use, given the open scenario's processor field. */
function importedWatermark(processor: unknown): { watermark: unknown; replaced: string | null } {
  const own = isObject(processor) ? processor.watermark : undefined;
  if (isObject(own) && own.type === 'boundedOutOfOrderness') return { watermark: own, replaced: null };
  const idle = isObject(own) && typeof own.idleTimeout === 'number' ? { idleTimeout: own.idleTimeout } : {};
  return { watermark: { ...IMPORT_WATERMARK, ...idle }, replaced: isObject(own) && typeof own.type === 'string' ? own.type : null };
}

/**
 * A scenario document (not yet validated: give it to validateScenario or sim.load) whose one
 * producer sends `entries`. With a base scenario document, its seed, topic, consumer group,
 * processor and micro-batch settings are kept (a punctuated watermark excepted, see above);
 * its producers, duration and lesson, which tell another story, are not.
 */
export function scenarioFromEvents(entries: readonly ScriptEntry[], base?: unknown, options: FromEventsOptions = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    version: SCENARIO_VERSION,
    id: options.id ?? 'imported',
    title: options.title ?? 'Imported events',
  };
  if (options.description !== undefined) doc.description = options.description;
  if (isObject(base)) {
    for (const field of KEPT_FROM_BASE) {
      if (Object.hasOwn(base, field) && base[field] !== undefined) doc[field] = copy(base[field]);
    }
  }
  const processor = isObject(doc.processor) ? doc.processor : {};
  doc.processor = { ...processor, watermark: copy(importedWatermark(processor).watermark) };
  doc.producers = [{ id: options.producerId ?? 'import', type: 'scripted', entries: entries.map((e) => ({ ...e })) }];
  return doc;
}

export interface ImportSettings {
  /** Top-level fields taken from the open scenario, in document order. */
  kept: Kept[];
  /** The open scenario's watermark could not see lateness and IMPORT_WATERMARK replaced it. */
  watermarkReplaced: boolean;
  /** One or two sentences for the learner: what was kept, and the watermark the events meet. */
  sentence: string;
}

function describeWindow(p: ProcessorSpec): string {
  const w = p.window;
  if (w.type === 'session') return `session windows with a ${fmt(w.gap)} ms gap`;
  if (w.type === 'sliding') return `sliding windows of ${fmt(w.size)} ms every ${fmt(w.slide)} ms`;
  return `tumbling windows of ${fmt(w.size)} ms`;
}

const aggregateName = (p: ProcessorSpec) => (typeof p.aggregate === 'string' ? p.aggregate : `ratio of ${p.aggregate.numerator} to ${p.aggregate.denominator}`);

/** What an import into the open scenario `base` keeps, in words (see scenarioFromEvents). */
export function importSettings(base: unknown): ImportSettings {
  const kept = isObject(base) ? KEPT_FROM_BASE.filter((f) => Object.hasOwn(base, f) && base[f] !== undefined) : [];
  const rawProcessor = isObject(base) ? base.processor : undefined;
  const { watermark, replaced } = importedWatermark(rawProcessor);
  const parsed = processorSchema.safeParse({ ...(isObject(rawProcessor) ? rawProcessor : {}), watermark });
  const names = kept.map((f) => KEPT_NAMES[f]);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const parts: string[] = [];
  if (!parsed.success) {
    parts.push(kept.length > 0 ? `Events kept the open scenario’s ${list}.` : 'Events use the default pipeline.');
    return { kept, watermarkReplaced: replaced !== null, sentence: parts.join(' ') };
  }
  const p = parsed.data;
  const pipeline = `${describeWindow(p)}, ${aggregateName(p)}, allowed lateness ${fmt(p.allowedLateness)} ms`;
  parts.push(kept.length > 0 ? `The import kept the open scenario’s ${list} (${pipeline}).` : `No scenario was open, so the default pipeline is used (${pipeline}).`);
  const wm = p.watermark;
  const bound = wm.type === 'boundedOutOfOrderness' ? `bounded out-of-orderness with a ${fmt(wm.bound)} ms bound` : wm.type;
  if (replaced !== null) {
    parts.push(`Watermark: ${bound}, instead of the open scenario’s ${replaced} watermark, which moves only at watermark markers; an event log has none, so no row could ever be late.`);
  } else {
    parts.push(`Watermark: ${bound}${kept.includes('processor') ? ' (kept)' : ''}.`);
  }
  return { kept, watermarkReplaced: replaced !== null, sentence: parts.join(' ') };
}

/** A deep copy of plain JSON data (scenario documents are JSON). */
function copy(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    // Not cloneable (a function in a hand-built object): keep the value; validation will say what is wrong.
    return value;
  }
}
