/**
 * Batch mode: once all input has arrived, compute every window from the complete log, each
 * record once, in log order. This is the ground truth the other modes are compared with.
 * Malformed payloads and (with dedup on) repeated ids are handled as in the other modes;
 * nothing is late, and every window is emitted once, labelled "final".
 */
import { flinkRules } from '../semantics/flink';
import { VirtualClock } from '../time/virtual-clock';
import { WindowOperator } from '../windows/window-operator';
import { aggregateFor, gateOptions, windowAssignment, type ModeBase } from './mode-context';
import { ModeOutput } from './mode-output';
import { RecordGate } from './record-gate';
import { ReadPath, type ModeRule } from './read-path';

export function runBatch(ctx: ModeBase, at: number): ModeOutput {
  const { log, scenario } = ctx;
  const out = new ModeOutput('batch', log);
  // The batch job runs at one instant, so a dedup time-to-live never runs out within it.
  const path = new ReadPath(log, new RecordGate(log, gateOptions(ctx)));
  const clock = new VirtualClock(at);
  const operator = new WindowOperator({
    windows: windowAssignment(scenario),
    aggregate: aggregateFor(ctx),
    accumulation: 'accumulating',
    trigger: { type: 'onWatermark' },
    allowedLateness: 0,
    keyNames: log.keys,
    keyRank: ctx.keyRank,
    clock,
    emit: out.emit,
    // Batch results are explained too: each one is an end-of-input firing.
    decisions: out.decisions,
    // Batch fires each window once at the end; Flink's session rule (merge on overlap) decides its sessions.
    rules: flinkRules,
  });
  const r = log.records;
  // Nothing is late in batch (the watermark stays at -infinity until the final flush), so every
  // admitted record is counted.
  const rule: ModeRule = {
    marker() {},
    observe() {},
    admit(row) {
      return operator.element(r.key[row], r.eventTime[row], r.value[row], r.type[row], row);
    },
    settled() {},
    get lastWindowStart() {
      return operator.lastWindowStart;
    },
    droppedFrom: null,
  };
  for (let row = 0; row < r.length; row++) path.record(row, r.partition[row], false, at, out, rule);
  operator.flush('final');
  return out;
}
