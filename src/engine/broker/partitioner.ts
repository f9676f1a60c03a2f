/**
 * Kafka's default partition choice for a record that has a key.
 *
 * Keyless records (sticky / round-robin placement) are not handled here: they
 * depend on producer state, and this module is a pure function of its inputs.
 */

import { murmur2, utf8 } from './murmur2';

/**
 * The partition Kafka's default partitioner picks for a string key:
 * `toPositive(murmur2(utf8(key))) % partitions`, where `toPositive(n)` is
 * `n & 0x7fffffff` (Kafka clears the sign bit rather than taking `Math.abs`,
 * so the result differs from `abs` for negative hashes; we must match it).
 *
 * @throws RangeError if `partitions` is not a positive integer.
 * @example
 * partitionForKey('foobar', 10); // 6  ((-790332482 & 0x7fffffff) = 1357151166)
 */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a positive integer, got ${String(partitions)}`);
  }
  return (murmur2(utf8(key)) & 0x7fffffff) % partitions;
}
