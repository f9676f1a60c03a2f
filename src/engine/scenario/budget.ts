/**
 * Budgets checked before any work: a scenario whose timers would tick without end, or whose
 * checkpoints would keep too many positions, is refused with the knob to change.
 */
import type { z } from 'zod';
import { DEFAULT_DURATION, LIMITS } from './fields';
import type { ScenarioShape } from './schema';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Periodic timers (micro-batches, watermark emission, commits) run until every record is read,
 * so a long run with a tiny interval, or a consumer too slow to ever drain, means unbounded
 * work. Estimate the run's length and refuse before any work is done.
 */
export function checkTickBudget(s: ScenarioShape, expectedGenerated: number, ctx: z.RefinementCtx): void {
  let horizon = s.duration ?? (s.producers.some((p) => p.type === 'generated') ? DEFAULT_DURATION : 0);
  let records = expectedGenerated;
  for (const p of s.producers) {
    if (p.type === 'generated') {
      horizon = Math.max(horizon, p.stop ?? 0, ...p.outages.map((o) => o.to));
      continue;
    }
    let clock = 0;
    for (const e of p.entries) {
      if ('processingTime' in e) clock = Math.max(clock, e.processingTime);
      else {
        clock = Math.max(clock + 1, e.arrivalTime ?? 0);
        if (!('watermark' in e)) records++;
      }
    }
    horizon = Math.max(horizon, clock);
  }
  const c = s.consumers;
  horizon = Math.max(horizon, ...c.crashes.map((x) => x.at + x.downtime), ...c.joins.map((x) => x.at), ...c.leaves.map((x) => x.at), ...c.replays.map((x) => x.at));
  // A time beyond the limit is already reported on its own field.
  if (horizon > LIMITS.durationMs * 2) return;
  if (c.capacity !== undefined) {
    // Worst case: one consumer reads everything (others may have left or crashed).
    const drain = (records / c.capacity) * 1000;
    if (drain > LIMITS.durationMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['consumers', 'capacity'],
        message: `at ${c.capacity} records/s the group could need ${fmt(drain / 1000)} s of virtual time to read about ${fmt(records)} records; raise the capacity`,
      });
      return;
    }
    horizon = Math.max(horizon, drain);
  }
  const w = s.processor.watermark;
  const timers: [number, (string | number)[], string][] = [
    [s.microBatch.interval, ['microBatch', 'interval'], 'microBatch.interval'],
    [c.commitInterval, ['consumers', 'commitInterval'], 'consumers.commitInterval'],
  ];
  if (w.type === 'boundedOutOfOrderness' && w.interval > 0) timers.push([w.interval, ['processor', 'watermark', 'interval'], 'processor.watermark.interval']);
  if (s.processor.checkpoint) timers.push([s.processor.checkpoint.interval, ['processor', 'checkpoint', 'interval'], 'processor.checkpoint.interval']);
  const cp = s.processor.checkpoint;
  // Each checkpoint keeps every partition's position (the page draws them): bound that table too.
  if (cp && (horizon / cp.interval) * s.topic.partitions > LIMITS.checkpointPositions) {
    ctx.addIssue({
      code: 'custom',
      path: ['processor', 'checkpoint', 'interval'],
      message: `about ${fmt(horizon / cp.interval)} checkpoints of ${s.topic.partitions} partitions would keep ${fmt((horizon / cp.interval) * s.topic.partitions)} positions (the limit is ${fmt(LIMITS.checkpointPositions)}); raise the interval`,
    });
    return;
  }
  const ticks = timers.reduce((sum, [interval]) => sum + horizon / interval, 0);
  if (ticks > LIMITS.ticks) {
    const [, path, name] = timers.reduce((a, b) => (b[0] < a[0] ? b : a));
    ctx.addIssue({
      code: 'custom',
      path,
      message: `about ${fmt(horizon)} ms of virtual time would need ${fmt(ticks)} timer ticks (the limit is ${fmt(LIMITS.ticks)}); raise ${name} or shorten the scenario`,
    });
  }
}
