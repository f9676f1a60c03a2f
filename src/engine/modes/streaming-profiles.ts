/**
 * The streaming mode under the scenario's semantics profile: Flink and Beam share the window
 * operator with different thresholds; Kafka Streams aggregates by stream time; Spark runs its
 * micro-batch rules in the streaming column.
 */
import { beamRules } from '../semantics/beam';
import { flinkRules } from '../semantics/flink';
import { KafkaStreamsMode } from './kafka-streams-mode';
import { MicroBatchMode } from './micro-batch';
import type { ModeContext } from './mode-context';
import type { ModeOutput } from './mode-output';
import { StreamingMode } from './streaming';

/** What the run drives: reads as they happen, then the end of input. */
export interface StreamProcessor {
  readonly out: ModeOutput;
  deliver(i: number): void;
  finish(): void;
}

export function streamingProcessor(ctx: ModeContext): StreamProcessor {
  switch (ctx.scenario.processor.semantics) {
    case 'flink':
      return new StreamingMode(ctx, flinkRules);
    case 'beam':
      return new StreamingMode(ctx, beamRules);
    case 'kafka-streams':
      return new KafkaStreamsMode(ctx);
    case 'spark':
      return new MicroBatchMode(ctx, 'streaming');
  }
}
