/**
 * The page's playback keys, as in a video player: Space plays and pauses, the arrows step to
 * the previous or next event (Shift: by the chosen step). keys.ts decides which focused
 * controls keep a key for themselves.
 */
import type { Simulation } from '../state/simulation.svelte';
import { arrowsBelongTo, focusedControl, spaceBelongsTo } from './keys';

export function playbackKeydown(sim: Simulation, event: KeyboardEvent): void {
  if (event.metaKey || event.ctrlKey || event.altKey) return;
  const focused = focusedControl(event.target);
  if (event.key === ' ') {
    // As in a video player: Space plays and pauses, even on a focused button (Enter presses it).
    if (spaceBelongsTo(focused)) return;
    event.preventDefault();
    if (!event.repeat) sim.toggle();
  } else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && !arrowsBelongTo(focused)) {
    event.preventDefault();
    const direction = event.key === 'ArrowRight' ? 1 : -1;
    if (event.shiftKey) sim.stepBy(direction);
    else {
      sim.pause();
      sim.stepToNextEvent(direction);
    }
  }
}

/** A button is pressed by Space on key up: the page took this Space on key down, so keep it. */
export function playbackKeyup(event: KeyboardEvent): void {
  if (event.key === ' ' && !spaceBelongsTo(focusedControl(event.target))) event.preventDefault();
}
