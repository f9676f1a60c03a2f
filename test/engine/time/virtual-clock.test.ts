/**
 * The virtual clock: the scheduler every timer of the engine runs on. Each expectation is
 * worked out by hand from the times scheduled; the comments say how.
 */
import { describe, expect, it } from 'vitest';
import { delay, interval, of, take, timer, type SchedulerAction } from 'rxjs';
import { VirtualClock } from '../../../src/engine/time/virtual-clock';

/** Schedules a named action that logs "name@time" when it runs. */
function at(clock: VirtualClock, log: string[], name: string, delayMs: number) {
  return clock.schedule(() => log.push(`${name}@${clock.now()}`), delayMs);
}

describe('VirtualClock', () => {
  it('starts at its start time and now() follows advanceTo', () => {
    const clock = new VirtualClock(250);
    expect(clock.now()).toBe(250);
    clock.advanceTo(400);
    expect(clock.now()).toBe(400);
    // Nothing pending: the next action's time is +Infinity.
    expect(clock.peekTime()).toBe(Infinity);
    expect(clock.pending).toBe(0);
  });

  it('runs actions in time order, and actions due at the same time in the order they were scheduled', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    // Scheduled out of time order. c and a share time 100 and c was scheduled first, so c
    // runs before a (FIFO); d (0) runs first and b (200) last.
    at(clock, log, 'b', 200);
    at(clock, log, 'c', 100);
    at(clock, log, 'a', 100);
    at(clock, log, 'd', 0);
    clock.advanceTo(1000);
    expect(log).toEqual(['d@0', 'c@100', 'a@100', 'b@200']);
  });

  it('runs an action due exactly at the target time, leaves later ones pending, and ends at the target', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    at(clock, log, 'a', 100);
    at(clock, log, 'b', 200);
    at(clock, log, 'c', 300);
    // advanceTo(200) runs everything at or before 200: a and b; c (300) waits.
    clock.advanceTo(200);
    expect(log).toEqual(['a@100', 'b@200']);
    expect(clock.now()).toBe(200);
    expect(clock.peekTime()).toBe(300);
    expect(clock.pending).toBe(1);
    // Into the gap before c: nothing runs, but time still moves.
    clock.advanceTo(250);
    expect(log).toHaveLength(2);
    expect(clock.now()).toBe(250);
    // Past c.
    clock.advanceTo(1000);
    expect(log).toEqual(['a@100', 'b@200', 'c@300']);
    expect(clock.now()).toBe(1000);
  });

  it('never goes back in time', () => {
    const clock = new VirtualClock();
    clock.advanceTo(500);
    expect(() => clock.advanceTo(499)).toThrow(RangeError);
    // The same time again is allowed (nothing moves).
    clock.advanceTo(500);
    expect(clock.now()).toBe(500);
  });

  it('rejects a negative or non-finite delay', () => {
    const clock = new VirtualClock();
    expect(() => clock.schedule(() => undefined, -1)).toThrow(RangeError);
    expect(() => clock.schedule(() => undefined, Infinity)).toThrow(RangeError);
    expect(() => clock.schedule(() => undefined, NaN)).toThrow(RangeError);
  });

  it('scheduleAt runs at an absolute time, and at now for a time already past', () => {
    const clock = new VirtualClock(100);
    const log: string[] = [];
    clock.scheduleAt(350, () => log.push(`x@${clock.now()}`));
    // 40 is before the clock's 100: it runs at 100, the earliest possible moment.
    clock.scheduleAt(40, () => log.push(`past@${clock.now()}`));
    clock.advanceTo(400);
    expect(log).toEqual(['past@100', 'x@350']);
  });

  it('passes state to the work', () => {
    const clock = new VirtualClock();
    const seen: (string | undefined)[] = [];
    clock.scheduleAt(10, (s?: string) => seen.push(s), 'hello');
    clock.advanceTo(10);
    expect(seen).toEqual(['hello']);
  });

  it('cancels an action when its subscription is unsubscribed', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    at(clock, log, 'a', 100);
    const b = at(clock, log, 'b', 200);
    at(clock, log, 'c', 300);
    b.unsubscribe();
    // The cancelled entry no longer counts as pending nor as the next time after a runs.
    expect(clock.pending).toBe(2);
    clock.advanceTo(150);
    expect(clock.peekTime()).toBe(300);
    clock.advanceTo(1000);
    expect(log).toEqual(['a@100', 'c@300']);
  });

  it('reschedules a periodic action from inside its work (this.schedule), as RxJS interval does', () => {
    const clock = new VirtualClock();
    const ticks: number[] = [];
    // First run at 100, then every 250 until 5 runs: 100, 350, 600, 850, 1100.
    clock.schedule<number>(
      function (n = 0) {
        ticks.push(clock.now());
        if (n < 4) this.schedule(n + 1, 250);
      },
      100,
      0,
    );
    clock.advanceTo(900);
    expect(ticks).toEqual([100, 350, 600, 850]);
    // One action, re-entered: exactly one pending entry (the 1100 run).
    expect(clock.pending).toBe(1);
    expect(clock.peekTime()).toBe(1100);
    clock.advanceTo(5000);
    expect(ticks).toEqual([100, 350, 600, 850, 1100]);
    expect(clock.pending).toBe(0);
  });

  it('an action rescheduled before it runs runs once, at its new time', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const action = at(clock, log, 'a', 100) as unknown as SchedulerAction<unknown>;
    // Moved from 100 to 400: the entry at 100 is stale and is skipped.
    action.schedule(undefined, 400);
    expect(clock.pending).toBe(1);
    expect(clock.peekTime()).toBe(400);
    clock.advanceTo(1000);
    expect(log).toEqual(['a@400']);
  });

  it('runs an action scheduled during an advance in the same advance when it falls due', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    at(clock, log, 'late-queued', 100);
    // 'late-queued' was scheduled before 'first', so it runs first at 100. 'first' then
    // schedules 'inner' with delay 0 (due at 100, queued last, so it runs next) and 'next'
    // at 150, still within advanceTo(200).
    clock.schedule(() => {
      log.push(`first@${clock.now()}`);
      at(clock, log, 'inner', 0);
      at(clock, log, 'next', 50);
    }, 100);
    clock.advanceTo(200);
    expect(log).toEqual(['late-queued@100', 'first@100', 'inner@100', 'next@150']);
  });

  it('resumeAt moves every overdue action to the restart time, keeping their order', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    at(clock, log, 'a', 100);
    at(clock, log, 'b', 50);
    at(clock, log, 'c', 900);
    // Down from 0 to 500: a (100) and b (50) fell due while down; both run at 500 in the
    // order they were scheduled (a first, as Flink fires overdue timers after a restore);
    // c keeps 900.
    clock.resumeAt(500);
    expect(clock.now()).toBe(500);
    expect(clock.peekTime()).toBe(500);
    clock.advanceTo(1000);
    expect(log).toEqual(['a@500', 'b@500', 'c@900']);
  });

  it('drives RxJS timer, interval and delay in virtual milliseconds', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    timer(300, clock).subscribe(() => log.push(`timer@${clock.now()}`));
    // interval(200): 200, 400, 600; take(3) completes at 600.
    interval(200, clock)
      .pipe(take(3))
      .subscribe({ next: (i) => log.push(`interval${i}@${clock.now()}`), complete: () => log.push(`interval-done@${clock.now()}`) });
    // of('x') emits at subscription (time 0); delay(450) moves it to 450.
    of('x')
      .pipe(delay(450, clock))
      .subscribe(() => log.push(`delayed@${clock.now()}`));
    clock.advanceTo(1000);
    // Times: interval 200, 400, 600 (then complete at 600, in the same action), timer 300,
    // delayed 450. No two share a time, so the order is by time alone.
    expect(log).toEqual(['interval0@200', 'timer@300', 'interval1@400', 'delayed@450', 'interval2@600', 'interval-done@600']);
  });

  it('a timer unsubscribed before it fires never fires', () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    const sub = timer(300, clock).subscribe(() => log.push(clock.now()));
    clock.advanceTo(299);
    sub.unsubscribe();
    clock.advanceTo(1000);
    expect(log).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
