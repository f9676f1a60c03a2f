import { describe, it, expect } from 'vitest';
import { partitionForKey } from '../../../src/engine/broker/partitioner';

// Kafka's own partitioner tests (DefaultPartitionerTest, BuiltInPartitionerTest in
// apache/kafka clients/src/test/java/org/apache/kafka/clients/producer/internals)
// only check that a key's partition is stable; they publish no key -> partition pairs.
// So the expected partitions below are worked out by hand from the murmur2 values in
// apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java
// (testMurmur2), using Kafka's rule toPositive(h) % n with toPositive(h) = h & 0x7fffffff.
//
// For a negative int32 h, clearing the sign bit adds 2^31 = 2147483648:
//   "21"                         -973932308 + 2147483648 = 1173551340
//   "foobar"                     -790332482 + 2147483648 = 1357151166
//   "a-little-bit-long-string"   -985981536 + 2147483648 = 1161502112
//   "a-little-bit-longer-string" -1486304829 + 2147483648 = 661178819
//   "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"
//                                -58897971 + 2147483648 = 2088585677
// Then the moduli by the usual rules:
//   % 3  = digit sum % 3:  1173551340 -> 30 -> 0;  1357151166 -> 36 -> 0;
//                          1161502112 -> 20 -> 2;  661178819  -> 47 -> 2;
//                          2088585677 -> 56 -> 2
//   % 4  = last two digits % 4:  40 -> 0;  66 -> 2;  12 -> 0;  19 -> 3;  77 -> 1
//   % 10 = last digit:            0;  6;  2;  9;  7
const cases: ReadonlyArray<readonly [string, { 3: number; 4: number; 10: number }]> = [
  ['21', { 3: 0, 4: 0, 10: 0 }],
  ['foobar', { 3: 0, 4: 2, 10: 6 }],
  ['a-little-bit-long-string', { 3: 2, 4: 0, 10: 2 }],
  ['a-little-bit-longer-string', { 3: 2, 4: 3, 10: 9 }],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', { 3: 2, 4: 1, 10: 7 }],
];

describe('partitionForKey', () => {
  it.each(cases)('places %j where Kafka would', (key, expected) => {
    expect(partitionForKey(key, 3)).toBe(expected[3]);
    expect(partitionForKey(key, 4)).toBe(expected[4]);
    expect(partitionForKey(key, 10)).toBe(expected[10]);
  });

  it('clears the sign bit rather than taking the absolute value', () => {
    // With Math.abs, "foobar" would give 790332482 % 10 = 2 and "21" would give
    // 973932308 % 10 = 8; Kafka's mask gives 6 and 0 (see the table above).
    expect(partitionForKey('foobar', 10)).toBe(6);
    expect(partitionForKey('21', 10)).toBe(0);
  });

  it('handles a partition count that is not a small divisor', () => {
    // "foobar": 1357151166 % 50 depends only on the last two digits: 66 - 50 = 16.
    // "lkjh…":  2088585677 % 100 = 77 (last two digits).
    expect(partitionForKey('foobar', 50)).toBe(16);
    expect(partitionForKey('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', 100)).toBe(77);
  });

  it('sends every key to partition 0 of a single-partition topic', () => {
    for (const [key] of cases) expect(partitionForKey(key, 1)).toBe(0);
  });

  it('always lands in [0, partitions)', () => {
    for (let n = 1; n <= 17; n++) {
      for (const key of ['', 'a', 'user-42', '\u00e9t\u00e9', '\u{1f600}']) {
        const p = partitionForKey(key, n);
        expect(Number.isInteger(p) && p >= 0 && p < n).toBe(true);
      }
    }
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects partitions = %s with a RangeError naming the argument',
    (bad) => {
      expect(() => partitionForKey('k', bad)).toThrow(RangeError);
      expect(() => partitionForKey('k', bad)).toThrow(/partitions/);
    },
  );
});
