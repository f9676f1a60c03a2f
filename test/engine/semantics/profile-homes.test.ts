/**
 * Each profile's home answers what the UI asks instead of branching on names: its label, its word
 * for the clock, whether it has a watermark, its name for allowed lateness, and sentences with the
 * numbers compared. Expected sentences are written by hand from each engine's rule (docs/semantics.md,
 * "The rules side by side"); `t` writes times as "<n>ms" so the numbers are easy to read.
 */
import { describe, expect, it } from 'vitest';
import { profile, profileNamed, SEMANTICS } from '../../../src/engine/index';

const t = (ms: number) => `${ms}ms`;
const facts = { at: 2000, session: false, lateness: 0 };

describe('profile homes: what each profile says about itself', () => {
  it('names, labels, clock words and lateness names', () => {
    expect(SEMANTICS.map((n) => [profile(n).name, profile(n).label, profile(n).clock, profile(n).hasWatermark, profile(n).latenessName])).toEqual([
      ['flink', 'Flink', 'watermark', true, 'allowed lateness'],
      ['beam', 'Beam', 'watermark', true, 'allowed lateness'],
      // Kafka Streams has no watermark: stream time, and its allowed lateness is "grace".
      ['kafka-streams', 'Kafka Streams', 'stream time', false, 'grace'],
      // Spark has no allowed lateness: a record behind the batch's watermark is dropped.
      ['spark', 'Spark', 'watermark', true, null],
    ]);
  });

  it('only Kafka Streams can suppress; a profile without lateness has no horizon rule; each contrasts with another', () => {
    expect(SEMANTICS.filter((n) => profile(n).suppress)).toEqual(['kafka-streams']);
    expect(SEMANTICS.filter((n) => profile(n).horizonRule === null)).toEqual(['spark']);
    expect(SEMANTICS.map((n) => profile(n).contrast)).toEqual(['kafka-streams', 'flink', 'flink', 'flink']);
  });

  it('profileNamed reads an editor value that may not be a name', () => {
    expect(profileNamed('beam')?.label).toBe('Beam');
    expect(profileNamed('storm')).toBeNull();
    expect(profileNamed(undefined)).toBeNull();
    expect(profileNamed('toString')).toBeNull();
  });
});

describe('late-drop sentences, with the numbers compared', () => {
  it('flink: watermark >= end - 1 + allowed lateness', () => {
    // [0, 10000), L = 1000: threshold 10000 - 1 + 1000 = 10999, computed by the profile when the log has none.
    expect(profile('flink').lateDropped({ ...facts, lateness: 1000, clock: 11000, window: { start: 0, end: 10000 }, threshold: NaN }, t)).toBe(
      'Flink dropped it as late: the watermark (11000ms) had reached the last millisecond of its window [0ms, 10000ms) + allowed lateness (10999ms), so the window no longer took records.',
    );
  });

  it('beam: watermark past end - 1 + allowed lateness, a session judged by its own window', () => {
    expect(profile('beam').lateDropped({ ...facts, session: true, clock: 1500, window: { start: 900, end: 1400 }, threshold: 1399 }, t)).toBe(
      'Beam dropped it as late: the watermark (1500ms) was past the last millisecond of its own session window [900ms, 1400ms) (1399ms).',
    );
  });

  it('kafka-streams: stream time, no watermark; a window and a session', () => {
    const ks = profile('kafka-streams');
    expect(ks.lateDropped({ ...facts, clock: 11000, window: { start: 0, end: 10000 }, threshold: 11000 }, t)).toBe(
      'Kafka Streams dropped it from window [0ms, 10000ms): stream time (11000ms) had reached the window\'s end + grace (11000ms). Kafka Streams has no watermark: stream time is the largest timestamp its task has seen.',
    );
    expect(ks.lateDropped({ ...facts, session: true, clock: 5000, window: { start: 2000, end: 2000 }, threshold: 3500 }, t)).toBe(
      "Kafka Streams dropped it as late: stream time (5000ms) was past its session [2000ms, 2000ms]'s end + gap + grace (3500ms). Kafka Streams has no watermark: stream time is the largest timestamp its task has seen.",
    );
  });

  it("spark: the batch's watermark reached the window's end", () => {
    expect(profile('spark').lateDropped({ ...facts, clock: 1500, window: { start: 0, end: 1000 }, threshold: 1000 }, t)).toBe(
      "When the batch at 2000ms ran, its watermark (1500ms) had reached the end of its window [0ms, 1000ms), so Spark dropped it from that window (Spark has no allowed lateness; the batch's watermark comes from earlier batches).",
    );
  });

  it('a record its producer delayed and still counted, in each profile\'s words', () => {
    expect(profile('flink').lateCounted(1000, false, 5, t)).toBe(
      "Its producer delayed it, but the watermark had not yet reached its window's last millisecond + allowed lateness (1000ms) when it was read, so it was counted.",
    );
    expect(profile('kafka-streams').lateCounted(0, false, 5, t)).toBe("Its producer delayed it, but stream time had not yet reached its window's end when it was read, so it was counted.");
    expect(profile('spark').lateCounted(0, false, 2000, t)).toBe(
      "Its producer delayed it, but the batch's watermark had not yet reached its window's end when the batch at 2000ms ran, so it was counted.",
    );
  });
});
