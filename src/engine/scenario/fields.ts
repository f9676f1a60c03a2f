/**
 * The scenario format's building blocks: its version, limits and default length, and the field
 * checks every part uses (whole virtual milliseconds with their rule in words, bounded lists,
 * identifiers, text).
 */
import { z } from 'zod';

export const SCENARIO_VERSION = 1;

/** Traffic length for generated producers when the scenario gives no duration. */
export const DEFAULT_DURATION = 60_000;

/** The largest safe integer stands for +infinity in watermarks (as Long.MAX_VALUE does in Flink). */
export const WATERMARK_MAX = Number.MAX_SAFE_INTEGER;

// Budget limits, checked by the schema so no file can ask for unbounded work.
export const LIMITS = {
  partitions: 256,
  consumers: 64,
  keys: 100_000,
  durationMs: 24 * 3600 * 1000,
  ratePerSecond: 1_000_000,
  scriptedEntries: 200_000,
  textLength: 10_000,
  /** Event times and window offsets stay within +/- 10^13 ms (about 300 years). */
  eventTime: 10_000_000_000_000,
  /** Timer ticks (micro-batches, watermark emissions, commits) one run may need. */
  ticks: 2_000_000,
  /** Events a scenario may generate. */
  events: 5_000_000,
  /** Checkpoints times partitions: the positions a run keeps for its checkpoints. */
  checkpointPositions: 2_000_000,
} as const;

export const finite = () => z.number().finite();

/**
 * A list whose length is checked before its items: a file with a million entries where a
 * thousand are allowed is turned away at once, not after a million item checks.
 */
export function bounded<T extends z.ZodType>(array: T, max: number) {
  return z.preprocess((value, ctx) => {
    if (Array.isArray(value) && value.length > max) ctx.issues.push({ code: 'too_big', origin: 'array', maximum: max, inclusive: true, input: value, message: `must have at most ${max} items` });
    return value;
  }, array);
}
/**
 * Whole milliseconds from `min` to `max`, each bound answered with its rule in words: a learner
 * reads these under the field they typed in. zod's own range check for integers (the largest
 * safe integer) gets the field's rule too, so 1e20 is told the field's limit, not 2^53 - 1.
 */
export function wholeMs(min: number, max: number, tooSmall: string, tooBig: string) {
  return z
    .int({
      error: (issue) => {
        if (issue.code === 'too_big') return tooBig;
        if (issue.code === 'too_small') return tooSmall;
        const input: unknown = issue.input;
        return typeof input === 'number' && Number.isFinite(input) ? 'must be a whole number of milliseconds' : undefined;
      },
    })
    .min(min, { error: tooSmall })
    .max(max, { error: tooBig });
}
export const DAY_LIMIT = 'must be at most 86,400,000 ms (24 hours)';
/** A point or span of virtual time in whole milliseconds. */
export const EVENT_TIME_LIMIT = 'must be within ±10,000,000,000,000 ms (about 300 years)';
export const ms = () => wholeMs(-LIMITS.eventTime, LIMITS.eventTime, EVENT_TIME_LIMIT, EVENT_TIME_LIMIT);
/** A point in virtual processing time: no later than the longest run allowed. */
export const nonNegativeMs = () => wholeMs(0, LIMITS.durationMs, 'must be 0 ms or more, not negative', DAY_LIMIT);
export const positiveMs = () => wholeMs(1, LIMITS.durationMs, 'must be a positive number of milliseconds (at least 1 ms)', DAY_LIMIT);
export const fraction = () => z.number().min(0).max(1);
export const text = (max: number = LIMITS.textLength) => z.string().max(max);
export const identifier = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'must use only letters, digits and _ . : -' });
