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
import type { JobMode } from './job-mode';
import { StreamingMode } from './streaming';

export function streamingProcessor(ctx: ModeContext): JobMode {
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
