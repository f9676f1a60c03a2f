/**
 * A virtual-time scheduler on a binary heap that implements RxJS's SchedulerLike, so RxJS
 * time operators (timer, interval, delay...) and the engine's own timers run in virtual
 * milliseconds. RxJS's VirtualTimeScheduler re-sorts one array on every schedule and turns
 * quadratic with thousands of pending actions; a heap keeps each schedule at O(log n).
 *
 * Time only moves forward. Actions due at the same time run in the order they were
 * scheduled, so a run is reproducible to the byte.
 *
 * @example
 * const clock = new VirtualClock();
 * timer(500, clock).subscribe(() => console.log(clock.now())); // logs 500
 * clock.advanceTo(1000);
 */
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { MinHeap } from '../util/min-heap';

interface HeapEntry {
  time: number;
  seq: number;
  action: ClockAction<unknown>;
  token: number;
}

class ClockAction<T> extends Subscription implements SchedulerAction<T> {
  /** Bumped on every (re)schedule and on unsubscribe, so stale heap entries are skipped. */
  token = 0;
  /** True while a live entry for this action sits in the clock's queue. */
  queued = false;
  state: T | undefined;

  constructor(
    private readonly clock: VirtualClock,
    readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super(() => {
      this.token++;
      if (this.queued) clock.dequeued(this as ClockAction<unknown>);
    });
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.clock.enqueue(this as ClockAction<unknown>, delay);
    return this;
  }
}

export class VirtualClock implements SchedulerLike {
  private time: number;
  private seq = 0;
  /** Actions with a live entry in the heap (stale entries of cancelled or rescheduled actions excluded). */
  private live = 0;
  private readonly heap = new MinHeap<HeapEntry>((a, b) => a.time < b.time || (a.time === b.time && a.seq < b.seq));

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new ClockAction<T>(this, work).schedule(state, delay);
  }

  /** Runs `work` at absolute virtual time `at` (not before now). */
  scheduleAt<T>(at: number, work: (this: SchedulerAction<T>, state?: T) => void, state?: T): Subscription {
    return this.schedule(work, Math.max(0, at - this.time), state);
  }

  /** @internal used by actions to (re)enter the queue. */
  enqueue(action: ClockAction<unknown>, delay: number): void {
    if (!(delay >= 0) || !Number.isFinite(delay)) throw new RangeError(`delay must be a finite number >= 0, got ${delay}`);
    const token = ++action.token;
    if (!action.queued) {
      action.queued = true;
      this.live++;
    }
    this.heap.push({ time: this.time + delay, seq: this.seq++, action, token });
  }

  /** Time of the next live action, or +Infinity when nothing is pending. */
  peekTime(): number {
    this.dropStale();
    return this.heap.peek()?.time ?? Infinity;
  }

  /** @internal an action left the queue (it was unsubscribed while waiting). */
  dequeued(action: ClockAction<unknown>): void {
    action.queued = false;
    this.live--;
  }

  /** Actions waiting to run (a cancelled or superseded entry does not count). */
  get pending(): number {
    return this.live;
  }

  /** Runs the next action if it is due at or before `limit`; returns whether one ran. */
  runNext(limit = Infinity): boolean {
    this.dropStale();
    const top = this.heap.peek();
    if (!top || top.time > limit) return false;
    this.heap.pop();
    this.time = top.time;
    const action = top.action;
    this.dequeued(action);
    action.work.call(action, action.state);
    return true;
  }

  /** Runs every action due at or before `t`, then sets the clock to `t`. */
  advanceTo(t: number): void {
    if (t < this.time) throw new RangeError(`the clock is at ${this.time} and cannot go back to ${t}`);
    // The run calls this before every read; usually nothing is due, and a glance at the
    // heap's top says so (a stale top is earlier than any live action, never later).
    const top = this.heap.peek();
    if (top === undefined || top.time > t) {
      this.time = t;
      return;
    }
    while (this.runNext(t)) {
      // each action may schedule more; the loop picks them up in time order
    }
    this.time = t;
  }

  /**
   * A job that was down restarts at `t`: time jumps there, and every action that fell due while
   * it was down runs at `t`, in the order it was scheduled (as Flink fires overdue
   * processing-time timers right after a restore).
   */
  resumeAt(t: number): void {
    if (t <= this.time) return;
    const entries: HeapEntry[] = [];
    for (let top = this.heap.pop(); top; top = this.heap.pop()) entries.push(top);
    for (const e of entries) {
      if (e.time < t) e.time = t;
      this.heap.push(e);
    }
    this.time = t;
  }

  private dropStale(): void {
    for (let top = this.heap.peek(); top; top = this.heap.peek()) {
      if (top.token === top.action.token && !top.action.closed) return;
      this.heap.pop();
    }
  }
}
