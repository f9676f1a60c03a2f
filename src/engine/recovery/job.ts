/**
 * One processing job (the streaming or the micro-batch mode) through its failures. It drives a
 * mode instance over the job's reads on the job's own clock and, at each failure, restarts it as
 * the engine would (policy.ts, job-reader.ts): with empty state, with the state kept, or with the
 * state of a durable point (checkpoint, commit, batch).
 *
 * A durable point's state is rebuilt by running the job's surviving history again, up to that
 * point, in a new instance whose output is thrown away (restore.ts). The model is deterministic,
 * so that instance holds exactly what the job held then, timers and all, without a deep copy.
 *
 * With transactional delivery, results become visible at the next durable point and a failure
 * aborts the ones still open.
 */
import type { ModeOutput } from '../modes/mode-output';
import type { JobMode } from '../modes/job-mode';
import { VirtualClock } from '../time/virtual-clock';
import type { JobReads, Epoch } from './job-reader';
import { durableEvery, nextTickAtOrAfter, type RecoveryPolicy } from './policy';
import { replayTo, type InstanceFactory } from './restore';
import type { TopicLog } from '../broker/topic-log';

/** One failure or replay and what it cost. */
export interface Recovery {
  kind: 'crash' | 'replay';
  /** When the job went down. */
  at: number;
  /** When it ran again. */
  restartAt: number;
  /** empty: no state; kept: the state as the failure left it; checkpoint/commit/batch: a durable point's. */
  restoredFrom: 'empty' | 'kept' | 'checkpoint' | 'commit' | 'batch';
  /** The durable point's time (null for empty or kept state). */
  restoredTo: number | null;
  /** Per partition, the offset the restarted job read from. */
  offsets: number[];
  /** Records read again after this restart (before the next one). */
  reread: number;
  /** Of those, records added to state that already held them: counted twice. */
  recounted: number;
  /** Results emitted in the transaction the failure aborted. */
  aborted: number;
}

export class Job {
  /** The run's output for this mode (the first instance's; later instances are attached to it). */
  readonly out: ModeOutput;
  readonly recoveries: Recovery[] = [];
  /** Checkpoint times (flink and beam with checkpoints) and each partition's offset in them. */
  readonly checkpoints: { time: number[]; offsets: number[][] } = { time: [], offsets: [] };
  private instance: JobMode;
  private clock: VirtualClock;
  private cursor = 0;
  private epoch = 0;
  private finished = false;
  private nextDurable: number;
  /** Entry positions as the job reads (for checkpoint offsets). */
  private readonly position: Int32Array;
  private readonly every: number;
  private countersAtRestart = { reread: 0, recounted: 0 };

  constructor(
    readonly reads: JobReads,
    readonly policy: RecoveryPolicy,
    private readonly log: TopicLog,
    /** When the job's input ends (its reader has nothing left). */
    readonly inputEndTime: number,
    private readonly create: InstanceFactory,
  ) {
    const first = create(new VirtualClock());
    this.instance = first.mode;
    this.clock = first.clock;
    this.out = first.mode.out;
    this.out.transactional = 'transactional' in policy && policy.transactional;
    this.every = durableEvery(policy);
    this.nextDurable = this.every > 0 ? nextTickAtOrAfter(this.every, 0) : Infinity;
    this.position = new Int32Array(log.partitions.length);
  }

  get mode(): JobMode {
    return this.instance;
  }

  now(): number {
    return this.clock.now();
  }

  /** When the job's last timer fires after its input ends, as its mode schedules them. */
  lastTimerAt(): number {
    return this.instance.lastTimerAt(this.inputEndTime);
  }

  /** Moves the job to `t`. At equal times: timers, reads, the durable point, the failure, the end of input. */
  advanceTo(t: number): void {
    const d = this.reads.group.deliveries;
    const times = d.time.data;
    const epochs = this.reads.epochs;
    for (;;) {
      const current = epochs[this.epoch];
      const boundary = this.epoch + 1 < epochs.length ? epochs[this.epoch + 1].firstDelivery : d.length;
      const nextRead = this.cursor < boundary ? times[this.cursor] : Infinity;
      const nextTimer = this.clock.peekTime();
      const failAt = current.end && this.cursor >= boundary ? current.end.at : Infinity;
      const durable = current.end && this.nextDurable > current.end.at ? Infinity : this.nextDurable;
      const end = this.finished ? Infinity : this.inputEndTime;
      const m = Math.min(nextTimer, nextRead, durable, failAt, end);
      if (m > t || m === Infinity) break;
      if (nextTimer === m) {
        this.clock.runNext();
        // Spark: a batch commits as it ends, unless the failure at this very time interrupts it.
        if (this.policy.kind === 'batches' && current.end?.at !== m) this.out.commit(m);
      } else if (nextRead === m) {
        this.clock.advanceTo(m);
        this.read(this.cursor++);
      } else if (durable === m) {
        this.clock.advanceTo(m);
        this.durablePoint(m);
      } else if (failAt === m) {
        this.clock.advanceTo(m);
        this.fail(current, epochs[this.epoch + 1]);
      } else {
        this.clock.advanceTo(m);
        this.instance.finish();
        this.finished = true;
        // Flink takes a final checkpoint at the end of a bounded input, committing what is open;
        // the job is then finished and takes no more.
        if (this.policy.kind !== 'batches') {
          this.out.commit(m);
          this.nextDurable = Infinity;
        }
      }
    }
    if (t > this.clock.now() && t !== Infinity) this.clock.advanceTo(t);
  }

  /** The end of the run: an open transaction commits (Flink's final checkpoint at the end of input). */
  close(at: number): void {
    this.out.commit(at);
    this.closeRecovery();
  }

  private read(i: number): void {
    const d = this.reads.group.deliveries;
    this.position[d.partition.data[i]] = d.entry.data[i] + 1;
    this.instance.deliver(i);
  }

  private durablePoint(time: number): void {
    if (this.out.transactional && this.policy.kind !== 'batches') this.out.commit(time);
    if (this.policy.kind === 'checkpoint') {
      this.checkpoints.time.push(time);
      this.checkpoints.offsets.push(this.offsets(this.position));
    }
    this.nextDurable = time + this.every;
  }

  private fail(ended: Epoch, next: Epoch): void {
    const before = this.out.counters.results;
    if (this.out.transactional) this.out.abort();
    const aborted = before - this.out.counters.results;
    this.closeRecovery();
    const origin = next.origin;
    if (origin.kind !== 'kept') {
      const fresh = origin.kind === 'empty' ? this.create(new VirtualClock()) : replayTo(this.reads, origin, this.create);
      this.instance = fresh.mode;
      this.clock = fresh.clock;
      this.instance.out = this.out;
    }
    this.clock.resumeAt(next.start);
    this.instance.resume();
    this.out.noteWatermark(next.start, this.instance.watermarkNow());
    this.position.set(next.positions);
    this.epoch++;
    this.nextDurable = this.every > 0 ? nextTickAtOrAfter(this.every, next.start) : Infinity;
    const label = { checkpoint: 'checkpoint', changelog: 'commit', batches: 'batch', fresh: 'checkpoint' } as const;
    this.recoveries.push({
      kind: ended.end?.kind ?? 'crash',
      at: ended.end?.at ?? next.start,
      restartAt: next.start,
      restoredFrom: origin.kind === 'durable' ? label[this.policy.kind] : origin.kind,
      restoredTo: origin.kind === 'durable' ? origin.time : null,
      offsets: this.offsets(next.positions),
      reread: 0,
      recounted: 0,
      aborted,
    });
    this.countersAtRestart = { reread: this.out.counters.reread, recounted: this.out.counters.recounted };
  }

  /** Re-reads and double counts since the last restart belong to that restart. */
  private closeRecovery(): void {
    const last = this.recoveries[this.recoveries.length - 1];
    if (!last) return;
    const c = this.out.counters;
    last.reread = c.reread - this.countersAtRestart.reread;
    last.recounted = c.recounted - this.countersAtRestart.recounted;
  }

  /** Offsets count records, not markers: per partition, the records before entry e. */
  private offsets(entries: Int32Array): number[] {
    return Array.from(entries, (e, p) => {
      const before = this.log.partitions[p].offsetAtEntry;
      return before[Math.min(e, before.length - 1)];
    });
  }
}
