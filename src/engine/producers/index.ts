/** Runs every producer of a scenario into one set of produced records. */
import { DEFAULT_DURATION, type Scenario } from '../scenario/schema';
import { runGeneratedProducer } from './generated';
import { ProducedRecords } from './produced';
import { runScriptedProducer } from './scripted';

export interface Production {
  produced: ProducedRecords;
  producerIds: string[];
  /** Latest processing time any producer reaches: the end of its input. */
  inputEnd: number;
  /** Per producer: its event schema version. */
  schemaVersions: number[];
}

export function produceAll(scenario: Scenario): Production {
  const produced = new ProducedRecords();
  const scriptedIds = new Map<string, number>();
  let inputEnd = scenario.duration ?? 0;
  scenario.producers.forEach((spec, index) => {
    if (spec.type === 'generated') {
      const duration = scenario.duration ?? DEFAULT_DURATION;
      runGeneratedProducer(spec, index, scenario.seed, duration, produced);
      inputEnd = Math.max(inputEnd, spec.stop ?? duration);
    } else {
      inputEnd = Math.max(inputEnd, runScriptedProducer(spec, index, produced, scriptedIds));
    }
  });
  // Records buffered by an outage or delayed past the traffic window still arrive.
  for (let i = 0; i < produced.length; i++) inputEnd = Math.max(inputEnd, produced.arrivalTime.data[i]);
  return {
    produced,
    producerIds: scenario.producers.map((p) => p.id),
    inputEnd,
    schemaVersions: scenario.producers.map((p) => p.schemaVersion),
  };
}
