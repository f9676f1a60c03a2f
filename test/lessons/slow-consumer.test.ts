/**
 * Lesson 14, slow-consumer: every number its narration states. The traffic is generated, so the
 * counts come from the records in the run's log (appended vs first read by the group), checked
 * against the rules they illustrate: a busy member reads `capacity` records a second, a group
 * reads a partition with one member, and the streaming watermark follows what was read.
 */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/engine/index';
import { lagAt, lessonDoc, questionAt, runDoc, sampledLagAt } from './lesson-helpers';

const doc = lessonDoc('slow-consumer');
const { scenario, run } = runDoc(doc);
/** The same scenario without the two joins: c0 reads alone. */
const alone = runDoc({ ...doc, consumers: { ...(doc.consumers as object), joins: [] } }).run;

/** The first read time at or after `from` when nothing appended is left unread. */
function firstZeroLag(r: Run, from: number): number {
  const times = Array.from(r.reads.firstReadAt).filter((t) => t >= from).sort((a, b) => a - b);
  const t = times.find((x) => lagAt(r, x) === 0);
  if (t === undefined) throw new Error('lag never reaches 0');
  return t;
}
const emitted = (key: string, start: number) => run.modes.streaming.results.filter((r) => r.key === key && r.window.start === start && !r.retraction).map((r) => r.emittedAt);
const step = (at: number) => questionAt(scenario, at);

describe('lesson slow-consumer: what it states is what the engine does', () => {
  it('60 views a second from 20 s to 30 s against a capacity of 20 (the scenario, by hand)', () => {
    const [web, promo] = scenario.producers;
    if (web.type !== 'generated' || promo.type !== 'generated') throw new Error('generated producers expected');
    expect(web.rate + promo.rate).toBe(60); // 12 + 48
    expect([promo.start, promo.stop]).toEqual([20_000, 30_000]);
    expect(scenario.consumers.capacity).toBe(20);
    expect(scenario.topic.partitions).toBe(2);
  });

  it('step 1: the unread views wait in the log, lag 321 at 28.8 s, and nothing is dropped as late', () => {
    const q = step(20_000);
    expect(q.choices[q.answer]).toBe('They wait in the log: lag grows');
    // Appended by 28.8 s minus first read by 28.8 s, counted record by record in the log; the
    // lag chart's sample at 28.8 s says the same (145 + 176).
    expect(lagAt(run, 28_800)).toBe(321);
    expect(sampledLagAt(run, 28_800)).toEqual([145, 176]);
    expect(run.log.records.length).toBe(run.counters.appended); // the broker dropped nothing
    expect(run.modes.streaming.counters.droppedLate).toBe(0);
    expect(run.modes.microbatch.counters.droppedLate).toBe(0);
  });

  it('step 2: [10 s, 20 s) fired 3.2 s after it closed, [0 s, 10 s) 1.4 s', () => {
    for (const key of ['home', 'cart']) {
      expect(emitted(key, 0)).toEqual([11_400]); // 11.4 - 10 = 1.4 s
      expect(emitted(key, 10_000)).toEqual([23_200]); // 23.2 - 20 = 3.2 s
    }
  });

  it('step 2 remedy: one reader per partition, c2 gets none and reads nothing, lag 0 at 44.3 s', () => {
    const q = step(28_800);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toMatch(/^Members, up to one per partition/);
    expect(q.explain?.choices[q.explain.answer]).toBe('Each partition has one reader in a group');
    // The rebalance at 30 s (range assignor, 2 partitions, 3 members): c2 gets nothing.
    const last = run.group.events.filter((e) => e.type === 'rebalance' && e.time === 30_000).pop();
    expect(last?.detail).toEqual({ c0: [0], c1: [1], c2: [] });
    const c2 = run.group.memberIds.indexOf('c2');
    expect(Array.from(run.reads.firstReadBy).includes(c2)).toBe(false);
    // Lag first reaches 0 at 44.2 s; at 44.28 s (44.3 s, a lag-chart sample) both counts say 0.
    expect(firstZeroLag(run, 30_000)).toBe(44_200);
    expect(lagAt(run, 44_280)).toBe(0);
    expect(sampledLagAt(run, 44_280)).toEqual([0, 0]);
    expect(q.revealAt).toBe(44_280);
    // capacity x min(members, partitions) = 20 x 2: the group reads no more than 40 a second.
    const readBetween = Array.from(run.reads.firstReadAt).filter((t) => t >= 30_000 && t < 44_200).length;
    expect(readBetween).toBeGreaterThan(20 * 14.2); // faster than one member could
    expect(readBetween).toBeLessThanOrEqual(Math.ceil(40 * 14.2)); // and no faster than two
  });

  it('step 3: [20 s, 30 s) fired at 40 s; freshness had reached 20 s', () => {
    for (const key of ['home', 'cart']) expect(emitted(key, 20_000)).toEqual([40_000]);
    // Freshness = now - newest event time a result already covers. Just before 40 s the newest
    // result is [10 s, 20 s) (emitted at 23.2 s), covering up to 20 s: 40 s - 20 s = 20 s.
    const covered = Math.max(...run.modes.streaming.results.filter((r) => r.emittedAt < 40_000).map((r) => r.window.end));
    expect(covered).toBe(20_000);
  });

  it('step 3 question: alone, c0 gains 8 a second on over 360 and reaches lag 0 at 65.9 s, after the traffic stops', () => {
    const q = step(44_280);
    expect(q.choices[q.answer]).toBe('About 66 s, after traffic stops');
    expect(lagAt(run, 30_000)).toBe(363); // a read at exactly 30 s counted as done
    expect(sampledLagAt(run, 30_000)).toEqual([173, 191]); // the chart samples before that read: 364
    expect(20 - 12).toBe(8); // capacity minus the steady producer's rate
    const zero = firstZeroLag(alone, 30_000);
    expect(zero).toBe(65_880); // 65.9 s
    expect(zero).toBeGreaterThan(scenario.duration ?? 0); // after the producers stop at 60 s
  });
});
