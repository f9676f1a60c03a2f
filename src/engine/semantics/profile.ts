/**
 * What a semantics profile says about itself: its name, its word for the clock, and the
 * sentences the UI, the inspector and the CLI use to explain its lateness and its firing. Each
 * profile's home (flink.ts, beam.ts, kafka-streams.ts, spark.ts) holds one of these beside its
 * rules, so the UI asks the profile instead of branching on names.
 */
import type { SemanticsName } from '../scenario/schema';

export interface ProfileRuleText {
  /** When a window fires on time. */
  fires: string;
  /** What counts as late, and what becomes of it. */
  late: string;
  /** What a window emits, and how often. */
  emits: string;
  /** How sessions are formed and merged. */
  sessions: string;
  /** How time windows are placed. */
  windows: string;
}

/** A late verdict as the inspector explains it (from the mode's decision log). */
export interface LateFacts {
  /** The clock compared: the watermark, stream time, or the batch's watermark. */
  clock: number;
  /** The window judged (null when the log has no window for it). */
  window: { start: number; end: number } | null;
  /** The threshold the clock was compared with (NaN when unknown). */
  threshold: number;
  /** Processing time of the verdict (the batch's time for Spark). */
  at: number;
  /** Session windows: the window is the record's own session (Spark, Beam) or the merged one. */
  session: boolean;
  /** The processor's allowed lateness (Kafka Streams' grace). */
  lateness: number;
}

/** Formats a time in ms for a sentence (the UI passes its own). */
export type TimeText = (ms: number) => string;

export interface SemanticsProfile {
  readonly name: SemanticsName;
  /** The engine's name, as the UI shows it. */
  readonly label: string;
  /** The profile's word for the streaming line. */
  readonly clock: 'watermark' | 'stream time';
  /** False for Kafka Streams: no watermark, and punctuation markers mean nothing to it. */
  readonly hasWatermark: boolean;
  /** Its name for allowed lateness; null when it has none (Spark: behind the watermark is dropped). */
  readonly latenessName: 'allowed lateness' | 'grace' | null;
  /** The profile the compare view sets against this one at first: the one whose rules differ most. */
  readonly contrast: SemanticsName;
  /** It can hold a window's results until the window closes (Kafka Streams' suppress(untilWindowCloses)). */
  readonly suppress: boolean;
  /** Its rules in one sentence apiece. */
  readonly rules: ProfileRuleText;
  /** Its drop rule against the chart's lateness horizon (the line minus the lateness); null without lateness. */
  readonly horizonRule: string | null;
  /** Why a record was dropped as late, with the numbers compared. */
  lateDropped(facts: LateFacts, t: TimeText): string;
  /** Why a record its producer delayed was still counted. */
  lateCounted(lateness: number, session: boolean, at: number, t: TimeText): string;
}

/** "[s, e)" in the sentence's time format. */
export function windowText(w: { start: number; end: number }, t: TimeText): string {
  return `[${t(w.start)}, ${t(w.end)})`;
}
