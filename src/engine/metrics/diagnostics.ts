/**
 * Plain-language notes on why a run looks the way it does, for the CLI summary and the UI:
 * the surprises a learner would otherwise have to dig for.
 */
import type { Run } from '../simulation/run';

export function diagnostics(run: Run): string[] {
  const notes: string[] = [];
  const { log, scenario } = run;
  const P = log.partitions.length;
  const empty = log.partitions.map((p, i) => (p.records === 0 ? i : -1)).filter((i) => i >= 0);
  const idleTimeout = scenario.processor.watermark.idleTimeout;
  if (P > 1 && empty.length > 0 && log.records.length > 0 && idleTimeout === undefined) {
    notes.push(
      `Partition${empty.length > 1 ? 's' : ''} ${empty.join(', ')} received no records, so the streaming watermark (the minimum over partitions) ` +
        `never passed -infinity before the end of input. Set processor.watermark.idleTimeout, or use more keys.`,
    );
  }
  const { crashes } = scenario.consumers;
  for (const c of crashes) {
    if (c.at + c.downtime > run.inputEndTime) {
      notes.push(`Consumer ${c.consumer} crashed at ${c.at} ms and was still down at the end of input; its records stay in flight.`);
    }
  }
  if (scenario.consumers.count === 0 && scenario.consumers.joins.length === 0) {
    notes.push('The consumer group has no members, so the streaming and micro-batch modes read nothing.');
  }
  const s = run.modes.streaming.counters;
  if (s.recounted > 0) {
    notes.push(`${s.recounted} records read again after a crash or seek were counted twice by the at-least-once sink; exactly-once or dedup would prevent it.`);
  }
  return notes;
}
