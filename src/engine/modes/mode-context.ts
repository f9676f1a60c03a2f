/** What every mode reads: the scenario, the broker's log, the group's reads and the clock. */
import type { TopicLog } from '../broker/topic-log';
import type { Deliveries } from '../broker/deliveries';
import type { Scenario } from '../scenario/schema';
import type { VirtualClock } from '../time/virtual-clock';
import { createAggregate, type Aggregate } from '../aggregates/accumulator';
import { tumbling } from '../windows/tumbling';
import { sliding } from '../windows/sliding';
import type { WindowAssignment } from '../windows/window-operator';
import type { GateOptions } from './record-gate';

export interface ModeContext {
  scenario: Scenario;
  log: TopicLog;
  deliveries: Deliveries;
  clock: VirtualClock;
  /** Processing time when the group has read everything it will read. */
  endTime: number;
  /** Rank of each key in sorted order, for the order of simultaneous firings. */
  keyRank: Int32Array;
  schemaVersions: readonly number[];
}

/** What a mode needs besides its reads and clock (batch mode needs nothing more). */
export type ModeBase = Pick<ModeContext, 'scenario' | 'log' | 'keyRank' | 'schemaVersions'>;

export function windowAssignment(scenario: Scenario): WindowAssignment {
  const w = scenario.processor.window;
  switch (w.type) {
    case 'tumbling':
      return { type: 'time', assigner: tumbling(w.size, w.offset) };
    case 'sliding':
      return { type: 'time', assigner: sliding(w.size, w.slide, w.offset) };
    case 'session':
      return { type: 'session', gap: w.gap };
  }
}

export function aggregateFor(ctx: ModeBase): Aggregate {
  const types = ctx.log.types;
  return createAggregate(ctx.scenario.processor.aggregate, (name) => types.indexOf(name));
}

export function gateOptions(ctx: ModeBase): GateOptions {
  const versions = ctx.scenario.processor.schemaVersions;
  const accepted = new Set(versions);
  return {
    dedup: ctx.scenario.processor.dedup,
    producerParsable: ctx.schemaVersions.map((v) => accepted.has(v)),
    producerVersion: ctx.schemaVersions,
    accepted: versions,
  };
}

export function rankKeys(keys: readonly string[]): Int32Array {
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  const rank = new Int32Array(keys.length);
  order.forEach((k, r) => (rank[k] = r));
  return rank;
}
