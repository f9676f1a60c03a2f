/**
 * Each mode says when its last timer fires after its input ends, and the run ends when the last
 * of them has fired. Worked out by hand: the input ends when the group reads the last record,
 * at its arrival, 1250. Flink's periodic watermark tick comes on multiples of its interval (the
 * first at or after 1250); Spark's last batch is the first multiple of microBatch.interval after
 * 1250; Kafka Streams has no timers.
 */
import { describe, expect, it } from 'vitest';
import { ev, runToEnd, scripted } from '../../helpers/scripted';

const run = (semantics: string, watermarkInterval: number, batchInterval: number) =>
  runToEnd(
    scripted([ev('k', 1, 10, { arrivalTime: 0 }), ev('k', 1, 20, { arrivalTime: 1250 })], {
      semantics,
      window: { type: 'tumbling', size: 1000 },
      aggregate: 'count',
      watermark: { type: 'boundedOutOfOrderness', bound: 0, interval: watermarkInterval },
    }, { microBatch: { interval: batchInterval } }),
  );

describe('the run ends with the last timer any mode declares', () => {
  it('flink, tick 700, batches 1000: the micro-batch at 2000 is last (the tick comes at 1400)', () => {
    const r = run('flink', 700, 1000);
    expect(r.inputEndTime).toBe(1250);
    expect(r.endTime).toBe(2000);
  });

  it('flink, tick 900, batches 200: the watermark tick at ceil(1250 / 900) * 900 = 1800 is last (the batch comes at 1400)', () => {
    expect(run('flink', 900, 200).endTime).toBe(1800);
  });

  it('kafka-streams, tick 900, batches 200: no watermark tick, so the micro-batch at 1400 is last', () => {
    expect(run('kafka-streams', 900, 200).endTime).toBe(1400);
  });

  it('spark, tick 900, batches 200: both jobs are Spark, the batch at 1400 is last', () => {
    expect(run('spark', 900, 200).endTime).toBe(1400);
  });
});
