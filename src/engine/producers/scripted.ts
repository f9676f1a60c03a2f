/**
 * A scripted producer: explicit entries in arrival order. An event entry without an
 * arrivalTime arrives 1 ms after the previous entry (the first at 0); after a
 * `{ "processingTime": T }` entry, such events arrive at the current processing time instead.
 * `{ "watermark": T }` entries become markers that the broker writes to every partition.
 */
import type { ScriptedProducerSpec } from '../scenario/schema';
import { FLAG, type ProducedRecords } from './produced';

/** Returns the last processing time the script reaches (its own end of input). */
export function runScriptedProducer(spec: ScriptedProducerSpec, producerIndex: number, out: ProducedRecords, ids: Map<string, number>): number {
  let clock = -1;
  let paced = false; // true once a processingTime entry has taken over the clock
  let ordinal = 0;
  for (const entry of spec.entries) {
    if ('processingTime' in entry) {
      clock = Math.max(clock, entry.processingTime);
      paced = true;
      continue;
    }
    if (entry.arrivalTime !== undefined) clock = Math.max(clock, entry.arrivalTime);
    else clock = paced ? Math.max(clock, 0) : clock + 1;

    if ('watermark' in entry) {
      out.markers.push({ arrivalTime: clock, watermark: entry.watermark, producer: producerIndex, afterRow: out.length });
      continue;
    }
    const id = entry.id ?? `${spec.id}-${ordinal}`;
    let eventNo = ids.get(id);
    const repeated = eventNo !== undefined;
    if (eventNo === undefined) {
      eventNo = out.newEventNo();
      ids.set(id, eventNo);
      out.customIds.set(eventNo, id);
    }
    out.add(
      producerIndex,
      ordinal,
      eventNo,
      out.keys.intern(entry.key),
      entry.type !== undefined ? out.types.intern(entry.type) : -1,
      entry.value,
      entry.eventTime,
      clock,
      clock,
      (repeated ? FLAG.DUPLICATE : 0) | (entry.malformed ? FLAG.MALFORMED : 0),
    );
    ordinal++;
  }
  return Math.max(clock, 0);
}
