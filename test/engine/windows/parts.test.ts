/**
 * The window operator's parts, each alone: lateness verdicts, the pane emitter and the session
 * merge. Expectations are worked out by hand beside each.
 */
import { describe, expect, it } from 'vitest';
import { createAggregate } from '../../../src/engine/aggregates/accumulator';
import { VERDICT } from '../../../src/engine/decisions/decision-log';
import { beamRules } from '../../../src/engine/semantics/beam';
import { flinkRules } from '../../../src/engine/semantics/flink';
import { VirtualClock } from '../../../src/engine/time/virtual-clock';
import { Lateness, ON_TIME } from '../../../src/engine/windows/lateness';
import { PaneEmitter } from '../../../src/engine/windows/pane-emitter';
import type { Result } from '../../../src/engine/windows/result';
import { absorbInto } from '../../../src/engine/windows/session-merge';
import { createWindowState } from '../../../src/engine/windows/window-state';

const aggregates = { count: createAggregate('count', () => -1) };

describe('Lateness', () => {
  it('Flink, L = 1000, window [0, 10000): on time below 9999, late-accepted from 9999, dropped from 10999', () => {
    // onTimeAt = 10000 - 1 = 9999; expiresAt = 10000 - 1 + 1000 = 10999.
    const l = new Lateness(flinkRules, 1000);
    expect([l.verdict(10000, 9998), l.verdict(10000, 9999), l.verdict(10000, 10998), l.verdict(10000, 10999)]).toEqual([
      ON_TIME,
      VERDICT.LATE_ACCEPTED,
      VERDICT.LATE_ACCEPTED,
      VERDICT.LATE_DROPPED,
    ]);
    expect([l.onTimeAt(10000), l.expiresAt(10000)]).toEqual([9999, 10999]);
  });

  it('Beam, L = 0, window [0, 10000): on time at 9999, dropped at 10000 (end - 1 + 0 is before 10000)', () => {
    const l = new Lateness(beamRules, 0);
    expect([l.verdict(10000, 9999), l.verdict(10000, 10000)]).toEqual([ON_TIME, VERDICT.LATE_DROPPED]);
    expect([l.onTimeAt(10000), l.expiresAt(10000)]).toEqual([10000, 10000]);
  });
});

function emitter(accumulation: 'accumulating' | 'discarding' | 'retracting', emptyOnTimePane = false) {
  const out: Result[] = [];
  const e = new PaneEmitter({ aggregate: aggregates.count, accumulation, keyNames: ['k'], clock: new VirtualClock(7), emit: (r) => out.push(r), emptyOnTimePane, paneIndex: true });
  return { e, out };
}

describe('PaneEmitter', () => {
  it('retracting: the second pane retracts the first value, then emits the new one', () => {
    // Two elements, pane 0 emits 2; one more, pane 1 retracts 2 then emits 3. Both at clock 7.
    const { e, out } = emitter('retracting');
    const s = createWindowState(0, 0, 10, { start: 0, end: 10 }, aggregates.count.create());
    aggregates.count.add(s.acc, 1, 0);
    aggregates.count.add(s.acc, 1, 0);
    s.hasNew = true;
    expect(e.fire(s, 'on-time', 9, false)).toBe(true);
    aggregates.count.add(s.acc, 1, 0);
    s.hasNew = true;
    e.fire(s, 'late', 9, false);
    expect(out.map((r) => [r.value, r.firing, r.retraction ?? false, r.pane, r.emittedAt])).toEqual([
      [2, 'on-time', false, 0, 7],
      [2, 'late', true, 1, 7],
      [3, 'late', false, 1, 7],
    ]);
  });

  it('discarding: nothing new emits nothing, except an on-time pane where the profile says it always fires', () => {
    const flinkLike = emitter('discarding');
    const s = createWindowState(0, 0, 10, { start: 0, end: 10 }, aggregates.count.create());
    expect(flinkLike.e.fire(s, 'on-time', 9, true)).toBe(false);
    const beamLike = emitter('discarding', true);
    expect(beamLike.e.fire(s, 'on-time', 10, true)).toBe(true);
    expect(beamLike.out.map((r) => r.value)).toEqual([0]);
  });
});

describe('session merge', () => {
  it('folds contents and keeps the emitted panes of the absorbed sessions for retraction', () => {
    // [0,1000) emitted 1 and holds 1; [1200,2200) emitted nothing and holds 2. Merged [0,2200)
    // holds 3, has new data (the second part), and must retract the pane 1 of [0,1000).
    const count = aggregates.count;
    const a = createWindowState(0, 0, 1000, { start: 0, end: 1000 }, count.create());
    count.add(a.acc, 1, 0);
    a.lastEmitted = 1;
    const b = createWindowState(0, 1200, 2200, { start: 1200, end: 2200 }, count.create());
    count.add(b.acc, 1, 0);
    count.add(b.acc, 1, 0);
    b.hasNew = true;
    const merged = createWindowState(0, 0, 2200, { start: 0, end: 2200 }, count.create());
    absorbInto(merged, [a, b], 0, 2, count);
    expect(count.result(merged.acc)).toBe(3);
    expect(merged.hasNew).toBe(true);
    expect(merged.absorbed).toEqual([{ window: { start: 0, end: 1000 }, value: 1 }]);
    expect([a.alive, b.alive]).toEqual([false, false]);
  });
});
