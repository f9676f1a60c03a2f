import { describe, it, expect } from 'vitest';
import {
  assign,
  rangeAssign,
  roundRobinAssign,
  type AssignmentStrategy,
} from '../../../src/engine/broker/assignors';

// Expected assignments are derived by hand from Kafka's documented behaviour:
// - RangeAssignor javadoc (apache/kafka clients/src/main/java/org/apache/kafka/clients/consumer/RangeAssignor.java):
//   consumers in lexicographic order, floor(N/M) each, the first N%M get one extra;
//   example "C0: [t0p0, t0p1, t1p0, t1p1], C1: [t0p2, t1p2]" -> for topic t0 alone C0: [0, 1], C1: [2].
// - RoundRobinAssignor javadoc (same package, RoundRobinAssignor.java): consumers sorted,
//   partitions dealt in turn; for t0 alone C0 gets t0p0, C1 t0p1, C0 t0p2 -> C0: [0, 2], C1: [1].
// - Single-topic cases of RangeAssignorTest / RoundRobinAssignorTest
//   (apache/kafka clients/src/test/java/org/apache/kafka/clients/consumer/).

describe('rangeAssign', () => {
  it('reproduces the RangeAssignor javadoc example for one topic', () => {
    // N=3, M=2: floor(3/2)=1 each, 3%2=1 -> C0 takes one extra: C0 [0,1], C1 [2].
    expect(rangeAssign(['C0', 'C1'], 3)).toEqual(
      new Map([
        ['C0', [0, 1]],
        ['C1', [2]],
      ]),
    );
  });

  it('matches RangeAssignorTest single-topic cases', () => {
    // testOneConsumerOneTopic: consumer1 gets all of topic1's 3 partitions.
    expect(rangeAssign(['consumer1'], 3)).toEqual(new Map([['consumer1', [0, 1, 2]]]));
    // testTwoConsumersOneTopicOnePartition: consumer1 [p0], consumer2 [].
    expect(rangeAssign(['consumer1', 'consumer2'], 1)).toEqual(
      new Map([
        ['consumer1', [0]],
        ['consumer2', []],
      ]),
    );
    // testTwoConsumersOneTopicTwoPartitions: consumer1 [p0], consumer2 [p1].
    expect(rangeAssign(['consumer1', 'consumer2'], 2)).toEqual(
      new Map([
        ['consumer1', [0]],
        ['consumer2', [1]],
      ]),
    );
  });

  it('sorts unsorted member ids before handing out ranges', () => {
    // Sorted: alice, bob, charlie. N=7, M=3: floor=2, 7%3=1 -> alice 3, bob 2, charlie 2.
    // alice [0,1,2], bob [3,4], charlie [5,6].
    const result = rangeAssign(['charlie', 'alice', 'bob'], 7);
    expect(result).toEqual(
      new Map([
        ['alice', [0, 1, 2]],
        ['bob', [3, 4]],
        ['charlie', [5, 6]],
      ]),
    );
    expect([...result.keys()]).toEqual(['alice', 'bob', 'charlie']);
  });

  it('leaves the surplus members empty when there are more members than partitions', () => {
    // Sorted m1..m5, N=3: floor(3/5)=0, 3%5=3 -> m1, m2, m3 get one each; m4, m5 get none.
    expect(rangeAssign(['m3', 'm1', 'm5', 'm4', 'm2'], 3)).toEqual(
      new Map([
        ['m1', [0]],
        ['m2', [1]],
        ['m3', [2]],
        ['m4', []],
        ['m5', []],
      ]),
    );
  });

  it('gives the first N % M members the extra partition', () => {
    // N=10, M=4: floor=2, 10%4=2 -> a [0,1,2], b [3,4,5], c [6,7], d [8,9].
    expect(rangeAssign(['d', 'c', 'b', 'a'], 10)).toEqual(
      new Map([
        ['a', [0, 1, 2]],
        ['b', [3, 4, 5]],
        ['c', [6, 7]],
        ['d', [8, 9]],
      ]),
    );
  });

  it('orders ids by UTF-16 code unit like Java String.compareTo, not by locale', () => {
    // Code units: '1'=0x31 < '9'=0x39 < 'B'=0x42 < 'a'=0x61 < 'b'=0x62, so the order is
    // "10", "9", "B", "a", "b" (a locale sort would put "a" before "B" and may put "9" first).
    // N=7, M=5: floor=1, 7%5=2 -> "10" [0,1], "9" [2,3], "B" [4], "a" [5], "b" [6].
    const result = rangeAssign(['b', 'B', 'a', '10', '9'], 7);
    expect([...result.keys()]).toEqual(['10', '9', 'B', 'a', 'b']);
    expect(result.get('10')).toEqual([0, 1]);
    expect(result.get('9')).toEqual([2, 3]);
    expect(result.get('B')).toEqual([4]);
    expect(result.get('a')).toEqual([5]);
    expect(result.get('b')).toEqual([6]);
  });

  it('returns an empty map when there are no members', () => {
    expect(rangeAssign([], 5).size).toBe(0);
  });

  it('gives every member an empty list when the topic has no partitions', () => {
    // Like RangeAssignorTest.testOneConsumerNonexistentTopic: the member is present, empty.
    expect(rangeAssign(['x', 'y'], 0)).toEqual(
      new Map([
        ['x', []],
        ['y', []],
      ]),
    );
  });
});

describe('roundRobinAssign', () => {
  it('reproduces the RoundRobinAssignor javadoc example restricted to one topic', () => {
    // Deal 0 -> C0, 1 -> C1, 2 -> C0: C0 [0,2], C1 [1].
    expect(roundRobinAssign(['C0', 'C1'], 3)).toEqual(
      new Map([
        ['C0', [0, 2]],
        ['C1', [1]],
      ]),
    );
  });

  it('matches RoundRobinAssignorTest single-topic cases', () => {
    // testOneConsumerOneTopic: all 3 partitions to the only consumer.
    expect(roundRobinAssign(['consumer'], 3)).toEqual(new Map([['consumer', [0, 1, 2]]]));
    // testTwoConsumersOneTopicOnePartition: consumer1 [p0], consumer2 [].
    expect(roundRobinAssign(['consumer1', 'consumer2'], 1)).toEqual(
      new Map([
        ['consumer1', [0]],
        ['consumer2', []],
      ]),
    );
    // testTwoConsumersOneTopicTwoPartitions: consumer1 [p0], consumer2 [p1].
    expect(roundRobinAssign(['consumer1', 'consumer2'], 2)).toEqual(
      new Map([
        ['consumer1', [0]],
        ['consumer2', [1]],
      ]),
    );
  });

  it('sorts unsorted member ids before dealing', () => {
    // Sorted: alice, bob, charlie. Deal 0..6: a b c a b c a
    // -> alice [0,3,6], bob [1,4], charlie [2,5] (range would give alice [0,1,2]).
    const result = roundRobinAssign(['charlie', 'alice', 'bob'], 7);
    expect(result).toEqual(
      new Map([
        ['alice', [0, 3, 6]],
        ['bob', [1, 4]],
        ['charlie', [2, 5]],
      ]),
    );
    expect([...result.keys()]).toEqual(['alice', 'bob', 'charlie']);
  });

  it('leaves the surplus members empty when there are more members than partitions', () => {
    // Deal 0 -> m1, 1 -> m2, 2 -> m3; m4 and m5 are never reached.
    expect(roundRobinAssign(['m5', 'm4', 'm3', 'm2', 'm1'], 3)).toEqual(
      new Map([
        ['m1', [0]],
        ['m2', [1]],
        ['m3', [2]],
        ['m4', []],
        ['m5', []],
      ]),
    );
  });

  it('orders ids by UTF-16 code unit like Java String.compareTo', () => {
    // Order "10", "9", "B", "a", "b" (see the range test). Deal 0..6:
    // "10" [0,5], "9" [1,6], "B" [2], "a" [3], "b" [4].
    expect(roundRobinAssign(['b', 'B', 'a', '10', '9'], 7)).toEqual(
      new Map([
        ['10', [0, 5]],
        ['9', [1, 6]],
        ['B', [2]],
        ['a', [3]],
        ['b', [4]],
      ]),
    );
  });

  it('returns an empty map when there are no members', () => {
    expect(roundRobinAssign([], 5).size).toBe(0);
  });

  it('gives every member an empty list when the topic has no partitions', () => {
    expect(roundRobinAssign(['x'], 0)).toEqual(new Map([['x', []]]));
  });
});

describe('both assignors', () => {
  const strategies: Array<[string, typeof rangeAssign]> = [
    ['rangeAssign', rangeAssign],
    ['roundRobinAssign', roundRobinAssign],
  ];

  it.each(strategies)('%s hands out each partition exactly once, sorted, balanced within one', (_, fn) => {
    for (let m = 1; m <= 6; m++) {
      const members = Array.from({ length: m }, (_, i) => `member-${m - i}`);
      for (let n = 0; n <= 13; n++) {
        const result = fn(members, n);
        expect(result.size).toBe(m);
        const all = [...result.values()].flat().sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, p) => p));
        const sizes = [...result.values()].map((ps) => ps.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const ps of result.values()) {
          expect(ps).toEqual([...ps].sort((a, b) => a - b));
        }
      }
    }
  });

  it.each(strategies)('%s does not reorder the caller’s member array', (_, fn) => {
    const members = ['c', 'a', 'b'];
    fn(members, 4);
    expect(members).toEqual(['c', 'a', 'b']);
  });

  it.each(strategies)('%s rejects duplicate member ids', (_, fn) => {
    expect(() => fn(['a', 'b', 'a'], 3)).toThrow(RangeError);
    expect(() => fn(['a', 'b', 'a'], 3)).toThrow(/members/);
  });

  it.each(strategies)('%s rejects a partition count that is negative or fractional', (_, fn) => {
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fn(['a'], bad)).toThrow(RangeError);
      expect(() => fn(['a'], bad)).toThrow(/partitions/);
    }
  });
});

describe('assign', () => {
  it('dispatches "range" to the RangeAssignor behaviour', () => {
    // N=5, M=2: floor=2, 5%2=1 -> a [0,1,2], b [3,4].
    expect(assign('range', ['b', 'a'], 5)).toEqual(
      new Map([
        ['a', [0, 1, 2]],
        ['b', [3, 4]],
      ]),
    );
  });

  it('dispatches "roundRobin" to the RoundRobinAssignor behaviour', () => {
    // Deal 0..4: a b a b a -> a [0,2,4], b [1,3].
    expect(assign('roundRobin', ['b', 'a'], 5)).toEqual(
      new Map([
        ['a', [0, 2, 4]],
        ['b', [1, 3]],
      ]),
    );
  });

  it('rejects an unknown strategy name arriving from untyped input', () => {
    const bogus = 'sticky' as unknown as AssignmentStrategy;
    expect(() => assign(bogus, ['a'], 1)).toThrow(RangeError);
  });
});
