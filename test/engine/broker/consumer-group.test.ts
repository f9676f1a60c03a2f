import { describe, it, expect } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/load';
import type { Scenario } from '../../../src/engine/scenario/schema';
import { createRun } from '../../../src/engine/simulation/run';
import { REDELIVERY } from '../../../src/engine/broker/deliveries';
import { partitionForKey } from '../../../src/engine/broker/partitioner';
import type { GroupRun } from '../../../src/engine/broker/consumer-group';
import type { TopicLog } from '../../../src/engine/broker/topic-log';

function scenario(doc: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

// Keys with partitions known by hand (Kafka UtilsTest.testMurmur2 values, h & 0x7fffffff):
//   'foobar'                     -> 1357151166: even -> p0 of 2; digit sum 36 -> p0 of 3
//   'a-little-bit-longer-string' -> 661178819:  odd  -> p1 of 2
//   'a-little-bit-long-string'   -> 1161502112: digit sum 20 -> 20 % 3 = 2 -> p2 of 3
const K0 = 'foobar';
const K1 = 'a-little-bit-longer-string';
const K2of3 = 'a-little-bit-long-string';

const rec = (key: string, arrivalTime: number) => ({ key, value: 1, eventTime: arrivalTime, arrivalTime });

/** Runs a scenario with one scripted producer and returns the group's reads. */
function groupOf(entries: unknown[], rest: Record<string, unknown>): { log: TopicLog; group: GroupRun } {
  const run = createRun(scenario({ producers: [{ id: 's', type: 'scripted', entries }], ...rest }));
  return { log: run.log, group: run.group };
}

interface Read {
  time: number;
  partition: number;
  /** Record offset, or 'marker'. */
  offset: number | 'marker';
  member: string;
  redelivery: number;
}

function reads({ log, group }: { log: TopicLog; group: GroupRun }): Read[] {
  const d = group.deliveries;
  return Array.from({ length: d.length }, (_, i) => {
    const item = d.item.get(i);
    return {
      time: d.time.get(i),
      partition: d.partition.get(i),
      offset: item >= 0 ? log.records.offset[item] : ('marker' as const),
      member: group.memberIds[d.member.get(i)],
      redelivery: d.redelivery.get(i),
    };
  });
}

const { FIRST, AFTER_CRASH, AFTER_SEEK } = REDELIVERY;

describe('consumer group: reading', () => {
  it('checks the hand-derived partitions of the test keys', () => {
    expect(partitionForKey(K0, 2)).toBe(0);
    expect(partitionForKey(K1, 2)).toBe(1);
    expect(partitionForKey(K0, 3)).toBe(0);
    expect(partitionForKey(K2of3, 3)).toBe(2);
  });

  it('with unlimited capacity delivers each record at its append time', () => {
    const g = groupOf([rec(K0, 100), rec(K0, 200), rec(K0, 300)], {});
    expect(reads(g)).toEqual([
      { time: 100, partition: 0, offset: 0, member: 'c0', redelivery: FIRST },
      { time: 200, partition: 0, offset: 1, member: 'c0', redelivery: FIRST },
      { time: 300, partition: 0, offset: 2, member: 'c0', redelivery: FIRST },
    ]);
  });

  it('with unlimited capacity reads a generated topic once, at append time, by the range owner', () => {
    const run = createRun(
      scenario({
        seed: 9,
        duration: 10_000,
        topic: { partitions: 3 },
        producers: [{ id: 'g', type: 'generated', rate: 30, keys: { count: 15 }, duplicates: { rate: 0.2 } }],
        consumers: { count: 2 },
      }),
    );
    const d = run.group.deliveries;
    const r = run.log.records;
    // Range with 3 partitions and members c0, c1: c0 [0, 1], c1 [2].
    const owner = ['c0', 'c0', 'c1'];
    const seen = new Uint8Array(r.length);
    for (let i = 0; i < d.length; i++) {
      const row = d.item.get(i);
      expect(d.redelivery.get(i)).toBe(FIRST);
      expect(d.time.get(i)).toBe(r.appendedAt[row]);
      expect(run.group.memberIds[d.member.get(i)]).toBe(owner[r.partition[row]]);
      seen[row]++;
    }
    expect(d.length).toBe(r.length);
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('with capacity C reads at most C records per second and lag grows under backlog', () => {
    // Ten records 50 ms apart (20/s) into one partition; capacity 10/s = one read per 100 ms.
    const arrivals = Array.from({ length: 10 }, (_, i) => 50 * i);
    const g = groupOf(
      arrivals.map((t) => rec(K0, t)),
      { consumers: { count: 1, capacity: 10 } },
    );
    // Read k happens at max(append time 50k, previous read + 100) = 100k.
    expect(reads(g).map((x) => x.time)).toEqual(arrivals.map((_, k) => 100 * k));
    expect(reads(g).map((x) => x.offset)).toEqual(arrivals.map((_, k) => k));
    const lag = g.group.lag;
    const lagAt = (t: number) => {
      const s = Array.from(lag.time).indexOf(t);
      expect(s).toBeGreaterThanOrEqual(0);
      return lag.logEndOffset[s] - lag.position[s];
    };
    // At 250: appended 0..250 = 6 records, read at 0, 100, 200 = 3 -> lag 3.
    expect(lagAt(250)).toBe(3);
    // At 450: all 10 appended, read at 0..400 = 5 -> lag 5.
    expect(lagAt(450)).toBe(5);
  });

  it('with 0 consumers delivers nothing', () => {
    const g = groupOf([rec(K0, 100), { watermark: 50 }, rec(K0, 200)], { consumers: { count: 0 } });
    expect(g.group.deliveries.length).toBe(0);
    // No members: no rebalance at all, and nothing to commit.
    expect(g.group.events).toEqual([]);
    expect(g.group.commits).toEqual([]);
  });
});

describe('consumer group: commits', () => {
  it('commits every commitInterval the next offset to read, only when it changed', () => {
    const g = groupOf([rec(K0, 500), { watermark: 0, arrivalTime: 600 }, rec(K0, 1500), rec(K0, 3500)], {
      consumers: { count: 1, commitInterval: 1000 },
    });
    expect(g.group.commits).toEqual([
      // At 1000 the record (offset 0) and the marker are read: next offset 1.
      { time: 1000, partition: 0, offset: 1 },
      // At 2000 offset 1 (appended 1500) is read too: next offset 2.
      { time: 2000, partition: 0, offset: 2 },
      // At 3000 nothing new was read: no commit. At 4000 offset 2 (3500) is read: next 3.
      { time: 4000, partition: 0, offset: 3 },
    ]);
  });
});

describe('consumer group: crash and restart', () => {
  // Two partitions, c0 owns p0 and c1 owns p1 (range, 2 / 2). c0 crashes at 1800 for 1000 ms.
  const g = groupOf(
    [
      rec(K0, 300), // p0 offset 0
      rec(K1, 400), // p1 offset 0
      rec(K0, 700), // p0 offset 1
      rec(K0, 1200), // p0 offset 2
      rec(K0, 1600), // p0 offset 3
      rec(K1, 1900), // p1 offset 1
      rec(K0, 2100), // p0 offset 4
      rec(K1, 2200), // p1 offset 2
      rec(K0, 2600), // p0 offset 5
    ],
    {
      topic: { partitions: 2 },
      consumers: { count: 2, commitInterval: 1000, crashes: [{ consumer: 'c0', at: 1800, downtime: 1000 }] },
    },
  );

  it('stops the crashed member, then re-reads from its last commit with AFTER_CRASH', () => {
    expect(reads(g)).toEqual([
      { time: 300, partition: 0, offset: 0, member: 'c0', redelivery: FIRST },
      { time: 400, partition: 1, offset: 0, member: 'c1', redelivery: FIRST },
      { time: 700, partition: 0, offset: 1, member: 'c0', redelivery: FIRST },
      // The commit at 1000 stored p0 offset 2 (offsets 0, 1 read).
      { time: 1200, partition: 0, offset: 2, member: 'c0', redelivery: FIRST },
      { time: 1600, partition: 0, offset: 3, member: 'c0', redelivery: FIRST },
      // c0 is down in [1800, 2800): only c1 reads, its partition is unaffected.
      { time: 1900, partition: 1, offset: 1, member: 'c1', redelivery: FIRST },
      { time: 2200, partition: 1, offset: 2, member: 'c1', redelivery: FIRST },
      // Restart at 2800 from committed offset 2: offsets 2, 3 were read before the crash
      // (redelivered), 4 and 5 were appended during the downtime (first reads), all at once.
      { time: 2800, partition: 0, offset: 2, member: 'c0', redelivery: AFTER_CRASH },
      { time: 2800, partition: 0, offset: 3, member: 'c0', redelivery: AFTER_CRASH },
      { time: 2800, partition: 0, offset: 4, member: 'c0', redelivery: FIRST },
      { time: 2800, partition: 0, offset: 5, member: 'c0', redelivery: FIRST },
    ]);
  });

  it('does not commit for a crashed member', () => {
    expect(g.group.commits).toEqual([
      { time: 1000, partition: 0, offset: 2 },
      { time: 1000, partition: 1, offset: 1 },
      // At 2000 c0 is down: only p1 (offsets 0, 1 read) commits.
      { time: 2000, partition: 1, offset: 2 },
      // At 3000 both have read everything: p0 6 records, p1 3.
      { time: 3000, partition: 0, offset: 6 },
      { time: 3000, partition: 1, offset: 3 },
    ]);
  });

  it('records crash and restart events', () => {
    expect(g.group.events.map((e) => [e.time, e.type, e.member])).toEqual([
      [0, 'rebalance', undefined],
      [1800, 'crash', 'c0'],
      [2800, 'restart', 'c0'],
    ]);
  });
});

describe('consumer group: leave and join', () => {
  it('a graceful leave commits first, so the rebalance re-reads nothing', () => {
    const g = groupOf([rec(K0, 300), rec(K1, 400), rec(K1, 1200), rec(K0, 1300), rec(K0, 1700), rec(K1, 1800)], {
      topic: { partitions: 2 },
      consumers: { count: 2, commitInterval: 1000, leaves: [{ consumer: 'c1', at: 1500 }] },
    });
    expect(reads(g)).toEqual([
      { time: 300, partition: 0, offset: 0, member: 'c0', redelivery: FIRST },
      { time: 400, partition: 1, offset: 0, member: 'c1', redelivery: FIRST },
      { time: 1200, partition: 1, offset: 1, member: 'c1', redelivery: FIRST },
      { time: 1300, partition: 0, offset: 1, member: 'c0', redelivery: FIRST },
      { time: 1700, partition: 0, offset: 2, member: 'c0', redelivery: FIRST },
      // After c1 left, c0 owns p1 and continues at offset 2: no re-read.
      { time: 1800, partition: 1, offset: 2, member: 'c0', redelivery: FIRST },
    ]);
    expect(g.group.events).toEqual([
      { time: 0, type: 'rebalance', detail: { c0: [0], c1: [1] } },
      { time: 1500, type: 'leave', member: 'c1' },
      { time: 1500, type: 'rebalance', detail: { c0: [0, 1] } },
    ]);
    expect(g.group.commits).toEqual([
      { time: 1000, partition: 0, offset: 1 },
      { time: 1000, partition: 1, offset: 1 },
      // The leaving member commits p1 (offsets 0, 1 read), then the rebalance commits c0's p0.
      { time: 1500, partition: 1, offset: 2 },
      { time: 1500, partition: 0, offset: 2 },
      { time: 2000, partition: 0, offset: 3 },
      { time: 2000, partition: 1, offset: 3 },
    ]);
  });

  it('a join rebalances with range assignment over the sorted member ids', () => {
    const g = groupOf([rec(K0, 500), rec(K2of3, 600), rec(K2of3, 1500), rec(K0, 1600), rec(K2of3, 2500)], {
      topic: { partitions: 3 },
      consumers: {
        count: 1,
        joins: [
          { consumer: 'c1', at: 1000 },
          { consumer: 'b', at: 2000 },
        ],
      },
    });
    const rebalances = g.group.events.filter((e) => e.type === 'rebalance');
    expect(rebalances).toEqual([
      // Alone, c0 takes all three partitions.
      { time: 0, type: 'rebalance', detail: { c0: [0, 1, 2] } },
      // [c0, c1]: floor(3/2) = 1 each, the first 3 % 2 = 1 member one extra -> c0 [0, 1], c1 [2].
      { time: 1000, type: 'rebalance', detail: { c0: [0, 1], c1: [2] } },
      // Sorted ['b', 'c0', 'c1'] ('b' < 'c'): one partition each in that order.
      { time: 2000, type: 'rebalance', detail: { b: [0], c0: [1], c1: [2] } },
    ]);
    expect(g.group.events.filter((e) => e.type === 'join').map((e) => [e.time, e.member])).toEqual([
      [1000, 'c1'],
      [2000, 'b'],
    ]);
    expect(reads(g)).toEqual([
      { time: 500, partition: 0, offset: 0, member: 'c0', redelivery: FIRST },
      { time: 600, partition: 2, offset: 0, member: 'c0', redelivery: FIRST },
      // After the join at 1000, p2 belongs to c1, which continues at offset 1.
      { time: 1500, partition: 2, offset: 1, member: 'c1', redelivery: FIRST },
      { time: 1600, partition: 0, offset: 1, member: 'c0', redelivery: FIRST },
      { time: 2500, partition: 2, offset: 2, member: 'c1', redelivery: FIRST },
    ]);
  });
});

describe('consumer group: replays', () => {
  it('replay by offset re-delivers from that offset with AFTER_SEEK', () => {
    const g = groupOf([rec(K0, 100), rec(K0, 200), rec(K0, 300), rec(K0, 400)], {
      consumers: { count: 1, replays: [{ at: 1000, offset: 1 }] },
    });
    const first = [100, 200, 300, 400].map((time, offset) => ({ time, partition: 0, offset, member: 'c0', redelivery: FIRST }));
    expect(reads(g)).toEqual([
      ...first,
      // Seek to offset 1 at 1000: offsets 1, 2, 3 again, at once (unlimited capacity).
      { time: 1000, partition: 0, offset: 1, member: 'c0', redelivery: AFTER_SEEK },
      { time: 1000, partition: 0, offset: 2, member: 'c0', redelivery: AFTER_SEEK },
      { time: 1000, partition: 0, offset: 3, member: 'c0', redelivery: AFTER_SEEK },
    ]);
    expect(g.group.events.filter((e) => e.type === 'seek')).toEqual([{ time: 1000, type: 'seek', detail: { '0': 1 } }]);
    // The seek commits its target at once.
    expect(g.group.commits[0]).toEqual({ time: 1000, partition: 0, offset: 1 });
  });

  it('replay by offset on one partition leaves the others alone', () => {
    const g = groupOf([rec(K0, 100), rec(K1, 200), rec(K1, 300)], {
      topic: { partitions: 2 },
      consumers: { count: 1, replays: [{ at: 1000, offset: 0, partition: 1 }] },
    });
    expect(reads(g).filter((x) => x.redelivery !== FIRST)).toEqual([
      { time: 1000, partition: 1, offset: 0, member: 'c0', redelivery: AFTER_SEEK },
      { time: 1000, partition: 1, offset: 1, member: 'c0', redelivery: AFTER_SEEK },
    ]);
  });

  it('replay by timestamp seeks each partition to its first record appended at or after it', () => {
    const g = groupOf([rec(K0, 100), rec(K1, 200), rec(K0, 300), rec(K1, 400)], {
      topic: { partitions: 2 },
      consumers: { count: 1, replays: [{ at: 1000, timestamp: 200 }] },
    });
    // p0 holds 100 (offset 0), 300 (offset 1): first at or after 200 is offset 1.
    // p1 holds 200 (offset 0), 400 (offset 1): 200 itself counts ("at or after") -> offset 0.
    expect(g.group.events.filter((e) => e.type === 'seek')).toEqual([{ time: 1000, type: 'seek', detail: { '0': 1, '1': 0 } }]);
    // c0 reads the oldest pending entry first: p1 @200, p0 @300, p1 @400.
    expect(reads(g).filter((x) => x.redelivery !== FIRST)).toEqual([
      { time: 1000, partition: 1, offset: 0, member: 'c0', redelivery: AFTER_SEEK },
      { time: 1000, partition: 0, offset: 1, member: 'c0', redelivery: AFTER_SEEK },
      { time: 1000, partition: 1, offset: 1, member: 'c0', redelivery: AFTER_SEEK },
    ]);
  });
});
