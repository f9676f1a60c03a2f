import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { validateScenario } from '../../../src/engine/scenario/load';
import type { Scenario } from '../../../src/engine/scenario/schema';
import { createRun, type Run } from '../../../src/engine/simulation/run';
import { runReport } from '../../../src/engine/report/report';
import { FATE } from '../../../src/engine/modes/results';
import type { ModeOutput } from '../../../src/engine/modes/mode-output';
import { partitionForKey } from '../../../src/engine/broker/partitioner';
import { REDELIVERY } from '../../../src/engine/broker/deliveries';

function scenario(doc: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.issues)}\n${JSON.stringify(doc)}`);
  return r.scenario;
}

function finished(s: Scenario): Run {
  const run = createRun(s);
  run.advanceTo(run.endTime);
  return run;
}

/** Every record has exactly one fate, and the counters, the fate array and the drops agree. */
function expectBalanced(out: ModeOutput | null, records: number): void {
  expect(out).not.toBeNull();
  const m = out!;
  const c = m.counters;
  expect(c.counted + c.droppedLate + c.deduplicated + c.deadLettered + c.inFlight).toBe(records);
  const perFate = [0, 0, 0, 0, 0];
  for (const f of m.fate) perFate[f]++;
  expect(m.fate.length).toBe(records);
  expect(perFate[FATE.IN_FLIGHT]).toBe(c.inFlight);
  expect(perFate[FATE.COUNTED]).toBe(c.counted);
  expect(perFate[FATE.LATE]).toBe(c.droppedLate);
  expect(perFate[FATE.DUPLICATE]).toBe(c.deduplicated);
  expect(perFate[FATE.MALFORMED]).toBe(c.deadLettered);
  const late = m.dropped.filter((d) => d.reason === 'late');
  if (late.some((d) => d.window)) {
    // Kafka Streams drops per record and window: the records among the late drops whose fate
    // is late are exactly the late count; only a record that fits no window has a windowless drop.
    expect(late.filter((d) => !d.window).length).toBeLessThanOrEqual(c.droppedLate);
    // (By row, not id: a producer's retry shares its original's id.)
    const lateRows = new Set<number>();
    for (const d of late) if (m.fate[rowOf(m, d)] === FATE.LATE) lateRows.add(rowOf(m, d));
    expect(lateRows.size).toBe(c.droppedLate);
    expect(m.dropped.length - late.length).toBe(c.deduplicated + c.deadLettered);
  } else {
    expect(m.dropped.length).toBe(c.droppedLate + c.deduplicated + c.deadLettered);
    expect(late.length).toBe(c.droppedLate);
  }
  expect(m.dropped.filter((d) => d.reason === 'duplicate').length).toBe(c.deduplicated);
  expect(m.dropped.filter((d) => d.reason === 'malformed').length).toBe(c.deadLettered);
  expect(m.results.length).toBe(c.results);
  // Re-reads split into counted twice, counted into restored state, deduplicated, or dropped again as late.
  expect(c.recounted + c.rereadDeduplicated).toBeLessThanOrEqual(c.reread);
}

/** The record row of a drop, from its partition and offset. */
function rowOf(m: ModeOutput, d: { partition: number; offset: number }): number {
  const log = (m as unknown as { log: Run['log'] }).log; // the output's own log (a private field)
  const part = log.partitions[d.partition];
  return part.entries[part.entryOfOffset[d.offset]];
}

function expectRunBalanced(run: Run): void {
  const n = run.log.records.length;
  expect(run.counters.produced).toBe(n);
  expect(run.counters.appended).toBe(n);
  expectBalanced(run.modes.batch, n);
  expectBalanced(run.modes.microbatch, n);
  expectBalanced(run.modes.streaming, n);
  // Batch reads the whole log: nothing is left in flight there.
  expect(run.modes.batch!.counters.inFlight).toBe(0);
}

// Kafka partitions by hand (Kafka UtilsTest.testMurmur2, h & 0x7fffffff, mod 2):
// 'foobar' -> 1357151166 (even) -> p0; 'a-little-bit-longer-string' -> 661178819 (odd) -> p1.
const K0 = 'foobar';
const K1 = 'a-little-bit-longer-string';

describe('accounting: a hand-made scenario with every fate', () => {
  // One consumer c0 owns both partitions. Punctuated watermarks: only the marker moves them.
  // ordinal (generated id s-N) in brackets.
  const s = scenario({
    id: 'accounting',
    topic: { partitions: 2 },
    producers: [
      {
        id: 's',
        type: 'scripted',
        entries: [
          { key: K0, value: 1, eventTime: 100, id: 'e1', arrivalTime: 100 }, // [0] p0 o0
          { key: K1, value: 1, eventTime: 200, id: 'e2', arrivalTime: 200 }, // [1] p1 o0
          { key: K0, value: 1, eventTime: 100, id: 'e1', arrivalTime: 300 }, // [2] p0 o1, duplicate of e1
          { key: K1, value: 1, eventTime: 400, malformed: true, arrivalTime: 400 }, // [3] p1 o1
          { watermark: 1500, arrivalTime: 500 }, // both partitions
          { key: K0, value: 1, eventTime: 600, arrivalTime: 600 }, // [4] s-4, p0 o2
          { key: K1, value: 1, eventTime: 700, arrivalTime: 1200 }, // [5] s-5, p1 o2
          { key: K0, value: 1, eventTime: 2500, arrivalTime: 1300 }, // [6] s-6, p0 o3
          { key: K0, value: 1, eventTime: 3500, arrivalTime: 3200 }, // [7] s-7, p0 o4
          { key: K1, value: 1, eventTime: 3600, arrivalTime: 3300 }, // [8] s-8, p1 o3
        ],
      },
    ],
    consumers: {
      count: 1,
      commitInterval: 1000,
      crashes: [
        { consumer: 'c0', at: 1400, downtime: 200 },
        { consumer: 'c0', at: 2900, downtime: 1000 },
      ],
      // Leaves while down: no member is left, so nobody reads what arrives after 2900.
      leaves: [{ consumer: 'c0', at: 3050 }],
    },
    processor: {
      window: { type: 'tumbling', size: 1000 },
      watermark: { type: 'punctuated' },
      allowedLateness: 0,
      dedup: { enabled: true },
    },
    microBatch: { interval: 1000, outputMode: 'append' },
  });
  const run = finished(s);

  it('uses the hand-derived partitions', () => {
    expect(partitionForKey(K0, 2)).toBe(0);
    expect(partitionForKey(K1, 2)).toBe(1);
  });

  it('balances every mode', () => {
    expectRunBalanced(run);
  });

  it('counts what producers sent and what the group read', () => {
    expect(run.counters).toEqual({
      produced: 9,
      appended: 9,
      // First reads of [0]..[6]; [7] and [8] arrive after the second crash and are never read.
      consumed: 7,
      // The commit at 1000 covers [0]..[4]; [5] (1200) and [6] (1300) were read before the
      // crash at 1400 and are read again at the restart (1600).
      redelivered: 2,
      duplicatesSent: 1,
      malformedSent: 1,
      lateSent: 0, // scripted records never carry the generated LATE flag
      bufferedByOutage: 0,
      markers: 1, // one scripted watermark entry (written to both partitions)
    });
    // Times: the group works until the last restart time 2900 + 1000 = 3900 (the restart
    // finds c0 gone); the run ends with the first micro-batch after it, (floor(3900/1000)+1)*1000.
    expect(run.inputEndTime).toBe(3900);
    expect(run.endTime).toBe(4000);
    const d = run.group.deliveries;
    const reread = Array.from({ length: d.length }, (_, i) => i).filter((i) => d.redelivery.get(i) !== REDELIVERY.FIRST);
    expect(reread.map((i) => [d.time.get(i), d.redelivery.get(i)])).toEqual([
      [1600, REDELIVERY.AFTER_CRASH],
      [1600, REDELIVERY.AFTER_CRASH],
    ]);
  });

  it('streaming: the marker makes [4] and [5] late; [7], [8] stay in flight; both crashes empty the state', () => {
    // Streaming watermark = min over partitions; both read the marker at 500 -> 1500.
    // [0], [1] counted (before the marker); [2] dedup; [3] dead-lettered;
    // [4] (t=600) and [5] (t=700) fall in [0, 1000) whose end - 1 = 999 <= 1500: late;
    // [6] (t=2500) in [2000, 3000): 2999 > 1500, counted. Fates are those of the first read.
    // Flink without checkpoints restarts at 1600 with empty state (dedup state too) from the
    // committed offsets, so the re-reads of [5], [6] are not caught as duplicates and go into
    // fresh windows (not counted twice: the new state never held them). Its watermark is -inf
    // (the marker is not read again), so nothing fires before the crash at 2900 empties the state
    // again; after it nobody reads (c0 left at 3050), and the end-of-input flush finds nothing.
    expect(run.modes.streaming.counters).toEqual({
      counted: 3,
      droppedLate: 2,
      deduplicated: 1,
      deadLettered: 1,
      inFlight: 2,
      reread: 2,
      recounted: 0,
      rereadDeduplicated: 0,
      // Marker at 500 fires K0 and K1 [0, 1000) (one each); K0 [2000, 3000) is lost in the crashes.
      results: 2,
    });
    expect(run.modes.streaming.dropped).toEqual([
      { id: 'e1', key: K0, eventTime: 100, reason: 'duplicate', droppedAt: 300, partition: 0, offset: 1 },
      { id: 's-3', key: K1, eventTime: 400, reason: 'malformed', droppedAt: 400, partition: 1, offset: 1 },
      { id: 's-4', key: K0, eventTime: 600, reason: 'late', droppedAt: 600, partition: 0, offset: 2 },
      { id: 's-5', key: K1, eventTime: 700, reason: 'late', droppedAt: 1200, partition: 1, offset: 2 },
    ]);
  });

  it('micro-batch: the watermark of a batch is fixed, so only [5] is late', () => {
    // Batch at 1000 (watermark 0 in force): [0], [1], [4] counted, [2] dedup, [3] malformed;
    // afterwards the watermark becomes the marker's 1500.
    // [5] (read 1200) and [6] (read 1300) wait for the batch at 2000, but the query fails at 1400.
    // It restarts at 1600 from the state of the batch at 1000 and reads them again (redeliveries,
    // never processed before): batch at 1600 (empty, the re-reads come after it), then batch at
    // 2000 (watermark 1500): [5] in [0, 1000), end 1000 <= 1500 -> late; [6] counted. The
    // restored dedup state never saw them, so nothing is a duplicate and nothing is counted twice.
    expect(run.modes.microbatch.counters).toMatchObject({
      counted: 4,
      droppedLate: 1,
      deduplicated: 1,
      deadLettered: 1,
      inFlight: 2,
      reread: 2,
      recounted: 0,
      rereadDeduplicated: 0,
    });
  });

  it('batch: every record once, only the duplicate and the malformed one dropped', () => {
    expect(run.modes.batch!.counters).toMatchObject({ counted: 7, droppedLate: 0, deduplicated: 1, deadLettered: 1, inFlight: 0 });
  });
});

describe('accounting: a generated scenario with late events, retries, malformed payloads and a lost consumer', () => {
  const s = scenario({
    seed: 21,
    duration: 10_000,
    topic: { partitions: 3 },
    producers: [
      {
        id: 'web',
        type: 'generated',
        rate: 60,
        keys: { count: 8, skew: 0.7 },
        delay: { type: 'exponential', mean: 80 },
        late: { fraction: 0.15, delay: { type: 'uniform', min: 2000, max: 5000 } },
        duplicates: { rate: 0.1, retryDelay: 300 },
        malformedRate: 0.05,
        outages: [{ from: 4000, to: 4500 }],
      },
    ],
    consumers: {
      count: 1,
      commitInterval: 700,
      crashes: [
        { consumer: 'c0', at: 3000, downtime: 500 },
        { consumer: 'c0', at: 8000, downtime: 500 },
      ],
      leaves: [{ consumer: 'c0', at: 8100 }],
    },
    processor: {
      window: { type: 'tumbling', size: 2000 },
      watermark: { type: 'boundedOutOfOrderness', bound: 500, interval: 100 },
      allowedLateness: 200,
      dedup: { enabled: true },
    },
    microBatch: { interval: 1000 },
  });
  const run = finished(s);
  const r = run.log.records;

  it('has every ingredient', () => {
    const c = run.counters;
    expect(c.lateSent).toBeGreaterThan(0);
    expect(c.duplicatesSent).toBeGreaterThan(0);
    expect(c.malformedSent).toBeGreaterThan(0);
    expect(c.bufferedByOutage).toBeGreaterThan(0);
    expect(c.redelivered).toBeGreaterThan(0);
    expect(run.modes.streaming.counters.droppedLate).toBeGreaterThan(0);
    expect(run.modes.streaming.counters.deduplicated).toBeGreaterThan(0);
    expect(run.modes.streaming.counters.deadLettered).toBeGreaterThan(0);
  });

  it('balances every mode', () => {
    expectRunBalanced(run);
  });

  it('leaves exactly the records nobody read in flight, in streaming and micro-batch', () => {
    // c0 crashes at 8000 and leaves at 8100 while down: nothing appended after 8000 is read
    // (a record appended exactly at 8000 may or may not be read before the crash).
    let after = 0;
    let atOrAfter = 0;
    for (let i = 0; i < r.length; i++) {
      if (r.appendedAt[i] > 8000) after++;
      if (r.appendedAt[i] >= 8000) atOrAfter++;
    }
    expect(after).toBeGreaterThan(0);
    for (const out of [run.modes.streaming, run.modes.microbatch]) {
      expect(out.counters.inFlight).toBeGreaterThanOrEqual(after);
      expect(out.counters.inFlight).toBeLessThanOrEqual(atOrAfter);
      // And they are exactly the records with no first read.
      const d = run.group.deliveries;
      const read = new Set<number>();
      for (let i = 0; i < d.length; i++) if (d.item.get(i) >= 0) read.add(d.item.get(i));
      expect(out.counters.inFlight).toBe(r.length - read.size);
      expect(run.counters.consumed).toBe(read.size);
    }
  });
});

// ---------------------------------------------------------------------------
// Property: over random small scenarios, every mode balances and runs are reproducible.
// ---------------------------------------------------------------------------

const RUNS = 100;

const windowArb = fc.oneof(
  fc.record({ type: fc.constant('tumbling'), size: fc.integer({ min: 100, max: 3000 }) }),
  fc
    .tuple(fc.integer({ min: 100, max: 2000 }), fc.integer({ min: 1, max: 4 }))
    .map(([slide, k]) => ({ type: 'sliding', size: slide * k, slide })),
  fc.record({ type: fc.constant('session'), gap: fc.integer({ min: 50, max: 2000 }) }),
);

const watermarkArb = fc.oneof(
  fc.record({
    type: fc.constant('boundedOutOfOrderness'),
    bound: fc.integer({ min: 0, max: 2000 }),
    interval: fc.integer({ min: 0, max: 500 }),
    idleTimeout: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('punctuated'), idleTimeout: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined }) }),
);

/** Scripted entries with non-decreasing explicit arrival times, including watermarks. */
const scriptArb = fc
  .array(
    fc.record({
      kind: fc.constantFrom('event', 'event', 'event', 'watermark'),
      gap: fc.integer({ min: 0, max: 400 }),
      key: fc.constantFrom('a', 'b', 'c', 'd'),
      eventTime: fc.integer({ min: 0, max: 5000 }),
      id: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined }),
      malformed: fc.boolean(),
      implicit: fc.boolean(),
    }),
    { maxLength: 12 },
  )
  .map((items) => {
    let t = 0;
    return items.map((it) => {
      t += it.gap + 1;
      // Without an explicit time an entry arrives at the previous one + 1, never earlier, so
      // explicit times stay non-decreasing as long as they grow by at least 1 each step.
      const arrival = it.implicit ? {} : { arrivalTime: t };
      if (it.kind === 'watermark') return { watermark: it.eventTime, ...arrival };
      const e: Record<string, unknown> = { key: it.key, value: 1, eventTime: it.eventTime, ...arrival };
      if (it.id !== undefined) e.id = it.id;
      if (it.malformed) e.malformed = true;
      return e;
    });
  });

const paneTriggerArb = fc.oneof(
  fc.record({ type: fc.constant('processingTimeAfterFirstElementInPane'), delay: fc.integer({ min: 0, max: 1500 }) }),
  fc.record({ type: fc.constant('elementCountAtLeast'), count: fc.integer({ min: 1, max: 4 }) }),
);

const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    duration: fc.integer({ min: 500, max: 6000 }),
    partitions: fc.integer({ min: 1, max: 4 }),
    rate: fc.integer({ min: 1, max: 40 }),
    keyCount: fc.integer({ min: 1, max: 8 }),
    skew: fc.constantFrom(0, 1),
    lateFraction: fc.constantFrom(0, 0.2),
    dupRate: fc.constantFrom(0, 0.2),
    malformedRate: fc.constantFrom(0, 0.1),
    outage: fc.option(fc.record({ from: fc.integer({ min: 0, max: 4000 }), length: fc.integer({ min: 1, max: 2000 }) }), { nil: undefined }),
    script: fc.option(scriptArb, { nil: undefined }),
    consumers: fc.integer({ min: 0, max: 3 }),
    // Any capacity: 12 records/s gives fractional read times (83.33 ms), which once hung the
    // per-partition idle timers through rounding.
    capacity: fc.option(fc.integer({ min: 3, max: 300 }), { nil: undefined }),
    commitInterval: fc.integer({ min: 100, max: 3000 }),
    assignment: fc.constantFrom('range', 'roundRobin'),
    crash: fc.option(fc.record({ at: fc.integer({ min: 0, max: 6000 }), downtime: fc.integer({ min: 0, max: 3000 }) }), { nil: undefined }),
    leaveAt: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
    joinAt: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
    replay: fc.option(
      fc.record({
        at: fc.integer({ min: 0, max: 7000 }),
        byOffset: fc.boolean(),
        target: fc.integer({ min: 0, max: 5000 }),
        partition: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    window: windowArb,
    watermark: watermarkArb,
    allowedLateness: fc.integer({ min: 0, max: 1000 }),
    accumulation: fc.constantFrom('accumulating', 'discarding', 'retracting'),
    trigger: fc.oneof(
      fc.constantFrom('onWatermark', 'onElement'),
      fc.record({ type: fc.constant('early'), interval: fc.integer({ min: 50, max: 1000 }) }),
      fc.record(
        { type: fc.constant('afterWatermark'), early: paneTriggerArb, late: paneTriggerArb },
        { requiredKeys: ['type'] },
      ),
    ),
    semantics: fc.constantFrom('flink', 'beam', 'kafka-streams', 'spark'),
    suppress: fc.constantFrom('none', 'untilWindowCloses'),
    dedup: fc.boolean(),
    guarantee: fc.constantFrom('atLeastOnce', 'exactlyOnce'),
    checkpoint: fc.option(fc.integer({ min: 50, max: 2000 }), { nil: undefined }),
    startFrom: fc.constantFrom('committed', 'earliest', 'latest'),
    replayState: fc.constantFrom('empty', 'checkpoint'),
    flushAtEnd: fc.boolean(),
    batchInterval: fc.integer({ min: 100, max: 2000 }),
    outputMode: fc.constantFrom('append', 'update'),
  })
  .map((a) => {
    const producers: unknown[] = [
      {
        id: 'g',
        type: 'generated',
        rate: a.rate,
        keys: { count: a.keyCount, skew: a.skew },
        late: { fraction: a.lateFraction, delay: { type: 'uniform', min: 500, max: 3000 } },
        duplicates: { rate: a.dupRate, retryDelay: 150 },
        malformedRate: a.malformedRate,
        outages: a.outage ? [{ from: a.outage.from, to: a.outage.from + a.outage.length }] : [],
      },
    ];
    if (a.script) producers.push({ id: 's', type: 'scripted', entries: a.script });
    const member = a.consumers > 0 ? 'c0' : undefined;
    const replay =
      a.replay &&
      (a.replayState === 'checkpoint'
        ? { at: a.replay.at, state: 'checkpoint' }
        : {
            at: a.replay.at,
            ...(a.replay.byOffset ? { offset: Math.floor(a.replay.target / 100) } : { timestamp: a.replay.target }),
            ...(a.replay.partition !== undefined ? { partition: a.replay.partition % a.partitions } : {}),
          });
    // A transactional sink under flink or beam commits at checkpoints, so it needs them.
    const checkpointed = a.checkpoint ?? (a.guarantee === 'exactlyOnce' && (a.semantics === 'flink' || a.semantics === 'beam') ? 500 : undefined);
    const watermark = Object.fromEntries(Object.entries(a.watermark).filter(([, v]) => v !== undefined));
    return {
      seed: a.seed,
      duration: a.duration,
      topic: { partitions: a.partitions },
      producers,
      consumers: {
        count: a.consumers,
        ...(a.capacity !== undefined ? { capacity: a.capacity } : {}),
        commitInterval: a.commitInterval,
        assignment: a.assignment,
        crashes: member && a.crash ? [{ consumer: member, ...a.crash }] : [],
        leaves: member && a.leaveAt !== undefined ? [{ consumer: member, at: a.leaveAt }] : [],
        joins: a.joinAt !== undefined ? [{ consumer: 'late-joiner', at: a.joinAt }] : [],
        replays: replay ? [replay] : [],
      },
      processor: {
        window: a.window,
        watermark,
        allowedLateness: a.allowedLateness,
        accumulation: a.accumulation,
        trigger: a.trigger,
        semantics: a.semantics,
        suppress: a.suppress,
        dedup: { enabled: a.dedup },
        guarantee: a.guarantee,
        ...(checkpointed !== undefined ? { checkpoint: { interval: checkpointed } } : {}),
        startFrom: a.startFrom,
        flushAtEnd: a.flushAtEnd,
      },
      // Update mode is not allowed with session windows (as in Spark).
      microBatch: { interval: a.batchInterval, outputMode: (a.window as { type: string }).type === 'session' ? 'append' : a.outputMode },
    } as Record<string, unknown>;
  });

describe('accounting: property over random scenarios', () => {
  it(`balances every mode and reproduces the report byte for byte (${RUNS} random scenarios)`, () => {
    fc.assert(
      fc.property(scenarioArb, (doc) => {
        const s = scenario(doc);
        const a = finished(s);
        expectRunBalanced(a);
        const b = finished(s);
        expect(JSON.stringify(runReport(b))).toBe(JSON.stringify(runReport(a)));
      }),
      { numRuns: RUNS, seed: 20240611 },
    );
  });
});
