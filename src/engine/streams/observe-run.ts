/**
 * A run as RxJS Observables: the engine's public surface for anything that watches a run go by
 * (the CLI, the Web Worker, tests, a learner's Node script). The engine's inner loops stay plain;
 * the streams read the columnar outputs the run has written, between advances, and emit each item
 * at its virtual time on a virtual-time scheduler.
 *
 * Every emission carries `time`, its virtual processing time in ms. Each stream emits in time
 * order; at equal times, in the order the run wrote them. Across streams, items at equal times
 * come in the scheduler's order (deterministic). Every stream completes at the end of the run,
 * after its last item; `end$` then emits the finished run. The streams are hot: subscribe before
 * `play`.
 *
 * A transactional sink's results are emitted at `visibleAt` (the commit that makes them
 * readable), not at `emittedAt`: before the commit a failure may still abort them, and a
 * read-committed consumer never sees an aborted result. Plain sinks have visibleAt = emittedAt.
 *
 * @example
 * const streams = observeRun(createRun(scenario));
 * streams.modes.streaming.results$.subscribe((r) => console.log(r.time, r.result.key, r.result.value));
 * streams.play(); // to the end; or play(t) step by step
 */
import { Observable, Subject, type SchedulerLike } from 'rxjs';
import { recordId } from '../broker/topic-log';
import type { CommitRecord, GroupEvent } from '../broker/deliveries';
import type { Decision } from '../decisions/decision-log';
import type { ModeName, ModeOutput } from '../modes/mode-output';
import type { Drop, Result } from '../modes/results';
import type { LiveRun } from '../simulation/run';
import { VirtualClock } from '../time/virtual-clock';
import { FeedDriver, type FeedSource } from './feed';

/** A record the broker appended to the topic. */
export interface AppendedRecord {
  time: number;
  /** Row in run.log.records (append order). */
  row: number;
  id: string;
  key: string;
  eventTime: number;
  partition: number;
  offset: number;
}

export type ReadKind = 'first' | 'after-crash' | 'after-seek';

/** A record the consumer group read (watermark markers are not records and are left out). */
export interface ReadRecord extends AppendedRecord {
  member: string;
  /** A first read, or a re-read after a crash or a seek. */
  read: ReadKind;
}

export interface ResultEmission {
  /** visibleAt: when a reader can see the result (see the module comment). */
  time: number;
  mode: ModeName;
  result: Result;
}
export interface WatermarkEmission {
  time: number;
  mode: ModeName;
  /** The mode's watermark (stream time for Kafka Streams); -Infinity before any data. */
  watermark: number;
}
export interface DropEmission {
  time: number;
  mode: ModeName;
  drop: Drop;
}
export interface DecisionEmission {
  time: number;
  mode: ModeName;
  decision: Decision;
}

export interface ModeStreams {
  results$: Observable<ResultEmission>;
  watermarks$: Observable<WatermarkEmission>;
  drops$: Observable<DropEmission>;
  decisions$: Observable<DecisionEmission>;
}

export interface RunStreams {
  /** The scheduler the streams emit on (a VirtualClock unless one was given). */
  readonly scheduler: SchedulerLike;
  appended$: Observable<AppendedRecord>;
  read$: Observable<ReadRecord>;
  /** Joins, leaves, crashes, restarts, rebalances and seeks of the plain consumer group. */
  groupEvents$: Observable<GroupEvent>;
  commits$: Observable<CommitRecord>;
  modes: Record<ModeName, ModeStreams>;
  /** The virtual time each `play` step reached, emitted at that time. */
  time$: Observable<number>;
  /** The finished run, once every stream has completed; then completes. */
  end$: Observable<LiveRun>;
  /**
   * Advances the run to `until` (default: its end) and schedules everything that happened up
   * to then. With the default VirtualClock it also runs the clock there, so every emission up to
   * `until` has happened when play returns; with another scheduler (a TestScheduler) the
   * emissions happen as that scheduler flushes.
   */
  play(until?: number): void;
}

const READ_KINDS: readonly ReadKind[] = ['first', 'after-crash', 'after-seek'];
const MODES: readonly ModeName[] = ['streaming', 'microbatch', 'batch'];

export interface ObserveOptions {
  /** A virtual-time scheduler to emit on (1 unit = 1 ms of virtual time). Default: a new VirtualClock at 0. */
  scheduler?: SchedulerLike;
}

export function observeRun(run: LiveRun, options: ObserveOptions = {}): RunStreams {
  const scheduler = options.scheduler ?? new VirtualClock(run.now());
  // Once the run has ended nothing more will be written: what the group did after the end (an
  // auto-commit on its next tick) is emitted at its own time too.
  const driver = new FeedDriver(scheduler, () => (run.now() >= run.endTime ? Infinity : run.now()));
  let finished = false;
  const time$ = new Subject<number>();
  const end$ = new Subject<LiveRun>();
  // Registration order is the emission order at equal times: the topic, the group, the modes.
  const feed = <T>(source: FeedSource<T>): Observable<T> => driver.add(source).subject.asObservable();
  /** A feed over an array the run appends to (absent until the mode exists: batch at the input's end). */
  const list = <I, T>(items: () => readonly I[] | undefined, timeOf: (item: I) => number, make: (item: I) => T): Observable<T> =>
    feed({ count: () => items()?.length ?? 0, timeAt: (i) => timeOf((items() as readonly I[])[i]), make: (i) => make((items() as readonly I[])[i]) });

  const { log, group } = run;
  const rec = log.records;
  const appended = (row: number): AppendedRecord => ({
    time: rec.appendedAt[row],
    row,
    id: recordId(log, row),
    key: log.keys[rec.key[row]],
    eventTime: rec.eventTime[row],
    partition: rec.partition[row],
    offset: rec.offset[row],
  });
  const d = group.deliveries;
  const appended$ = feed({ count: () => rec.length, timeAt: (i) => rec.appendedAt[i], make: appended });
  const groupEvents$ = list(() => group.events, (e) => e.time, (e) => e);
  const read$ = feed<ReadRecord>({
    count: () => d.length,
    timeAt: (i) => d.time.data[i],
    // Reads of markers are not records.
    keep: (i) => d.item.data[i] >= 0,
    make: (i) => ({ ...appended(d.item.data[i]), time: d.time.data[i], member: group.memberIds[d.member.data[i]], read: READ_KINDS[d.redelivery.data[i]] }),
  });
  const commits$ = list(() => group.commits, (c) => c.time, (c) => c);

  const out = (mode: ModeName): ModeOutput | null => run.modes[mode];
  // At equal times: the watermark, the decision, then what it decided (a result or a drop).
  const modeStreams = (mode: ModeName): ModeStreams => ({
    watermarks$: list(() => out(mode)?.watermarks, (p) => p.time, (p): WatermarkEmission => ({ time: p.time, mode, watermark: p.watermark })),
    decisions$: feed<DecisionEmission>({
      count: () => out(mode)?.decisions.length ?? 0,
      timeAt: (i) => (out(mode) as ModeOutput).decisions.time.data[i],
      make: (i) => {
        const decision = (out(mode) as ModeOutput).decisions.at(i);
        return { time: decision.time, mode, decision };
      },
    }),
    results$: list(() => out(mode)?.results, (r) => r.visibleAt, (result): ResultEmission => ({ time: result.visibleAt, mode, result })),
    drops$: list(() => out(mode)?.dropped, (d) => d.droppedAt, (drop): DropEmission => ({ time: drop.droppedAt, mode, drop })),
  });
  const modes = Object.fromEntries(MODES.map((m) => [m, modeStreams(m)])) as Record<ModeName, ModeStreams>;

  // Idle at the end of the run: every item has been emitted; complete at the run's end (or at
  // the last emission, if later).
  driver.onIdle = () => {
    if (finished || run.now() < run.endTime) return;
    finished = true;
    scheduler.schedule(() => {
      for (const f of driver.all) f.subject.complete();
      time$.complete();
      end$.next(run);
      end$.complete();
    }, Math.max(0, run.endTime - scheduler.now()));
  };

  const play = (until = run.endTime): void => {
    if (finished) return;
    const target = Math.max(run.now(), Math.min(until, run.endTime));
    run.advanceTo(target);
    scheduler.schedule(() => time$.next(target), Math.max(0, target - scheduler.now()));
    driver.wake();
    if (!(scheduler instanceof VirtualClock)) return;
    scheduler.advanceTo(Math.max(scheduler.now(), target));
    // At the end, on to the last emission and the completion.
    if (target === run.endTime) for (let t = scheduler.peekTime(); t < Infinity; t = scheduler.peekTime()) scheduler.advanceTo(t);
  };

  return {
    scheduler,
    appended$,
    read$,
    groupEvents$,
    commits$,
    modes,
    time$: time$.asObservable(),
    end$: end$.asObservable(),
    play,
  };
}
