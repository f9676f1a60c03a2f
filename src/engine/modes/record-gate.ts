/**
 * What every mode does to a record before windowing: dead-letter payloads that fail the
 * event schema, and (when dedup is on) drop an event id seen within the time-to-live.
 * Each mode has its own gate, so each keeps its own dedup state.
 *
 * `check` returns a verdict that names the rule it applied and the numbers it compared, so the
 * read path can record it as a decision (decisions/decision-log.ts).
 */
import type { TopicLog } from '../broker/topic-log';
import { ruleIndex } from '../decisions/decision-log';
import { FLAG } from '../producers/produced';

export type GateOutcome = 'ok' | 'malformed' | 'duplicate';

/**
 * One gate verdict. The gate returns the same object from every `check` (no allocation per
 * record): read it before the next check.
 */
export interface GateVerdict {
  outcome: GateOutcome;
  /** ruleIndex of 'gate.malformed', 'gate.schema-version' or 'gate.dedup-ttl'; -1 for ok. */
  rule: number;
  /**
   * What was compared: for dedup the check's processing time; for a schema version the record's
   * version; NaN for a malformed payload (a flag, no number).
   */
  clock: number;
  /**
   * What it was compared with: for dedup the time until which the id is remembered (a duplicate
   * when it is later than `clock`); NaN otherwise (the versions read are in `GateOptions.accepted`).
   */
  threshold: number;
}

export interface GateOptions {
  dedup: { enabled: boolean; ttl: number };
  /** Per producer: whether the processor can parse its schema version. */
  producerParsable: readonly boolean[];
  /** Per producer: its schema version. */
  producerVersion: readonly number[];
  /** The schema versions the processor reads. */
  accepted: readonly number[];
}

const MALFORMED = ruleIndex('gate.malformed');
const SCHEMA = ruleIndex('gate.schema-version');
const DEDUP = ruleIndex('gate.dedup-ttl');

export class RecordGate {
  /**
   * Per event: processing time until which its id is remembered (an id is kept for ttl ms
   * after it was last let through). Event numbers are dense, so an array serves as the map.
   */
  private readonly rememberedUntil: Float64Array | null;
  private held = 0;
  private readonly verdict: GateVerdict = { outcome: 'ok', rule: -1, clock: NaN, threshold: NaN };

  constructor(
    private readonly log: TopicLog,
    readonly options: GateOptions,
  ) {
    this.rememberedUntil = options.dedup.enabled ? new Float64Array(log.eventCount).fill(-Infinity) : null;
  }

  /** Distinct ids the dedup state has had to hold so far: the cost of dedup. */
  get stateSize(): number {
    return this.held;
  }

  /** A payload the processor cannot parse: flagged malformed, or of a schema version it does not read. */
  unparsable(row: number): boolean {
    const records = this.log.records;
    return (records.flags[row] & FLAG.MALFORMED) !== 0 || !this.options.producerParsable[records.producer[row]];
  }

  /** `unparsable` may be passed by a caller that already computed it for this row. */
  check(row: number, now: number, unparsable = this.unparsable(row)): GateVerdict {
    const records = this.log.records;
    const v = this.verdict;
    if (unparsable) {
      v.outcome = 'malformed';
      v.threshold = NaN;
      if ((records.flags[row] & FLAG.MALFORMED) !== 0) {
        v.rule = MALFORMED;
        v.clock = NaN;
      } else {
        v.rule = SCHEMA;
        v.clock = this.options.producerVersion[records.producer[row]];
      }
      return v;
    }
    v.outcome = 'ok';
    v.rule = -1;
    v.clock = NaN;
    v.threshold = NaN;
    const until = this.rememberedUntil;
    if (!until) return v;
    const id = records.eventNo[row];
    if (until[id] > now) {
      v.outcome = 'duplicate';
      v.rule = DEDUP;
      v.clock = now;
      v.threshold = until[id];
      return v;
    }
    if (until[id] === -Infinity) this.held++;
    until[id] = now + this.options.dedup.ttl;
    return v;
  }
}
