/**
 * Small pieces of the profile-compare view (ProfileCompare.svelte) that are plain functions: which profile to set against
 * which, and how one profile's emissions for a window read in a table cell. The comparison
 * itself (and every rule sentence) comes from the engine's `compareProfiles`.
 */
import { profile, type ProfileSide, type Scenario, type SemanticsName } from '../../engine/index';
import { formatTime, formatValue } from '../format';
import { expectedEvents, WORKER_THRESHOLD } from '../state/simulation.svelte';

/** The profile B starts on: the one whose rules differ most from A's (the profile says which). */
export function otherProfile(a: SemanticsName): SemanticsName {
  return profile(a).contrast;
}

/**
 * Comparing runs the scenario twice on the page, synchronously; above the size the app
 * sends to a worker that would freeze it, so the view points to the CLI instead.
 */
export function compareSize(scenario: Scenario): { tooBig: boolean; events: number; limit: number } {
  const events = expectedEvents(scenario);
  return { tooBig: events >= WORKER_THRESHOLD, events, limit: WORKER_THRESHOLD };
}

/** Results a profile emitted for a window, not counting retractions (as the engine's rule sentences count them). */
export function resultCount(side: ProfileSide): number {
  return side.emissions.filter((e) => !e.retraction).length;
}

export function retractionCount(side: ProfileSide): number {
  return side.emissions.length - resultCount(side);
}

/** One line per emission, for a cell's tooltip: "at 1.200 s: 3 (early, pane 0)". */
export function emissionsText(side: ProfileSide): string {
  if (side.emissions.length === 0) return 'No results for this window';
  return side.emissions
    .map((e) => {
      const what = [e.retraction ? 'retraction' : e.firing, e.pane === undefined ? '' : `pane ${e.pane}`].filter(Boolean).join(', ');
      return `at ${formatTime(e.at)}: ${formatValue(e.value)} (${what})`;
    })
    .join('\n');
}

/** "Flink 2, Kafka Streams 0": records each profile dropped as late. */
export function droppedText(profiles: readonly [SemanticsName, SemanticsName], dropped: readonly [number, number]): string {
  return `${profile(profiles[0]).label} ${formatValue(dropped[0])}, ${profile(profiles[1]).label} ${formatValue(dropped[1])}`;
}
