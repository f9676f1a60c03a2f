/**
 * Consumer-group partition assignment for a single topic, following Kafka's
 * built-in `RangeAssignor` and `RoundRobinAssignor` (the eager, pre-KIP-848
 * strategies; static membership and rack awareness are not modelled).
 *
 * Both results are `Map<memberId, partitions>` whose keys are inserted in
 * sorted member order, so iterating the map is deterministic.
 */

export type AssignmentStrategy = 'range' | 'roundRobin';

/**
 * Kafka's RangeAssignor for one topic with `partitions` partitions (0..N-1).
 * Members are sorted by id; each gets `floor(N / M)` consecutive partitions and
 * the first `N % M` members get one extra.
 *
 * @throws RangeError on duplicate member ids or a `partitions` that is not a
 *   non-negative integer.
 * @example
 * // Kafka's javadoc example, one topic: C0 -> [0, 1], C1 -> [2]
 * rangeAssign(['C1', 'C0'], 3); // Map { 'C0' => [0, 1], 'C1' => [2] }
 */
export function rangeAssign(members: readonly string[], partitions: number): Map<string, number[]> {
  const sorted = sortedMembers(members);
  checkPartitions(partitions);
  const result = new Map<string, number[]>();
  if (sorted.length === 0) return result;

  const perMember = Math.floor(partitions / sorted.length);
  const withExtra = partitions % sorted.length;
  sorted.forEach((member, i) => {
    // Same arithmetic as Kafka: the i-th member starts after the i earlier
    // members' base shares plus however many of them took an extra partition.
    const start = perMember * i + Math.min(i, withExtra);
    const count = perMember + (i < withExtra ? 1 : 0);
    result.set(member, Array.from({ length: count }, (_, j) => start + j));
  });
  return result;
}

/**
 * Kafka's RoundRobinAssignor for one topic: members sorted by id, partitions
 * dealt out 0, 1, 2, … to each member in turn.
 *
 * @throws RangeError on duplicate member ids or a `partitions` that is not a
 *   non-negative integer.
 * @example
 * roundRobinAssign(['b', 'a'], 5); // Map { 'a' => [0, 2, 4], 'b' => [1, 3] }
 */
export function roundRobinAssign(members: readonly string[], partitions: number): Map<string, number[]> {
  const sorted = sortedMembers(members);
  checkPartitions(partitions);
  const result = new Map<string, number[]>();
  for (const member of sorted) result.set(member, []);
  if (sorted.length === 0) return result;

  for (let p = 0; p < partitions; p++) {
    result.get(sorted[p % sorted.length])!.push(p);
  }
  return result;
}

/**
 * Dispatch to the named strategy.
 *
 * @example
 * assign('range', ['C0', 'C1'], 3); // Map { 'C0' => [0, 1], 'C1' => [2] }
 */
export function assign(
  strategy: AssignmentStrategy,
  members: readonly string[],
  partitions: number,
): Map<string, number[]> {
  switch (strategy) {
    case 'range':
      return rangeAssign(members, partitions);
    case 'roundRobin':
      return roundRobinAssign(members, partitions);
    default: {
      // Unreachable for typed callers; guards values that arrive from JSON scenarios.
      const unknown: never = strategy;
      throw new RangeError(`unknown assignment strategy: ${String(unknown)}`);
    }
  }
}

/**
 * A sorted copy of the member ids. Java's `String.compareTo` orders by UTF-16
 * code unit, which is what `<` does on JS strings (unlike `localeCompare`).
 * Duplicates are rejected because a Map would silently merge them.
 */
function sortedMembers(members: readonly string[]): string[] {
  const sorted = [...members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new RangeError(`members must be distinct, got "${sorted[i]}" twice`);
    }
  }
  return sorted;
}

// Zero is allowed: a topic that does not exist yet gives every member an empty list,
// as in Kafka's testOneConsumerNonexistentTopic.
function checkPartitions(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 0) {
    throw new RangeError(`partitions must be a non-negative integer, got ${String(partitions)}`);
  }
}
