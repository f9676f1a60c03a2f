/**
 * The four semantics profiles by name. Each profile's home holds its rules and its words
 * (flink.ts, beam.ts, kafka-streams.ts, spark.ts); docs/semantics.md works through them.
 */
import type { SemanticsName } from '../scenario/schema';
import { beamProfile } from './beam';
import { flinkProfile } from './flink';
import { kafkaStreamsProfile } from './kafka-streams';
import type { SemanticsProfile } from './profile';
import { sparkProfile } from './spark';

const PROFILES: Record<SemanticsName, SemanticsProfile> = {
  flink: flinkProfile,
  beam: beamProfile,
  'kafka-streams': kafkaStreamsProfile,
  spark: sparkProfile,
};

/** The profile of that name: its label, clock word, rules and explanations. */
export function profile(name: SemanticsName): SemanticsProfile {
  return PROFILES[name];
}

/** The profile named by a value that may not be a profile name (an editor's text): null then. */
export function profileNamed(name: unknown): SemanticsProfile | null {
  return typeof name === 'string' && Object.hasOwn(PROFILES, name) ? PROFILES[name as SemanticsName] : null;
}
