/**
 * The scenario format, version 1: one zod schema per part, with the defaults filled in
 * here so the engine never has to guess. docs/scenario-format.md describes every field.
 *
 * Objects are strict (an unknown field is an error, not silently ignored), numbers are
 * finite, and times are whole virtual milliseconds.
 */
import { z } from 'zod';
import { checkTickBudget } from './budget';
import { bounded, DEFAULT_DURATION, finite, fraction, identifier, LIMITS, ms, nonNegativeMs, positiveMs, SCENARIO_VERSION, text, WATERMARK_MAX } from './fields';
import { lessonSchema } from './lesson-schema';

export { DEFAULT_DURATION, LIMITS, SCENARIO_VERSION, WATERMARK_MAX } from './fields';
export { HIGHLIGHTS, type Lesson, type NarrationStep } from './lesson-schema';

export const distributionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), value: finite() }),
  z
    .strictObject({ type: z.literal('uniform'), min: finite(), max: finite() })
    .refine((d) => d.max >= d.min, { message: 'max must be >= min', path: ['max'] }),
  z
    .strictObject({ type: z.literal('uniformInt'), min: z.int(), max: z.int() })
    .refine((d) => d.max >= d.min, { message: 'max must be >= min', path: ['max'] }),
  z.strictObject({ type: z.literal('normal'), mean: finite(), stddev: z.number().min(0).finite() }),
  z.strictObject({ type: z.literal('exponential'), mean: z.number().min(0).finite() }),
  z.strictObject({ type: z.literal('lognormal'), median: z.number().gt(0).finite(), sigma: z.number().min(0).finite() }),
]);
export type DistributionSpec = z.output<typeof distributionSchema>;

const keysSchema = z.union([
  z.strictObject({
    count: z.int().min(1).max(LIMITS.keys).default(10),
    prefix: text(64).default('key-'),
    /** Zipf exponent: 0 is uniform, 1 makes the first key about as common as the next few together. */
    skew: z.number().min(0).max(10).default(0),
  }),
  bounded(z.array(text(256)).min(1).max(LIMITS.keys), LIMITS.keys),
]);

const outageSchema = z
  .strictObject({ from: nonNegativeMs(), to: nonNegativeMs() })
  .refine((o) => o.to > o.from, { message: 'must be after from', path: ['to'] });

const generatedProducerSchema = z
  .strictObject({
    id: identifier(),
    type: z.literal('generated'),
    /** Mean events per second of event time (Poisson arrivals). */
    rate: z.number().gt(0).max(LIMITS.ratePerSecond),
    /** Event times are drawn in [start, stop); stop defaults to the scenario's duration. */
    start: nonNegativeMs().default(0),
    stop: nonNegativeMs().optional(),
    keys: keysSchema.default(() => ({ count: 10, prefix: 'key-', skew: 0 })),
    value: distributionSchema.default(() => ({ type: 'constant' as const, value: 1 })),
    /** Event-type field with weights, e.g. { "impression": 9, "click": 1 }, for ratio aggregates. */
    eventTypes: z.record(identifier(), z.number().min(0).finite()).optional(),
    /** Delay from event time to arrival at the broker, in ms. */
    delay: distributionSchema.default(() => ({ type: 'uniform' as const, min: 0, max: 100 })),
    late: z
      .strictObject({
        fraction: fraction().default(0),
        delay: distributionSchema.default(() => ({ type: 'uniform' as const, min: 5000, max: 15000 })),
      })
      .prefault({}),
    outages: bounded(z.array(outageSchema).max(1000), 1000).default([]),
    duplicates: z
      .strictObject({
        rate: fraction().default(0),
        /** Time between the original send and the retry that duplicates it. */
        retryDelay: nonNegativeMs().default(100),
      })
      .prefault({}),
    malformedRate: fraction().default(0),
    schemaVersion: z.int().min(1).max(1000).default(1),
  })
  .superRefine((p, ctx) => {
    const sorted = [...p.outages].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].from < sorted[i - 1].to) {
        ctx.addIssue({ code: 'custom', path: ['outages'], message: 'outages must not overlap' });
        break;
      }
    }
    if (p.stop !== undefined && p.stop <= p.start) {
      ctx.addIssue({ code: 'custom', path: ['stop'], message: 'must be after start' });
    }
    if (p.eventTypes && Object.values(p.eventTypes).every((w) => w === 0)) {
      ctx.addIssue({ code: 'custom', path: ['eventTypes'], message: 'needs at least one weight > 0' });
    }
  });

const scriptedEventSchema = z.strictObject({
  key: text(256),
  value: finite(),
  eventTime: ms(),
  id: text(256).optional(),
  arrivalTime: nonNegativeMs().optional(),
  type: identifier().optional(),
  /** Marks a payload that fails the event schema, so it is dead-lettered. */
  malformed: z.boolean().optional(),
});
const watermarkEntrySchema = z.strictObject({
  // Up to the largest safe integer, which stands for +infinity.
  watermark: z.int().min(-LIMITS.eventTime).max(WATERMARK_MAX),
  arrivalTime: nonNegativeMs().optional(),
});
const processingTimeEntrySchema = z.strictObject({ processingTime: nonNegativeMs() });

export const scriptEntrySchema = z.union([watermarkEntrySchema, processingTimeEntrySchema, scriptedEventSchema]);
export type ScriptEntry = z.output<typeof scriptEntrySchema>;

const scriptedProducerSchema = z
  .strictObject({
    id: identifier(),
    type: z.literal('scripted'),
    entries: bounded(z.array(scriptEntrySchema).max(LIMITS.scriptedEntries), LIMITS.scriptedEntries),
    schemaVersion: z.int().min(1).max(1000).default(1),
  })
  .superRefine((p, ctx) => {
    // Entries are listed in arrival order: an explicit arrivalTime may not go back in time.
    let clock = -1;
    let scripted = false; // after a processingTime entry, implicit arrivals stop stepping by 1
    p.entries.forEach((entry, i) => {
      if ('processingTime' in entry) {
        if (entry.processingTime < clock) {
          ctx.addIssue({ code: 'custom', path: ['entries', i, 'processingTime'], message: `must be >= the previous entry's time (${clock})` });
        }
        clock = Math.max(clock, entry.processingTime);
        scripted = true;
        return;
      }
      const explicit = entry.arrivalTime;
      if (explicit !== undefined) {
        if (explicit < clock) {
          ctx.addIssue({ code: 'custom', path: ['entries', i, 'arrivalTime'], message: `must be >= the previous entry's arrival time (${clock})` });
        }
        clock = Math.max(clock, explicit);
      } else {
        clock = scripted ? Math.max(clock, 0) : clock + 1;
      }
    });
  });

export const producerSchema = z.discriminatedUnion('type', [generatedProducerSchema, scriptedProducerSchema]);
export type ProducerSpec = z.output<typeof producerSchema>;
export type GeneratedProducerSpec = z.output<typeof generatedProducerSchema>;
export type ScriptedProducerSpec = z.output<typeof scriptedProducerSchema>;

/** A window length and offset that passed their own checks, so comparing them means something. */
const inRange = (length: number, offset: number) => Number.isInteger(length) && length >= 1 && length <= LIMITS.durationMs && Number.isInteger(offset) && Math.abs(offset) <= LIMITS.eventTime;

const windowSchema = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('tumbling'), size: positiveMs(), offset: ms().default(0) })
    // Only when size and offset are themselves valid: a negative size is told about the size, not the offset.
    .refine((w) => !inRange(w.size, w.offset) || Math.abs(w.offset) < w.size, { message: 'must be smaller than size in absolute value', path: ['offset'] }),
  z
    .strictObject({ type: z.literal('sliding'), size: positiveMs(), slide: positiveMs(), offset: ms().default(0) })
    .refine((w) => !inRange(w.slide, w.offset) || Math.abs(w.offset) < w.slide, { message: 'must be smaller than slide in absolute value', path: ['offset'] })
    .refine((w) => !inRange(w.slide, w.offset) || w.size / w.slide <= 1000, { message: 'size / slide must be <= 1000 (each event would land in too many windows)', path: ['slide'] }),
  z.strictObject({ type: z.literal('session'), gap: positiveMs() }),
]);
export type WindowSpec = z.output<typeof windowSchema>;

const watermarkSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('boundedOutOfOrderness'),
    bound: nonNegativeMs(),
    /** Periodic emission interval in processing time; 0 emits after every record. */
    interval: nonNegativeMs().default(200),
    idleTimeout: positiveMs().optional(),
  }),
  z.strictObject({
    type: z.literal('punctuated'),
    idleTimeout: positiveMs().optional(),
  }),
]);
export type WatermarkSpec = z.output<typeof watermarkSchema>;

const aggregateSchema = z.union([
  z.enum(['count', 'sum', 'min', 'max', 'avg', 'countDistinct']),
  z.strictObject({ type: z.literal('ratio'), numerator: identifier(), denominator: identifier() }),
]);
export type AggregateSpec = z.output<typeof aggregateSchema>;

/** A Beam-style sub-trigger for the early or late panes of `afterWatermark`. */
const paneTriggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('processingTimeAfterFirstElementInPane'), delay: nonNegativeMs() }),
  z.strictObject({ type: z.literal('elementCountAtLeast'), count: z.int().min(1).max(1_000_000) }),
  /** Beam's Never.ever(): no pane of this kind (late data waits for the final pane at expiry, in beam). */
  z.strictObject({ type: z.literal('never') }),
]);
export type PaneTriggerSpec = z.output<typeof paneTriggerSchema>;

const triggerSchema = z.union([
  z.enum(['onWatermark', 'onElement']),
  z.strictObject({ type: z.literal('early'), interval: positiveMs() }),
  /** Beam's AfterWatermark.pastEndOfWindow() with optional early and late firings. */
  z.strictObject({ type: z.literal('afterWatermark'), early: paneTriggerSchema.optional(), late: paneTriggerSchema.optional() }),
]);

/** Which engine's rules the streaming mode follows (docs/semantics.md, "Semantics profiles"). */
export const SEMANTICS = ['flink', 'beam', 'kafka-streams', 'spark'] as const;
export type SemanticsName = (typeof SEMANTICS)[number];
export type TriggerSpec = z.output<typeof triggerSchema>;

const DEFAULT_WINDOW = { type: 'tumbling', size: 10_000, offset: 0 } as const;
const DEFAULT_WATERMARK = { type: 'boundedOutOfOrderness', bound: 1000, interval: 200 } as const;

export const processorSchema = z.strictObject({
  window: windowSchema.default(() => ({ ...DEFAULT_WINDOW })),
  watermark: watermarkSchema.default(() => ({ ...DEFAULT_WATERMARK })),
  allowedLateness: nonNegativeMs().default(0),
  aggregate: aggregateSchema.default('count'),
  accumulation: z.enum(['accumulating', 'discarding', 'retracting']).default('accumulating'),
  trigger: triggerSchema.default('onWatermark'),
  /** The streaming mode's rule profile; micro-batch always follows Spark. */
  semantics: z.enum(SEMANTICS).default('flink'),
  /** Kafka Streams' suppress(untilWindowCloses): one final result per window (kafka-streams only). */
  suppress: z.enum(['none', 'untilWindowCloses']).default('none'),
  dedup: z
    .strictObject({ enabled: z.boolean().default(false), ttl: positiveMs().default(600_000) })
    .prefault({}),
  flushAtEnd: z.boolean().default(true),
  /**
   * Delivery after a failure (docs/semantics.md, "Failures and recovery"): for flink and beam the
   * sink's (exactlyOnce: a transactional sink committed at checkpoints); for kafka-streams its
   * processing.guarantee; for Spark whether the sink skips a batch id it has committed.
   */
  guarantee: z.enum(['atLeastOnce', 'exactlyOnce']).default('atLeastOnce'),
  /** Periodic checkpoints in processing time (flink, and beam on the Flink runner). */
  checkpoint: z.strictObject({ interval: z.int().min(10).max(LIMITS.durationMs) }).optional(),
  /** Where a job restarted without a checkpoint to restore starts reading (flink and beam). */
  startFrom: z.enum(['committed', 'earliest', 'latest']).default('committed'),
  /** Schema versions the processor can parse; events of any other version are dead-lettered. */
  schemaVersions: bounded(z.array(z.int().min(1).max(1000)).min(1).max(100), 100).default([1]),
});
export type ProcessorSpec = z.output<typeof processorSchema>;

const consumerId = () => identifier();
const consumersSchema = z
  .strictObject({
    count: z.int().min(0).max(LIMITS.consumers).default(1),
    /** Records per second each consumer can read; omit for unlimited (reads at append time). */
    capacity: z.number().gt(0).max(LIMITS.ratePerSecond).optional(),
    commitInterval: positiveMs().default(5000),
    assignment: z.enum(['range', 'roundRobin']).default('range'),
    crashes: bounded(z.array(z.strictObject({ consumer: consumerId(), at: nonNegativeMs(), downtime: nonNegativeMs().default(1000) })).max(1000), 1000).default([]),
    joins: bounded(z.array(z.strictObject({ consumer: consumerId(), at: nonNegativeMs() })).max(1000), 1000).default([]),
    leaves: bounded(z.array(z.strictObject({ consumer: consumerId(), at: nonNegativeMs() })).max(1000), 1000).default([]),
    replays: bounded(
      z.array(
        z
          .strictObject({
            at: nonNegativeMs(),
            offset: z.int().min(0).optional(),
            timestamp: nonNegativeMs().optional(),
            partition: z.int().min(0).optional(),
            /** The replayed job's state: empty (a new job from the given position) or its last checkpoint. */
            state: z.enum(['empty', 'checkpoint']).default('empty'),
          })
          .superRefine((r, ctx) => {
            const given = (r.offset === undefined ? 0 : 1) + (r.timestamp === undefined ? 0 : 1);
            if (r.state === 'checkpoint') {
              // Flink and Spark both take the positions from the restored state, not from the caller.
              if (given > 0 || r.partition !== undefined) {
                const field = r.offset !== undefined ? 'offset' : r.timestamp !== undefined ? 'timestamp' : 'partition';
                ctx.addIssue({ code: 'custom', path: [field], message: 'must be left out with state "checkpoint": a restore reads on from the positions stored in the checkpoint' });
              }
            } else if (given !== 1) {
              ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of offset or timestamp' });
            }
          }),
      ).max(1000),
      1000,
    ).default([]),
  })
  .superRefine((c, ctx) => {
    // zod runs this refinement even when `count` broke its range (that issue is reported on its
    // own): never build the member list from an out-of-range count (1e9 members exhausts memory).
    if (!Number.isInteger(c.count) || c.count < 0 || c.count > LIMITS.consumers) return;
    const initial = new Set(Array.from({ length: c.count }, (_, i) => `c${i}`));
    const members = c.count === 0 ? 'there are no members at the start' : c.count === 1 ? 'the member at the start is c0' : `members at the start are c0..c${c.count - 1}`;
    const joined = new Map<string, number>();
    c.joins.forEach((j, i) => {
      if (initial.has(j.consumer)) ctx.addIssue({ code: 'custom', path: ['joins', i, 'consumer'], message: `"${j.consumer}" is already a member from the start (${members})` });
      else if (joined.has(j.consumer)) ctx.addIssue({ code: 'custom', path: ['joins', i, 'consumer'], message: `"${j.consumer}" joins twice` });
      else joined.set(j.consumer, j.at);
    });
    const known = (id: string) => initial.has(id) || joined.has(id);
    for (const [list, name] of [[c.crashes, 'crashes'], [c.leaves, 'leaves']] as const) {
      list.forEach((e, i) => {
        if (!known(e.consumer)) ctx.addIssue({ code: 'custom', path: [name, i, 'consumer'], message: `no consumer "${e.consumer}" (${members}, plus any in joins)` });
        else if (joined.has(e.consumer) && e.at < (joined.get(e.consumer) ?? 0)) ctx.addIssue({ code: 'custom', path: [name, i, 'at'], message: `"${e.consumer}" has not joined yet at ${e.at}` });
      });
    }
  });
export type ConsumersSpec = z.output<typeof consumersSchema>;

const microBatchSchema = z.strictObject({
  interval: positiveMs().default(1000),
  outputMode: z.enum(['append', 'update']).default('append'),
});


const scenarioBase = z.strictObject({
    version: z.literal(SCENARIO_VERSION),
    id: identifier().default('untitled'),
    title: text(200).default('Untitled scenario'),
    description: text().optional(),
    /** Narration for guided mode: the story is `description`; these are what to notice and the steps. */
    lesson: lessonSchema.optional(),
    seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    /**
     * Virtual ms of traffic from generated producers (default 60,000 when there are any);
     * the run goes on until all input is read.
     */
    duration: positiveMs().max(LIMITS.durationMs).optional(),
    topic: z
      .strictObject({ name: identifier().default('events'), partitions: z.int().min(1).max(LIMITS.partitions).default(1) })
      .prefault({}),
    producers: bounded(z.array(producerSchema).min(1, { message: 'needs at least one producer' }).max(32), 32),
    consumers: consumersSchema.prefault({}),
    processor: processorSchema.prefault({}),
    microBatch: microBatchSchema.prefault({}),
});

export const scenarioSchema = scenarioBase.superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.producers.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['producers', i, 'id'], message: `"${p.id}" is used by another producer` });
      seen.add(p.id);
    });
    s.consumers.replays.forEach((r, i) => {
      if (r.partition !== undefined && r.partition >= s.topic.partitions) {
        ctx.addIssue({ code: 'custom', path: ['consumers', 'replays', i, 'partition'], message: `must be < topic.partitions (${s.topic.partitions})` });
      }
    });
    const p = s.processor;
    if (p.guarantee === 'exactlyOnce' && (p.semantics === 'flink' || p.semantics === 'beam') && !p.checkpoint) {
      // A transactional sink commits when a checkpoint completes: without checkpoints it never would.
      ctx.addIssue({ code: 'custom', path: ['processor', 'guarantee'], message: `"exactlyOnce" under ${p.semantics} needs processor.checkpoint: its transactional sink commits when a checkpoint completes` });
    }
    if (s.processor.window.type === 'session' && s.microBatch.outputMode === 'update') {
      // Spark Structured Streaming refuses this combination, so Streamlab does too.
      ctx.addIssue({ code: 'custom', path: ['microBatch', 'outputMode'], message: 'must be "append" with session windows (Spark does not support update mode for them)' });
    }
    // A rough budget before any work: the expected number of generated events.
    let expected = 0;
    s.producers.forEach((p) => {
      if (p.type !== 'generated') return;
      const stop = p.stop ?? s.duration ?? DEFAULT_DURATION;
      expected += (p.rate * Math.max(0, stop - p.start)) / 1000;
    });
    if (expected > LIMITS.events) {
      ctx.addIssue({
        code: 'custom',
        path: ['producers'],
        message: `would generate about ${Math.round(expected).toLocaleString('en-US')} events; the limit is 5,000,000 (lower a rate or the duration)`,
      });
      return;
    }
    checkTickBudget(s, expected, ctx);
  });

/** A scenario as its parts checked it, before the checks across parts. */
export type ScenarioShape = z.output<typeof scenarioBase>;

export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file may contain before defaults are filled in. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
