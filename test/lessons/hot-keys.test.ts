/**
 * Lesson 16, hot-keys: every number its narration states. The clicks are generated, so shares,
 * lag and watermark times come from the run's log and the streaming job's per-partition
 * watermarks; the share of ad-0 is also derived by hand from the Zipf weights, and the claim that
 * more partitions and consumers leave a hot key in one place is checked on a variant run.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/engine/index';
import { lagAt, lessonDoc, questionAt, runDoc, sampledLagAt } from './lesson-helpers';

const doc = lessonDoc('hot-keys');
const { scenario, run } = runDoc(doc);
const rec = run.log.records;
const keyOf = (r: Run, i: number) => r.log.keys[r.log.records.key[i]];

/** The first time partition p's own streaming watermark reaches `w`. */
function partitionReaches(p: number, w: number): number {
  const log = run.modes.streaming.partitionWatermarks;
  const i = log.time.findIndex((_, j) => log.partition[j] === p && log.watermark[j] >= w);
  if (i < 0) throw new Error(`partition ${p} never reaches ${w}`);
  return log.time[i];
}

describe('lesson hot-keys: what it states is what the engine does', () => {
  it('ad-0 gets about two thirds of 44 clicks a second (about 29), all on partition 2, alone there', () => {
    // Zipf skew 2 over 8 keys: weight of key i is 1/(i+1)^2; ad-0's share is 1/H, H = sum of 1/k^2 for k = 1..8.
    let h = 0;
    for (let k = 1; k <= 8; k++) h += 1 / k ** 2;
    expect(1 / h).toBeCloseTo(0.6547, 4);
    expect(Math.round(44 / h)).toBe(29);
    const hot = Array.from({ length: rec.length }, (_, i) => i).filter((i) => keyOf(run, i) === 'ad-0');
    expect(hot.length / rec.length).toBeGreaterThan(0.6); // the run's own draw: about two thirds
    expect(hot.length / rec.length).toBeLessThan(0.7);
    expect(new Set(hot.map((i) => rec.partition[i]))).toEqual(new Set([2]));
    for (let i = 0; i < rec.length; i++) if (rec.partition[i] === 2) expect(keyOf(run, i)).toBe('ad-0');
    // The group: 4 members at 20 a second each = 80 a second.
    expect(scenario.consumers.count * (scenario.consumers.capacity ?? 0)).toBe(80);
  });

  it('step 1: lag grows on partition 2 only, 116 at 10.9 s (in the log and on the lag chart)', () => {
    const q = questionAt(scenario, 3000);
    expect(q.choices[q.answer]).toBe("Grow on ad-0's partition only");
    expect(q.revealAt).toBe(10_890);
    expect([0, 1, 2, 3].map((p) => lagAt(run, 10_890, p))).toEqual([0, 0, 116, 0]);
    expect(sampledLagAt(run, 10_890)).toEqual([0, 0, 116, 0]);
  });

  it('step 2: partition 1 passes 9,999 at 11.2 s, partition 2 at 17 s, and every ad fires [0 s, 10 s) at 17.2 s', () => {
    const q = questionAt(scenario, 11_000);
    expect(q.choices[q.answer]).toBe('When partition 2 does too: 17.2 s');
    expect(q.explain?.choices[q.explain.answer]).toBe("The job's watermark is the minimum over partitions");
    expect(partitionReaches(1, 9_999)).toBe(11_190); // 11.2 s
    expect(partitionReaches(2, 9_999)).toBe(17_048); // 17 s
    // Flink's rule: the minimum over partitions reaches 9,999 with partition 2, on the next 200 ms tick.
    const first = run.modes.streaming.results.filter((r) => r.window.start === 0 && r.window.end === 10_000);
    expect(new Set(first.map((r) => r.key)).size).toBe(8);
    expect(new Set(first.map((r) => r.emittedAt))).toEqual(new Set([17_200]));
  });

  it("step 3: partition 2's lag is 285 at 30 s while the others wait with none", () => {
    expect([0, 1, 2, 3].map((p) => lagAt(run, 30_008, p))).toEqual([0, 0, 285, 0]);
    expect(sampledLagAt(run, 30_008)).toEqual([0, 0, 285, 0]);
  });

  it('step 3 remedy: salting; 8 partitions and 8 consumers still leave ad-0 on one lagging partition', () => {
    const q = questionAt(scenario, 30_008);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toMatch(/^Salt ad-0/);
    const wider = runDoc({ ...doc, topic: { partitions: 8 }, consumers: { ...(doc.consumers as object), count: 8 } }).run;
    const parts = new Set<number>();
    for (let i = 0; i < wider.log.records.length; i++) if (keyOf(wider, i) === 'ad-0') parts.add(wider.log.records.partition[i]);
    expect(parts.size).toBe(1);
    const [hotPartition] = [...parts];
    expect(lagAt(wider, 30_000, hotPartition)).toBeGreaterThan(100); // still far behind
  });

  it('step 4: streaming drops nothing; micro-batch drops 843 ad-0 clicks as late, all from partition 2', () => {
    expect(run.modes.streaming.counters.droppedLate).toBe(0);
    const drops = run.modes.microbatch.dropped;
    expect(drops).toHaveLength(843);
    expect(drops.every((d) => d.key === 'ad-0' && d.partition === 2 && d.reason === 'late')).toBe(true);
  });
});
