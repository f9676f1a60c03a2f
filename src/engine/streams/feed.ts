/**
 * The streams of a run as cursors over the columnar outputs the run appends to as it advances,
 * emitted through Subjects on a virtual-time scheduler.
 *
 * One action at a time is pending on the scheduler: at each virtual time that has something to
 * emit, the feeds emit their items due then in a fixed order (the pipeline's: the topic, the
 * group, then each mode's watermark, decisions, results and drops), and the action schedules
 * itself for the next such time. A million records thus cost a million cheap steps, never a
 * million pending actions, and a record is appended before it is read, read before it is dropped.
 *
 * Items are final once the run has advanced past their time: `wake` is called after each advance
 * (the horizon is the run's time); items beyond the horizon, or not decided yet (time NaN, such
 * as a result in an open transaction), wait for a later advance.
 */
import { Subject, type SchedulerAction, type SchedulerLike } from 'rxjs';

/** How a feed reads its source: how many items exist now, the time of item i, item i itself. */
export interface FeedSource<T> {
  count(): number;
  /** Virtual time at which item i is emitted (NaN: not decided yet, e.g. an open transaction). */
  timeAt(i: number): number;
  make(i: number): T;
  /** Items that are not emitted (watermark markers among the group's reads); default: all are. */
  keep?(i: number): boolean;
}

export class Feed<T> {
  readonly subject = new Subject<T>();
  cursor = 0;
  /** Items up to this time went by while nobody listened: they are skipped when someone does. */
  missedUntil = -Infinity;

  constructor(readonly source: FeedSource<T>) {}

  /** Time of the next item, or +Infinity when there is none yet. */
  next(): number {
    if (this.cursor >= this.source.count()) return Infinity;
    const t = this.source.timeAt(this.cursor);
    return t === t ? t : Infinity;
  }

  /** Nobody listening: moves past the items up to `horizon` without emitting or scheduling them. */
  skipTo(horizon: number): void {
    const s = this.source;
    const n = s.count();
    while (this.cursor < n && s.timeAt(this.cursor) <= horizon) this.cursor++;
  }

  /** Emits every item due at `t` (nothing listening: skips them). */
  emitAt(t: number): void {
    const s = this.source;
    const n = s.count();
    const listening = this.subject.observed;
    while (this.cursor < n && s.timeAt(this.cursor) === t) {
      if (listening && (!s.keep || s.keep(this.cursor))) this.subject.next(s.make(this.cursor));
      this.cursor++;
    }
  }
}

/** Runs the feeds on a scheduler up to a horizon that the owner moves forward. */
export class FeedDriver {
  private readonly feeds: Feed<unknown>[] = [];
  private pending = false;
  /** Called once no feed has anything left up to the horizon. */
  onIdle: () => void = () => undefined;

  constructor(
    readonly scheduler: SchedulerLike,
    private readonly horizon: () => number,
  ) {}

  add<T>(source: FeedSource<T>): Feed<T> {
    const f = new Feed(source);
    this.feeds.push(f as Feed<unknown>);
    return f;
  }

  get all(): readonly Feed<unknown>[] {
    return this.feeds;
  }

  /** The earliest item due at or before the horizon, or +Infinity. */
  private due(): number {
    let m = Infinity;
    const horizon = this.horizon();
    for (const f of this.feeds) {
      // A stream nobody listens to costs nothing, not even a walk over its items; a late
      // subscriber starts from the horizon at which it subscribed.
      if (!f.subject.observed) {
        f.missedUntil = horizon;
        continue;
      }
      if (f.missedUntil > -Infinity) {
        f.skipTo(f.missedUntil);
        f.missedUntil = -Infinity;
      }
      const t = f.next();
      if (t < m) m = t;
    }
    return m <= horizon ? m : Infinity;
  }

  /** After an advance: schedules the next due time, unless a step is already pending. */
  wake(): void {
    if (this.pending) return;
    const t = this.due();
    if (t === Infinity) return this.onIdle();
    this.pending = true;
    this.scheduler.schedule(driveStep, Math.max(0, t - this.scheduler.now()), this as FeedDriver);
  }

  /** @internal the scheduled step. */
  step(action: SchedulerAction<FeedDriver>): void {
    const t = this.due();
    for (const f of this.feeds) f.emitAt(t);
    const next = this.due();
    if (next === Infinity) {
      this.pending = false;
      return this.onIdle();
    }
    action.schedule(this, Math.max(0, next - this.scheduler.now()));
  }
}

/** One function for every step, so scheduling allocates no closure. */
function driveStep(this: SchedulerAction<FeedDriver>, driver?: FeedDriver): void {
  driver?.step(this);
}
