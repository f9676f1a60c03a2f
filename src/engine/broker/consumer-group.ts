/**
 * A Kafka-like consumer group reading one topic in virtual time.
 *
 * Members are assigned partitions (range or round-robin), read at a capacity in records per
 * second (unlimited reads each record the moment it is appended), auto-commit their positions
 * every commitInterval, and rebalance when members join or leave (eager rebalancing: every
 * member commits before its partitions are revoked, so a graceful change re-reads nothing).
 * A crash loses the member's uncommitted positions; on restart it resumes from the last
 * committed offsets, so records read since that commit are delivered again (at-least-once).
 * A seek (replay) moves the group's positions to an offset or a timestamp.
 *
 * Simplification: a crashed member keeps its partitions until it restarts (it is assumed
 * to come back within the session timeout), so its partitions wait and their lag grows.
 *
 * The same reader serves a processing job (`job` hooks, see recovery/job-reader.ts): there a
 * crash of any member fails the whole job, every partition stops, and a replay restarts it; the
 * hooks say which positions the restarted job reads from.
 */
import { VirtualClock } from '../time/virtual-clock';
import type { Subscription } from 'rxjs';
import { assign } from './assignors';
import type { TopicLog } from './topic-log';
import { Deliveries, REDELIVERY, type CommitRecord, type GroupEvent, type LagSamples } from './deliveries';
import type { ConsumersSpec } from '../scenario/schema';
import { Column } from '../trace/columns';

interface Member {
  id: string;
  index: number;
  alive: boolean;
  partitions: number[];
  busyUntil: number;
  read: Subscription | null;
}

export interface GroupRun {
  deliveries: Deliveries;
  events: GroupEvent[];
  commits: CommitRecord[];
  lag: LagSamples;
  memberIds: string[];
  /** Processing time when the group had nothing left to do. */
  endTime: number;
  /** Final positions per partition (entry index). */
  finalPosition: Int32Array;
}

/** A job failure or replay, as the job reader reports it to its hooks. */
export interface JobRestart {
  kind: 'crash' | 'replay';
  /** When the job went down (for a replay: when it was stopped). */
  failAt: number;
  restartAt: number;
  /** Index into `consumers.replays` (kind "replay"). */
  replay?: number;
}

export interface JobHooks {
  /**
   * The entry positions (per partition) the restarted job reads from. `deliveries` holds every
   * read so far; `committed` the positions auto-committed by the Kafka client.
   */
  restart(restart: JobRestart, deliveries: Deliveries, committed: Int32Array): Int32Array;
}

export function simulateGroup(log: TopicLog, spec: ConsumersSpec, horizon: number, job?: JobHooks): GroupRun {
  const P = log.partitions.length;
  const clock = new VirtualClock();
  const deliveries = new Deliveries();
  const events: GroupEvent[] = [];
  const commits: CommitRecord[] = [];
  const readCost = spec.capacity ? 1000 / spec.capacity : 0;

  // Entry positions (next entry to read) per partition.
  const position = new Int32Array(P);
  const committed = new Int32Array(P);
  const highestRead = new Int32Array(P); // one past the highest entry ever delivered
  const resetReason = new Uint8Array(P);
  const owner = new Int32Array(P).fill(-1);
  const recordsBefore = log.partitions.map((part) => part.offsetAtEntry);

  const members = new Map<string, Member>();
  const memberIds: string[] = [];
  const addMember = (id: string): Member => {
    const m: Member = { id, index: memberIds.length, alive: true, partitions: [], busyUntil: 0, read: null };
    memberIds.push(id);
    members.set(id, m);
    return m;
  };
  for (let i = 0; i < spec.count; i++) addMember(`c${i}`);

  // Job mode: the whole job is up or down; a pending restart may be pushed back by another crash.
  let jobUp = true;
  let jobFailAt = 0;
  let jobRestart: Subscription | null = null;
  let jobRestartAt = 0;
  let pendingReads = 0;
  const cancelRead = (m: Member) => {
    if (m.read) {
      m.read.unsubscribe();
      m.read = null;
      pendingReads--;
    }
  };

  const scheduleRead = (m: Member) => {
    cancelRead(m);
    if (!m.alive || !jobUp) return;
    let best = -1;
    let bestTime = Infinity;
    for (const p of m.partitions) {
      const part = log.partitions[p];
      if (position[p] >= part.entries.length) continue;
      const t = part.entryTime[position[p]];
      if (t < bestTime) {
        bestTime = t;
        best = p;
      }
    }
    if (best < 0) return;
    const at = Math.max(clock.now(), m.busyUntil, bestTime);
    pendingReads++;
    m.read = clock.scheduleAt(at, () => {
      m.read = null;
      pendingReads--;
      const p = best;
      const e = position[p];
      const item = log.partitions[p].entries[e];
      const redelivery = e < highestRead[p] ? resetReason[p] : REDELIVERY.FIRST;
      deliveries.push(clock.now(), p, e, item, m.index, redelivery);
      position[p] = e + 1;
      if (e + 1 > highestRead[p]) highestRead[p] = e + 1;
      if (item >= 0) m.busyUntil = clock.now() + readCost;
      scheduleRead(m);
    });
  };

  const commitMember = (m: Member) => {
    if (!m.alive || !jobUp) return;
    for (const p of m.partitions) {
      if (committed[p] !== position[p]) {
        committed[p] = position[p];
        commits.push({ time: clock.now(), partition: p, offset: recordsBefore[p][committed[p]] });
      }
    }
  };

  const rebalance = () => {
    for (const m of members.values()) commitMember(m);
    const assignment = assign(spec.assignment, [...members.keys()], P);
    owner.fill(-1);
    const detail: Record<string, number[]> = {};
    for (const m of members.values()) {
      m.partitions = assignment.get(m.id) ?? [];
      detail[m.id] = m.partitions;
      for (const p of m.partitions) {
        owner[p] = m.index;
        if (position[p] !== committed[p]) resetReason[p] = REDELIVERY.AFTER_CRASH;
        position[p] = committed[p];
      }
    }
    events.push({ time: clock.now(), type: 'rebalance', detail });
    for (const m of members.values()) scheduleRead(m);
  };

  // Membership changes and seeks, in time order (ties: the order listed below).
  const at = (t: number, fn: () => void) => clock.scheduleAt(t, fn);
  clock.scheduleAt(0, () => {
    if (members.size > 0) rebalance();
  });
  for (const j of spec.joins) {
    at(j.at, () => {
      addMember(j.consumer);
      events.push({ time: clock.now(), type: 'join', member: j.consumer });
      rebalance();
    });
  }
  for (const l of spec.leaves) {
    at(l.at, () => {
      const m = members.get(l.consumer);
      if (!m) return;
      commitMember(m);
      cancelRead(m);
      members.delete(l.consumer);
      events.push({ time: clock.now(), type: 'leave', member: l.consumer });
      rebalance();
    });
  }
  const restartJob = (kind: JobRestart['kind'], replay?: number) => {
    if (!job) return;
    jobRestart?.unsubscribe();
    jobRestart = null;
    const positions = job.restart({ kind, failAt: jobFailAt, restartAt: clock.now(), replay }, deliveries, committed);
    jobUp = true;
    for (let p = 0; p < P; p++) {
      position[p] = positions[p];
      resetReason[p] = kind === 'crash' ? REDELIVERY.AFTER_CRASH : REDELIVERY.AFTER_SEEK;
    }
    for (const m of members.values()) m.busyUntil = clock.now();
    events.push({ time: clock.now(), type: kind === 'crash' ? 'restart' : 'seek', detail: Object.fromEntries(Array.from(positions, (e, p) => [String(p), recordsBefore[p][e]])) });
    for (const m of members.values()) scheduleRead(m);
  };
  const stopJob = () => {
    jobUp = false;
    jobFailAt = clock.now();
    for (const m of members.values()) cancelRead(m);
  };
  for (const c of spec.crashes) {
    if (job) {
      // A crash anywhere fails the job (a keyed exchange makes the whole job one failover region).
      at(c.at, () => {
        const until = c.at + c.downtime;
        if (!jobUp) {
          if (until <= jobRestartAt) return;
          jobRestart?.unsubscribe();
        } else {
          stopJob();
          events.push({ time: clock.now(), type: 'crash', member: c.consumer });
        }
        jobRestartAt = until;
        jobRestart = at(until, () => restartJob('crash'));
      });
      continue;
    }
    at(c.at, () => {
      const m = members.get(c.consumer);
      if (!m || !m.alive) return;
      m.alive = false;
      cancelRead(m);
      events.push({ time: clock.now(), type: 'crash', member: c.consumer });
      at(c.at + c.downtime, () => {
        if (members.get(c.consumer) !== m || m.alive) return;
        m.alive = true;
        m.busyUntil = clock.now();
        for (const p of m.partitions) {
          if (position[p] !== committed[p]) resetReason[p] = REDELIVERY.AFTER_CRASH;
          position[p] = committed[p];
        }
        events.push({ time: clock.now(), type: 'restart', member: c.consumer });
        scheduleRead(m);
      });
    });
  }
  spec.replays.forEach((r, index) => {
    if (job) {
      // A replay stops the job and starts it again at once (a new run, not a seek inside it).
      at(r.at, () => {
        if (jobUp) stopJob();
        restartJob('replay', index);
      });
      return;
    }
    at(r.at, () => {
      const targets = r.partition !== undefined ? [r.partition] : Array.from({ length: P }, (_, p) => p);
      const detail: Record<string, number> = {};
      for (const p of targets) {
        const part = log.partitions[p];
        let entry: number;
        if (r.offset !== undefined) entry = r.offset < part.records ? part.entryOfOffset[r.offset] : part.entries.length;
        else entry = firstAtOrAfter(part.entryTime, r.timestamp ?? 0);
        position[p] = entry;
        committed[p] = entry;
        resetReason[p] = REDELIVERY.AFTER_SEEK;
        detail[String(p)] = recordsBefore[p][entry];
        commits.push({ time: clock.now(), partition: p, offset: recordsBefore[p][entry] });
      }
      events.push({ time: clock.now(), type: 'seek', detail });
      for (const m of members.values()) scheduleRead(m);
    });
  });

  const finished = () => clock.now() >= horizon && pendingReads === 0 && jobUp;

  clock.schedule(function commitTick() {
    for (const m of members.values()) commitMember(m);
    if (!finished()) this.schedule(undefined, spec.commitInterval);
  }, spec.commitInterval);

  // Lag samples: ~500 per horizon, and on after it while the group still works.
  const sampleEvery = Math.max(10, Math.ceil(horizon / 500));
  const sampleTime = new Column(Float64Array);
  const logEnd = new Column(Int32Array);
  const positions = new Column(Int32Array);
  const committedCol = new Column(Int32Array);
  const appendedCursor = new Int32Array(P);
  const sample = () => {
    sampleTime.push(clock.now());
    for (let p = 0; p < P; p++) {
      const part = log.partitions[p];
      let c = appendedCursor[p];
      while (c < part.entries.length && part.entryTime[c] <= clock.now()) c++;
      appendedCursor[p] = c;
      logEnd.push(recordsBefore[p][c]);
      positions.push(recordsBefore[p][Math.min(position[p], c)]);
      committedCol.push(recordsBefore[p][committed[p]]);
    }
  };
  clock.schedule(function sampleTick() {
    sample();
    if (!finished()) this.schedule(undefined, sampleEvery);
  }, 0);

  // Run until nothing is left: every action is finite because ticks stop once finished.
  while (clock.runNext()) {
    // keep going
  }
  const lastDelivery = deliveries.length > 0 ? deliveries.time.get(deliveries.length - 1) : 0;
  const endTime = Math.max(horizon, lastDelivery);
  if (sampleTime.length === 0 || sampleTime.get(sampleTime.length - 1) < endTime) {
    clock.advanceTo(Math.max(clock.now(), endTime));
    sample();
  }

  return {
    deliveries,
    events,
    commits,
    memberIds,
    endTime,
    finalPosition: position,
    lag: {
      interval: sampleEvery,
      time: sampleTime.toArray(),
      logEndOffset: logEnd.toArray(),
      position: positions.toArray(),
      committed: committedCol.toArray(),
    },
  };
}

/** Index of the first entry whose time is >= t (binary search on sorted times). */
export function firstAtOrAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
