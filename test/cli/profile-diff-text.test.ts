/**
 * The CLI's comparison text (issue 13): a window whose final values are equal is not counted as
 * a window whose result differs, and each rule sentence of the "Why" list is said once.
 */
import { describe, expect, test } from 'vitest';
import { profile, type ProfileComparison, type ProfileWindowDiff } from '../../src/engine/index';
import { formatComparison } from '../../src/cli/profile-diff-text';

const F = profile('flink').rules;
const K = profile('kafka-streams').rules;

function diff(start: number, a: number, b: number, rule: string): ProfileWindowDiff {
  return {
    key: 'user-7',
    window: { start, end: start + 10_000 },
    truth: a,
    a: { final: a, emissions: [{ at: start + 1000, value: a, firing: 'on-time' }] },
    b: { final: b, emissions: [{ at: start + 500, value: b, firing: 'update' }] },
    rule,
  };
}

describe('formatComparison', () => {
  // Three windows differ in their emissions; only [0 s, 10 s) and [10 s, 20 s) end with different
  // values (3 against 6, 4 against 5); [20 s, 30 s) ends with 1 in both, emitted at other moments.
  const c: ProfileComparison = {
    profiles: ['flink', 'kafka-streams'],
    windows: 4,
    differing: [
      diff(0, 3, 6, `Flink ends with 3, Kafka Streams with 6. ${F.fires} ${K.fires} ${F.late} ${K.late}`),
      diff(10_000, 4, 5, `Flink ends with 4, Kafka Streams with 5. ${F.fires} ${K.fires} ${F.late} ${K.late}`),
      diff(20_000, 1, 1, `Same values at different moments. ${F.fires} ${K.fires}`),
    ],
    droppedLate: [4, 1],
  };
  const text = formatComparison(c);

  test('counts the windows whose values differ apart from those that only differ in timing', () => {
    expect(text).toContain('2 of 4 windows end with different values in Flink and Kafka Streams (streaming mode); 1 more ends with the same value, emitted differently.');
  });

  test('says each rule sentence once', () => {
    for (const sentence of [F.fires, K.fires, F.late, K.late]) expect(text.split(sentence).length - 1, sentence).toBe(1);
    // Each window's own lead sentence stays.
    expect(text).toContain('Flink ends with 4, Kafka Streams with 5.');
    expect(text).toContain('Same values at different moments.');
  });
});
