import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { validateScenario } from '../../../src/engine/scenario/load';
import type { Scenario } from '../../../src/engine/scenario/schema';
import { produceAll } from '../../../src/engine/producers/index';
import { FLAG, type ProducedRecords } from '../../../src/engine/producers/produced';

// Expected values here come from the scenario parameters and the documented rules of a
// generated producer (src/engine/producers/generated.ts, docs/scenario-format.md), never
// from running the code: counts and fractions are checked against rate x duration and the
// configured probabilities, with bounds of about 4 standard deviations.

function scenario(doc: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

/** One generated producer `p` with the given fields on top of the defaults. */
function generated(fields: Record<string, unknown>, extra: Record<string, unknown> = {}): Scenario {
  return scenario({ duration: 60_000, ...extra, producers: [{ id: 'p', type: 'generated', ...fields }] });
}

interface Row {
  producer: number;
  seq: number;
  eventNo: number;
  key: string;
  type: number;
  value: number;
  eventTime: number;
  sentAt: number;
  arrivalTime: number;
  flags: number;
}

function rows(p: ProducedRecords): Row[] {
  return Array.from({ length: p.length }, (_, i) => ({
    producer: p.producer.get(i),
    seq: p.seq.get(i),
    eventNo: p.eventNo.get(i),
    key: p.keys.values[p.key.get(i)],
    type: p.type.get(i),
    value: p.value.get(i),
    eventTime: p.eventTime.get(i),
    sentAt: p.sentAt.get(i),
    arrivalTime: p.arrivalTime.get(i),
    flags: p.flags.get(i),
  }));
}

const produce = (s: Scenario) => rows(produceAll(s).produced);
/** Rows that are events' first sends (a retry's duplicate row excluded). */
const originals = (rs: Row[]) => rs.filter((r) => !(r.flags & FLAG.DUPLICATE));

describe('generated producer: determinism', () => {
  const doc = {
    rate: 50,
    keys: { count: 7, skew: 1 },
    value: { type: 'normal', mean: 10, stddev: 3 },
    eventTypes: { view: 3, click: 1 },
    late: { fraction: 0.1, delay: { type: 'uniform', min: 2000, max: 4000 } },
    outages: [{ from: 5000, to: 7000 }],
    duplicates: { rate: 0.1, retryDelay: 300 },
    malformedRate: 0.05,
  };

  it('gives identical records for the same seed', () => {
    const a = produce(generated(doc, { seed: 11 }));
    const b = produce(generated(doc, { seed: 11 }));
    // Every random choice comes from sub-streams of the scenario seed, so two runs match row for row.
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('gives different records for a different seed', () => {
    const a = produce(generated(doc, { seed: 11 }));
    const b = produce(generated(doc, { seed: 12 }));
    // Another seed gives other Poisson gaps: with ~3000 events the event-time sequences
    // (and values drawn from a continuous normal) cannot coincide.
    expect(b.map((r) => r.eventTime)).not.toEqual(a.map((r) => r.eventTime));
    expect(b.map((r) => r.value)).not.toEqual(a.map((r) => r.value));
  });
});

describe('generated producer: event times and counts', () => {
  it('draws event times in [start, stop) as whole milliseconds', () => {
    const rs = produce(generated({ rate: 200, start: 2000, stop: 7000 }, { duration: 10_000 }));
    for (const r of rs) {
      // eventTime = floor(t) with start <= t < stop, and stop is a whole number.
      expect(Number.isInteger(r.eventTime)).toBe(true);
      expect(r.eventTime).toBeGreaterThanOrEqual(2000);
      expect(r.eventTime).toBeLessThan(7000);
    }
    // At 200/s the mean gap is 5 ms, so the first 100 ms and the last 100 ms of the range
    // are each empty with probability e^-20: the range is filled up to its ends.
    const times = rs.map((r) => r.eventTime);
    expect(Math.min(...times)).toBeLessThan(2100);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(6900);
  });

  it('stops at the scenario duration when stop is omitted', () => {
    const rs = produce(generated({ rate: 100 }, { duration: 3000 }));
    // stop defaults to duration = 3000.
    expect(Math.max(...rs.map((r) => r.eventTime))).toBeLessThan(3000);
  });

  it.each([1, 2, 3, 4, 5])('produces about rate x duration events (seed %i)', (seed) => {
    const rs = produce(generated({ rate: 100 }, { seed, duration: 60_000 }));
    // Poisson count with mean 100/s * 60 s = 6000, sd = sqrt(6000) ~ 77; allow +-300 (~3.9 sd).
    expect(rs.length).toBeGreaterThan(5700);
    expect(rs.length).toBeLessThan(6300);
    // No duplicates configured: one row per event, seq 0, 1, 2, ... in production order.
    expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i));
    expect(new Set(rs.map((r) => r.eventNo)).size).toBe(rs.length);
  });
});

describe('generated producer: late events', () => {
  const s = generated({
    rate: 100,
    delay: { type: 'uniform', min: 0, max: 100 },
    late: { fraction: 0.25, delay: { type: 'uniform', min: 5000, max: 6000 } },
  });
  const rs = produce(s);

  it('flags about the configured fraction as LATE', () => {
    const late = rs.filter((r) => r.flags & FLAG.LATE).length;
    // Binomial(n ~ 6000, 0.25): sd of the fraction = sqrt(0.25 * 0.75 / 6000) ~ 0.0056; allow +-0.025.
    expect(Math.abs(late / rs.length - 0.25)).toBeLessThan(0.025);
  });

  it('draws late delays from the late distribution and others from the normal one', () => {
    const lateDelays: number[] = [];
    for (const r of rs) {
      const d = r.sentAt - r.eventTime;
      if (r.flags & FLAG.LATE) {
        // round(uniform [5000, 6000)) is a whole number in 5000..6000.
        expect(d).toBeGreaterThanOrEqual(5000);
        expect(d).toBeLessThanOrEqual(6000);
        lateDelays.push(d);
      } else {
        // round(uniform [0, 100)) is a whole number in 0..100.
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(100);
      }
      expect(Number.isInteger(d)).toBe(true);
      // No outages: every record reaches the broker when it is sent.
      expect(r.arrivalTime).toBe(r.sentAt);
    }
    // ~1500 late draws spread over the whole [5000, 6000] range.
    expect(Math.min(...lateDelays)).toBeLessThan(5100);
    expect(Math.max(...lateDelays)).toBeGreaterThan(5900);
  });
});

describe('generated producer: outages', () => {
  const outages = [
    { from: 10_000, to: 15_000 },
    { from: 30_000, to: 30_500 },
  ];
  const rs = produce(generated({ rate: 50, delay: { type: 'uniform', min: 0, max: 100 }, outages }, { duration: 40_000 }));

  it('holds records sent during an outage until it ends and flags them BUFFERED', () => {
    const inside = (t: number) => outages.find((o) => t >= o.from && t < o.to);
    let buffered = 0;
    for (const r of rs) {
      const o = inside(r.sentAt);
      if (o) {
        // Sent while offline: reaches the broker exactly when the producer reconnects.
        expect(r.arrivalTime).toBe(o.to);
        expect(r.flags & FLAG.BUFFERED).toBe(FLAG.BUFFERED);
        buffered++;
      } else {
        // Sent while online (including exactly at `to`): arrives when sent, not buffered.
        expect(r.arrivalTime).toBe(r.sentAt);
        expect(r.flags & FLAG.BUFFERED).toBe(0);
      }
    }
    // 5.5 s of outage at 50/s: ~275 buffered records (Poisson sd ~17); clearly some, not all.
    expect(buffered).toBeGreaterThan(200);
    expect(buffered).toBeLessThan(350);
  });
});

describe('generated producer: duplicates', () => {
  const retryDelay = 1000;
  const outage = { from: 20_000, to: 25_000 };
  const rs = produce(
    generated({
      rate: 100,
      delay: { type: 'constant', value: 10 },
      duplicates: { rate: 0.3, retryDelay },
      outages: [outage],
    }),
  );
  const byEvent = new Map<number, Row[]>();
  for (const r of rs) byEvent.set(r.eventNo, [...(byEvent.get(r.eventNo) ?? []), r]);

  it('re-sends an event as a DUPLICATE row with the same eventNo and seq, retryDelay later', () => {
    let straddling = 0;
    for (const group of byEvent.values()) {
      // One send, or one send plus one retry.
      expect(group.length === 1 || group.length === 2).toBe(true);
      const [orig, dup] = group;
      expect(orig.flags & FLAG.DUPLICATE).toBe(0);
      if (!dup) continue;
      expect(dup.flags & FLAG.DUPLICATE).toBe(FLAG.DUPLICATE);
      // Same event: same id parts and payload.
      expect(dup.seq).toBe(orig.seq);
      expect(dup.key).toBe(orig.key);
      expect(dup.value).toBe(orig.value);
      expect(dup.eventTime).toBe(orig.eventTime);
      // Sent retryDelay after the original (before any outage moves its arrival).
      expect(dup.sentAt).toBe(orig.sentAt + retryDelay);
      // Arrival follows the outage rule on the retry's own send time.
      const inOutage = dup.sentAt >= outage.from && dup.sentAt < outage.to;
      expect(dup.arrivalTime).toBe(inOutage ? outage.to : dup.sentAt);
      if (!(orig.sentAt >= outage.from) && inOutage) straddling++;
    }
    // Originals sent in [19000, 20000) have retries sent in the outage: ~100 events * 0.3 = ~30 expected.
    expect(straddling).toBeGreaterThan(5);
  });

  it('duplicates about the configured rate of events', () => {
    const events = byEvent.size;
    const duplicated = [...byEvent.values()].filter((g) => g.length === 2).length;
    // Binomial(~6000, 0.3): sd of the fraction ~ 0.006; allow +-0.025.
    expect(Math.abs(duplicated / events - 0.3)).toBeLessThan(0.025);
    // seq counts events, not rows: the events' seqs are exactly 0..events-1.
    expect(originals(rs).map((r) => r.seq)).toEqual(Array.from({ length: events }, (_, i) => i));
  });
});

describe('generated producer: malformed payloads', () => {
  it('flags about malformedRate of events as MALFORMED', () => {
    const rs = produce(generated({ rate: 100, malformedRate: 0.1 }));
    const malformed = rs.filter((r) => r.flags & FLAG.MALFORMED).length;
    // Binomial(~6000, 0.1): sd of the fraction ~ 0.0039; allow +-0.015.
    expect(Math.abs(malformed / rs.length - 0.1)).toBeLessThan(0.015);
  });

  it('flags nothing with the default rate 0', () => {
    const rs = produce(generated({ rate: 100 }, { duration: 5000 }));
    expect(rs.filter((r) => r.flags & FLAG.MALFORMED)).toEqual([]);
  });
});

describe('generated producer: independent sub-streams', () => {
  const base = {
    rate: 80,
    keys: { count: 20, skew: 0.5 },
    value: { type: 'uniform', min: 0, max: 10 },
    delay: { type: 'uniform', min: 0, max: 200 },
    malformedRate: 0.1,
  };
  const noLate = originals(produce(generated({ ...base, late: { fraction: 0 } }, { seed: 5 })));
  const manyLate = originals(produce(generated({ ...base, late: { fraction: 0.4 } }, { seed: 5 })));

  it('keeps every event, key and value when only late.fraction changes', () => {
    // Event times, keys and values come from the 'time', 'key' and 'value' sub-streams,
    // which the late fraction does not touch.
    expect(manyLate.length).toBe(noLate.length);
    expect(manyLate.map((r) => r.eventTime)).toEqual(noLate.map((r) => r.eventTime));
    expect(manyLate.map((r) => r.key)).toEqual(noLate.map((r) => r.key));
    expect(manyLate.map((r) => r.value)).toEqual(noLate.map((r) => r.value));
    // The knob did act: ~40% of the events are now late, none were before.
    expect(noLate.filter((r) => r.flags & FLAG.LATE)).toEqual([]);
    expect(manyLate.filter((r) => r.flags & FLAG.LATE).length).toBeGreaterThan(0.3 * manyLate.length);
  });

  it('keeps the malformed choices when only late.fraction changes', () => {
    // All three fault numbers are drawn for every event whatever the rates, so the
    // malformed draw of event i is the same number in both runs.
    expect(manyLate.map((r) => r.flags & FLAG.MALFORMED)).toEqual(noLate.map((r) => r.flags & FLAG.MALFORMED));
  });

  it('keeps the late choices when only malformedRate changes', () => {
    const a = originals(produce(generated({ ...base, malformedRate: 0, late: { fraction: 0.3 } }, { seed: 5 })));
    const b = originals(produce(generated({ ...base, malformedRate: 0.5, late: { fraction: 0.3 } }, { seed: 5 })));
    expect(b.map((r) => r.flags & FLAG.LATE)).toEqual(a.map((r) => r.flags & FLAG.LATE));
    expect(b.map((r) => r.sentAt)).toEqual(a.map((r) => r.sentAt));
  });
});

describe('generated producer: keys', () => {
  it('gives the first key the most records under skew, about its Zipf share', () => {
    const rs = produce(generated({ rate: 100, keys: { count: 5, prefix: 'k', skew: 1.5 } }));
    const counts = new Map<string, number>();
    for (const r of rs) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    // Only the five names k0..k4 are used.
    expect([...counts.keys()].sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    const first = counts.get('k0')!;
    for (const k of ['k1', 'k2', 'k3', 'k4']) expect(first).toBeGreaterThan(counts.get(k)!);
    // Weight of key i is 1/(i+1)^1.5: 1, 0.3536, 0.1925, 0.125, 0.0894, sum 1.7604,
    // so k0's share is 1/1.7604 = 0.568 (binomial sd over ~6000 draws ~ 0.0064; allow +-0.03).
    expect(Math.abs(first / rs.length - 0.568)).toBeLessThan(0.03);
  });

  it('uses exactly the listed keys when keys is an array', () => {
    const rs = produce(generated({ rate: 50, keys: ['alpha', 'beta'] }, { duration: 10_000 }));
    // ~500 uniform draws over two keys: both appear, nothing else does.
    expect(new Set(rs.map((r) => r.key))).toEqual(new Set(['alpha', 'beta']));
  });
});

describe('generated producer: rules hold for random parameters', () => {
  const RUNS = 100;
  it(`keeps the time, outage and retry rules (${RUNS} random producers)`, () => {
    const outageArb = fc.array(fc.record({ gapBefore: fc.integer({ min: 0, max: 3000 }), length: fc.integer({ min: 1, max: 2000 }) }), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 1_000_000 }),
          rate: fc.integer({ min: 1, max: 80 }),
          start: fc.integer({ min: 0, max: 3000 }),
          span: fc.integer({ min: 1, max: 6000 }),
          late: fc.double({ min: 0, max: 1, noNaN: true }),
          dup: fc.double({ min: 0, max: 1, noNaN: true }),
          retryDelay: fc.integer({ min: 0, max: 2000 }),
          outages: outageArb,
        }),
        (a) => {
          // Outages laid end to end with a gap of at least 1 ms, so they never overlap or touch.
          let t = 0;
          const outages = a.outages.map((o) => {
            const from = t + o.gapBefore + 1;
            t = from + o.length;
            return { from, to: t };
          });
          const stop = a.start + a.span;
          const rs = produce(
            generated(
              {
                rate: a.rate,
                start: a.start,
                stop,
                late: { fraction: a.late, delay: { type: 'uniform', min: 1000, max: 2000 } },
                delay: { type: 'uniform', min: 0, max: 100 },
                duplicates: { rate: a.dup, retryDelay: a.retryDelay },
                outages,
              },
              { seed: a.seed, duration: stop },
            ),
          );
          const originalOf = new Map<number, Row>();
          for (const r of rs) {
            expect(r.eventTime).toBeGreaterThanOrEqual(a.start);
            expect(r.eventTime).toBeLessThan(stop);
            const o = outages.find((x) => r.sentAt >= x.from && r.sentAt < x.to);
            expect(r.arrivalTime).toBe(o ? o.to : r.sentAt);
            expect((r.flags & FLAG.BUFFERED) !== 0).toBe(o !== undefined);
            if (r.flags & FLAG.DUPLICATE) {
              const orig = originalOf.get(r.eventNo)!;
              expect(orig).toBeDefined();
              expect(r.seq).toBe(orig.seq);
              expect(r.sentAt).toBe(orig.sentAt + a.retryDelay);
            } else {
              expect(originalOf.has(r.eventNo)).toBe(false);
              originalOf.set(r.eventNo, r);
              const d = r.sentAt - r.eventTime;
              // Late: round(uniform [1000, 2000)); on time: round(uniform [0, 100)).
              if (r.flags & FLAG.LATE) expect(d >= 1000 && d <= 2000).toBe(true);
              else expect(d >= 0 && d <= 100).toBe(true);
            }
          }
        },
      ),
      { numRuns: RUNS, seed: 424242 },
    );
  });
});

describe('independent sub-streams and back-to-back outages', () => {
  it('adding event types leaves every key, value and event time as it was', () => {
    const plain = rows(produceAll(generated({ rate: 20, keys: { count: 10 } })).produced);
    const typed = rows(produceAll(generated({ rate: 20, keys: { count: 10 }, eventTypes: { click: 1, view: 9 } })).produced);
    expect(typed.map((r) => [r.key, r.value, r.eventTime])).toEqual(plain.map((r) => [r.key, r.value, r.eventTime]));
  });

  it('changing the late fraction leaves the on-time delays as they were', () => {
    const delay = { type: 'normal', mean: 200, stddev: 20 };
    const none = rows(produceAll(generated({ rate: 20, delay })).produced);
    const some = rows(produceAll(generated({ rate: 20, delay, late: { fraction: 0.3 } })).produced);
    // Events that are on time in both runs have the same send time (event time + the same delay).
    const onTime = new Map(some.filter((r) => !(r.flags & FLAG.LATE)).map((r) => [r.seq, r.sentAt]));
    for (const r of none) if (onTime.has(r.seq)) expect(onTime.get(r.seq)).toBe(r.sentAt);
    expect(onTime.size).toBeGreaterThan(0);
  });

  it('an outage that starts when another ends keeps the buffer closed until the last one ends', () => {
    // Outages [1000,1500) and [1500,2000): a record sent at 1499 is held to 1500, when the
    // producer is offline again, so it is flushed with the rest at 2000.
    const out = rows(produceAll(generated({ rate: 50, delay: { type: 'constant', value: 0 }, outages: [{ from: 1000, to: 1500 }, { from: 1500, to: 2000 }] }, { duration: 3000 })).produced);
    for (const r of out) {
      if (r.sentAt >= 1000 && r.sentAt < 2000) expect(r.arrivalTime).toBe(2000);
      else expect(r.arrivalTime).toBe(r.sentAt);
    }
    expect(out.some((r) => r.sentAt >= 1000 && r.sentAt < 1500)).toBe(true);
  });
});
