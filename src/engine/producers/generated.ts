/**
 * A generated producer: Poisson arrivals in event time, keys with optional Zipf skew, a value
 * distribution, a delay before each event reaches the broker (with a fraction of late events
 * drawn from their own delay), outages, retries that duplicate events, and malformed payloads.
 *
 * Each aspect draws from its own seeded sub-stream, so turning one knob (say, the late
 * fraction) leaves the keys and values of every event as they were.
 */
import { createRandom, deriveSeed, type Random } from '../random/prng';
import { createKeySampler, createWeightedSampler, exponentialGap, sample } from '../random/distributions';
import type { DistributionSpec, GeneratedProducerSpec } from '../scenario/schema';
import { arrivalAfterOutages } from './outages';
import { FLAG, type ProducedRecords } from './produced';

export function sampleSpec(rng: Random, spec: DistributionSpec): number {
  if (spec.type === 'uniformInt') return spec.min + rng.int(spec.max - spec.min + 1);
  return sample(rng, spec);
}

export function runGeneratedProducer(
  spec: GeneratedProducerSpec,
  producerIndex: number,
  seed: number,
  duration: number,
  out: ProducedRecords,
): void {
  const stream = (aspect: string) => createRandom(deriveSeed(seed, `producer:${spec.id}:${aspect}`));
  const timing = stream('time');
  const keyRng = stream('key');
  const valueRng = stream('value');
  const typeRng = stream('type');
  const delayRng = stream('delay');
  const lateDelayRng = stream('late-delay');
  const faultRng = stream('fault');

  const keyNames = Array.isArray(spec.keys)
    ? spec.keys
    : Array.from({ length: spec.keys.count }, (_, i) => `${spec.keys instanceof Array ? '' : spec.keys.prefix}${i}`);
  const keyIds = keyNames.map((k) => out.keys.intern(k));
  const drawKey = createKeySampler(keyNames.length, Array.isArray(spec.keys) ? 0 : spec.keys.skew);

  const typeEntries = spec.eventTypes ? Object.entries(spec.eventTypes) : [];
  const typeIds = typeEntries.map(([name]) => out.types.intern(name));
  const drawType = typeEntries.length > 0 ? createWeightedSampler(typeEntries.map(([, w]) => w)) : null;

  const stop = spec.stop ?? duration;
  let t = spec.start;
  let seq = 0;
  for (;;) {
    t += exponentialGap(timing, spec.rate);
    if (t >= stop) break;
    const eventTime = Math.floor(t);
    const key = keyIds[drawKey(keyRng)];
    const type = drawType ? typeIds[drawType(typeRng)] : -1;
    const value = sampleSpec(valueRng, spec.value);
    // Always draw every fault number, so a rate of 0 consumes the same numbers as a rate of 0.1.
    const lateDraw = faultRng.next();
    const malformedDraw = faultRng.next();
    const duplicateDraw = faultRng.next();
    const isLate = lateDraw < spec.late.fraction;
    // Both delays are drawn for every event, so the late fraction changes which one is used and
    // nothing else.
    const onTimeDelay = sampleSpec(delayRng, spec.delay);
    const lateDelay = sampleSpec(lateDelayRng, spec.late.delay);
    const delay = Math.max(0, Math.round(isLate ? lateDelay : onTimeDelay));
    const flags = (isLate ? FLAG.LATE : 0) | (malformedDraw < spec.malformedRate ? FLAG.MALFORMED : 0);
    const eventNo = out.newEventNo();
    const sentAt = eventTime + delay;
    const arrival = arrivalAfterOutages(sentAt, spec.outages);
    out.add(producerIndex, seq, eventNo, key, type, value, eventTime, sentAt, arrival, flags | (arrival !== sentAt ? FLAG.BUFFERED : 0));
    if (duplicateDraw < spec.duplicates.rate) {
      // The retry re-sends the same event (same id) after the ack was lost.
      const retryAt = sentAt + spec.duplicates.retryDelay;
      const retryArrival = arrivalAfterOutages(retryAt, spec.outages);
      const retryFlags = flags | FLAG.DUPLICATE | (retryArrival !== retryAt ? FLAG.BUFFERED : 0);
      out.add(producerIndex, seq, eventNo, key, type, value, eventTime, retryAt, retryArrival, retryFlags);
    }
    seq++;
  }
}
