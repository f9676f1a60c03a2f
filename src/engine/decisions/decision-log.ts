/**
 * Decisions as data. Every trigger, lateness, dedup and schema check returns a verdict that
 * names the rule it applied and the numbers it compared; the operators append the verdicts that
 * change an outcome (a firing, a drop, a late acceptance, a dead letter) here. Explanations
 * ("why was this dropped?", "why did this window fire?") are built from this record and
 * nothing else, so it must be complete; it is columnar, like the trace, so it stays cheap.
 *
 * A `continue` verdict (the trigger waits) is returned to the operator but not recorded: it is
 * the default for every element, and recording it would double the cost of a run.
 */
import { Column } from '../trace/columns';

/** What a check decided. */
export const VERDICT = {
  /** A trigger fired: emit a pane and keep the window's contents. */
  FIRE: 0,
  /** A trigger fired and the contents are cleared (discarding accumulation). */
  FIRE_AND_PURGE: 1,
  /** A trigger waits. Returned, never recorded. */
  CONTINUE: 2,
  /** The element is past the window's on-time point but within allowed lateness (grace): kept. */
  LATE_ACCEPTED: 3,
  /** The element is past the window's allowed lateness (grace): dropped from that window. */
  LATE_DROPPED: 4,
  /** The event id was seen within the dedup time-to-live: dropped. */
  DUPLICATE: 5,
  /** The payload cannot be parsed, or its schema version is not read: dead-lettered. */
  DEAD_LETTERED: 6,
} as const;
export type Verdict = (typeof VERDICT)[keyof typeof VERDICT];
export const VERDICT_NAMES = ['fire', 'fire-and-purge', 'continue', 'late-accepted', 'late-dropped', 'duplicate', 'dead-lettered'] as const;

/**
 * The rules a verdict can name. The index is what the log stores; the name is stable and is
 * what explanations and exports use. Add new rules at the end.
 */
export const RULES = [
  // Triggers
  'trigger.on-time', // the watermark (or stream time) reached the window's on-time point
  'trigger.early-interval', // Flink ContinuousProcessingTimeTrigger-style early firing
  'trigger.element-count', // Beam elementCountAtLeast sub-trigger
  'trigger.processing-time', // Beam AfterProcessingTime sub-trigger
  'trigger.on-element', // fire on every element (Kafka Streams without suppression)
  'trigger.late-element', // a late element into a window still within its lateness
  'trigger.expiry-flush', // Beam: pending late data goes out when the window expires
  'trigger.end-of-input', // batch, micro-batch or a final +infinity watermark
  // Lateness
  'lateness.flink', // dropped when end - 1 + allowedLateness <= watermark
  'lateness.beam', // dropped when end + allowedLateness <= watermark
  'lateness.kafka-streams', // dropped when end + grace <= stream time
  'lateness.spark', // dropped from a window when its end <= the batch's watermark (Spark before 3.4)
  // Gates
  'gate.malformed',
  'gate.schema-version',
  'gate.dedup-ttl',
] as const;
export type RuleName = (typeof RULES)[number];
const RULE_INDEX = new Map<string, number>(RULES.map((name, i) => [name, i]));

/** The index of a rule name, for the hot paths that append many verdicts. */
export function ruleIndex(name: RuleName): number {
  return RULE_INDEX.get(name) as number;
}

/** One decision, read back from the log. */
export interface Decision {
  /** Processing time of the decision. */
  time: number;
  verdict: (typeof VERDICT_NAMES)[number];
  rule: RuleName;
  /** The record the decision is about (-1 for a trigger firing a whole window). */
  row: number;
  /** Key index (-1 when not about one key). */
  key: number;
  /** The window judged ([NaN, NaN) when none). */
  windowStart: number;
  windowEnd: number;
  /** The clock compared: the watermark, stream time or the dedup check's processing time. */
  clock: number;
  /** What it was compared with: the lateness threshold, the on-time point, the dedup expiry. */
  threshold: number;
}

export class DecisionLog {
  readonly time = new Column(Float64Array, 256);
  readonly verdict = new Column(Int32Array, 256);
  readonly rule = new Column(Int32Array, 256);
  readonly row = new Column(Int32Array, 256);
  readonly key = new Column(Int32Array, 256);
  readonly windowStart = new Column(Float64Array, 256);
  readonly windowEnd = new Column(Float64Array, 256);
  readonly clock = new Column(Float64Array, 256);
  readonly threshold = new Column(Float64Array, 256);

  get length(): number {
    return this.time.length;
  }

  /** Appends one verdict; `rule` is a ruleIndex(). */
  record(time: number, verdict: Verdict, rule: number, row: number, key: number, windowStart: number, windowEnd: number, clock: number, threshold: number): void {
    this.time.push(time);
    this.verdict.push(verdict);
    this.rule.push(rule);
    this.row.push(row);
    this.key.push(key);
    this.windowStart.push(windowStart);
    this.windowEnd.push(windowEnd);
    this.clock.push(clock);
    this.threshold.push(threshold);
  }

  at(i: number): Decision {
    return {
      time: this.time.data[i],
      verdict: VERDICT_NAMES[this.verdict.data[i]],
      rule: RULES[this.rule.data[i]],
      row: this.row.data[i],
      key: this.key.data[i],
      windowStart: this.windowStart.data[i],
      windowEnd: this.windowEnd.data[i],
      clock: this.clock.data[i],
      threshold: this.threshold.data[i],
    };
  }

  /** The decisions about one record, in the order they were made. */
  forRow(row: number): Decision[] {
    const out: Decision[] = [];
    const rows = this.row.data;
    for (let i = 0; i < this.length; i++) if (rows[i] === row) out.push(this.at(i));
    return out;
  }
}
