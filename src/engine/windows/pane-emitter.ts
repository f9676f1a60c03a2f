/**
 * The emitter: what a firing emits, by accumulation mode. Accumulating panes carry the
 * window's whole contents so far; discarding panes only what arrived since the last pane (the
 * contents are purged after each); retracting panes first retract what the window emitted
 * before (and the panes of sessions a merge absorbed), then emit the new value.
 */
import type { Aggregate } from '../aggregates/accumulator';
import { resetAccumulator } from '../aggregates/accumulator';
import type { VirtualClock } from '../time/virtual-clock';
import type { Firing, Result } from './result';
import type { Window } from './window';
import type { WindowState } from './window-state';

export type Accumulation = 'accumulating' | 'discarding' | 'retracting';

export interface PaneEmitterOptions {
  aggregate: Aggregate;
  accumulation: Accumulation;
  keyNames: readonly string[];
  clock: VirtualClock;
  emit: (result: Result) => void;
  /** The on-time pane is emitted even when nothing arrived since the previous pane (Beam). */
  emptyOnTimePane: boolean;
  /** Results carry their pane index (Beam). */
  paneIndex: boolean;
}

export class PaneEmitter {
  constructor(private readonly o: PaneEmitterOptions) {}

  /**
   * Emits the pane of `state` now, at `watermark`; `purge` clears its contents afterwards
   * (a fire-and-purge decision). Returns false when the pane had nothing to say and was not
   * emitted: discarding with nothing new, except Beam's on-time pane, which always fires.
   */
  fire(state: WindowState, firing: Firing, watermark: number, purge: boolean): boolean {
    const { accumulation, aggregate } = this.o;
    if (accumulation === 'discarding' && !state.hasNew && !(firing === 'on-time' && this.o.emptyOnTimePane)) return false;
    const now = this.o.clock.now();
    const key = this.o.keyNames[state.key];
    if (accumulation === 'retracting') {
      for (const old of state.absorbed ?? []) this.result(state, old.window, key, old.value, firing, now, watermark, true);
      state.absorbed = null;
      if (state.lastEmitted !== undefined) this.result(state, state.window, key, state.lastEmitted, firing, now, watermark, true);
    }
    const value = aggregate.result(state.acc);
    this.result(state, state.window, key, value, firing, now, watermark, false);
    state.lastEmitted = value;
    state.hasNew = false;
    state.panes++;
    if (purge) resetAccumulator(state.acc);
    return true;
  }

  /** One result of the pane `state` is emitting now (Beam's carry the pane index). */
  private result(state: WindowState, window: Window, key: string, value: number, firing: Firing, now: number, watermark: number, retraction: boolean): void {
    const result: Result = { key, window, value, firing, emittedAt: now, visibleAt: now, watermark };
    if (retraction) result.retraction = true;
    if (this.o.paneIndex) result.pane = state.panes;
    this.o.emit(result);
  }
}
