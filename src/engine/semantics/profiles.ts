/**
 * The four semantics profiles by name, with each one's rules in one sentence apiece: what the
 * compare view and the CLI say when two profiles disagree. The rules themselves live in the
 * profile modules next to this file; docs/semantics.md works through them with examples.
 */
import type { SemanticsName } from '../scenario/schema';

export const PROFILE_LABELS: Record<SemanticsName, string> = {
  flink: 'Flink',
  beam: 'Beam',
  'kafka-streams': 'Kafka Streams',
  spark: 'Spark',
};

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

export const PROFILE_RULES: Record<SemanticsName, ProfileRuleText> = {
  flink: {
    fires: 'Flink fires a window when the watermark reaches its last millisecond (end - 1).',
    late: 'Flink drops a record for a window once the watermark has reached end - 1 + allowed lateness.',
    emits: 'Flink waited for the watermark and emitted once per firing (plus one late firing per late record).',
    sessions: 'Flink merges sessions that overlap or touch.',
    windows: 'Flink places windows at multiples of the size or slide, before 0 too.',
  },
  beam: {
    fires: 'Beam fires a window only when the watermark passes its last millisecond (watermark >= end).',
    late: 'Beam drops a record for a window only once the watermark is past end - 1 + allowed lateness.',
    emits: 'Beam emitted its panes as the trigger said (the on-time pane even when empty).',
    sessions: 'Beam merges sessions only when they overlap; touching sessions stay apart.',
    windows: 'Beam places windows at multiples of the size or period, before 0 too.',
  },
  'kafka-streams': {
    fires: 'Kafka Streams has no watermark: stream time is the largest timestamp seen so far.',
    late: 'Kafka Streams drops a record for a window once window end + grace <= stream time.',
    emits: 'Kafka Streams emitted an update for every record (unless suppressed until the window closes).',
    sessions: 'Kafka Streams sessions are closed intervals [first, last] that merge records within the gap on either side, inclusive.',
    windows: 'Kafka Streams starts hopping windows at multiples of the advance and never before time 0.',
  },
  spark: {
    fires: 'Spark emits a window at the end of the first micro-batch whose watermark (max event time of earlier batches - delay) has reached its end.',
    late: 'Spark drops a record for a window whose end <= the watermark of the batch it arrives in.',
    emits: 'Spark emitted once per window in append mode (once per changed batch in update mode).',
    sessions: 'Spark sessions are [first, last + gap) and merge when they overlap or touch.',
    windows: 'Spark places windows at multiples of the slide, before 0 too.',
  },
};
