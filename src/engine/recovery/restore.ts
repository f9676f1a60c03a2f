/**
 * The state of a durable point, rebuilt by running the job's surviving history again: from the
 * last empty start, through every restore since, up to the point, in a new instance whose output
 * is thrown away. The model is deterministic (same reads, same times, same timers), so the new
 * instance holds what the job held at that point: window state, timers, the watermark, dedup
 * state. It costs a second pass over the history instead of a deep copy at every checkpoint.
 */
import type { JobMode } from '../modes/job-mode';
import { VirtualClock } from '../time/virtual-clock';
import type { JobReads, StateOrigin } from './job-reader';

export interface Instance {
  mode: JobMode;
  clock: VirtualClock;
}

/** A new instance of the job's mode on the given clock. */
export type InstanceFactory = (clock: VirtualClock) => Instance;

type Durable = Extract<StateOrigin, { kind: 'durable' }>;

export function replayTo(reads: JobReads, target: Durable, create: InstanceFactory): Instance {
  // The stretches that make up the state, oldest first: each epoch up to the point restored from it.
  const chain: Durable[] = [];
  let origin: StateOrigin = target;
  while (origin.kind === 'durable') {
    chain.unshift(origin);
    origin = reads.epochs[origin.epoch].origin;
  }
  // No policy keeps state through a failure and later restores a durable point of that stretch.
  if (origin.kind === 'kept') throw new Error('a durable point cannot follow kept state');
  const instance = create(new VirtualClock());
  const { clock, mode } = instance;
  const d = reads.group.deliveries;
  const times = d.time.data;
  for (const stop of chain) {
    const epoch = reads.epochs[stop.epoch];
    if (stop.epoch > 0) {
      clock.resumeAt(epoch.start);
      mode.resume();
    }
    const boundary = stop.epoch + 1 < reads.epochs.length ? reads.epochs[stop.epoch + 1].firstDelivery : d.length;
    let i = epoch.firstDelivery;
    // The live job's order at equal times: timers, then reads. `phase` says how much of the
    // point's own time the state holds.
    for (;;) {
      const nextTimer = clock.peekTime();
      const nextRead = i < boundary ? times[i] : Infinity;
      const timerIn = nextTimer < stop.time || (nextTimer === stop.time && stop.phase !== 'none');
      if (timerIn && nextTimer <= nextRead) {
        clock.runNext();
        continue;
      }
      const readIn = nextRead < stop.time || (nextRead === stop.time && stop.phase === 'all');
      if (!readIn) break;
      clock.advanceTo(nextRead);
      mode.deliver(i++);
    }
  }
  return instance;
}
