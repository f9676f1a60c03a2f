import { describe, it, expect } from 'vitest';
import { validateScenario } from '../../../src/engine/scenario/load';
import type { Scenario } from '../../../src/engine/scenario/schema';
import { produceAll } from '../../../src/engine/producers/index';
import { FLAG } from '../../../src/engine/producers/produced';

// The rules (src/engine/producers/scripted.ts, docs/scenario-format.md): an event entry
// without arrivalTime arrives 1 ms after the previous entry (the first at 0); watermark
// markers are entries too; after a { processingTime: T } entry, such entries arrive at the
// current processing time (T) instead. A repeated id is a duplicate of the same event.

function scenario(doc: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

const scripted = (id: string, entries: unknown[]) => ({ id, type: 'scripted', entries });

describe('scripted producer: arrival times', () => {
  const s = scenario({
    producers: [
      scripted('s', [
        { key: 'a', value: 1, eventTime: 100 }, // first entry, no arrivalTime: 0
        { key: 'a', value: 2, eventTime: 200 }, // previous + 1 = 1
        { watermark: 150 }, // a marker is an entry: 1 + 1 = 2
        { key: 'b', value: 3, eventTime: 300 }, // 2 + 1 = 3
        { key: 'b', value: 4, eventTime: 400, arrivalTime: 50 }, // explicit: 50
        { key: 'c', value: 5, eventTime: 500 }, // 50 + 1 = 51
        { processingTime: 1000 }, // takes over the clock
        { key: 'c', value: 6, eventTime: 600 }, // current processing time: 1000
        { key: 'c', value: 7, eventTime: 700 }, // still 1000 (no +1 once paced)
        { watermark: 650 }, // marker at 1000 as well
        { key: 'd', value: 8, eventTime: 800, arrivalTime: 1200 }, // explicit: 1200
        { key: 'd', value: 9, eventTime: 900 }, // current processing time: 1200
      ]),
    ],
  });
  const production = produceAll(s);
  const p = production.produced;

  it('follows the previous-entry + 1 rule, markers included, until processingTime', () => {
    expect(Array.from(p.arrivalTime.toArray())).toEqual([0, 1, 3, 50, 51, 1000, 1000, 1200, 1200]);
    // A scripted record is sent when it arrives (scripted producers have no outages).
    expect(Array.from(p.sentAt.toArray())).toEqual(Array.from(p.arrivalTime.toArray()));
  });

  it('turns watermark entries into markers at their arrival time, after the rows produced before them', () => {
    expect(p.markers).toEqual([
      // Second entry after two records: arrival 2, afterRow 2.
      { arrivalTime: 2, watermark: 150, producer: 0, afterRow: 2 },
      // After seven records, at the paced time 1000.
      { arrivalTime: 1000, watermark: 650, producer: 0, afterRow: 7 },
    ]);
  });

  it('numbers records 0, 1, 2, ... per producer (markers take no number) and keeps payloads', () => {
    expect(Array.from(p.seq.toArray())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(p.value.toArray())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(p.eventTime.toArray())).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(Array.from(p.key.toArray()).map((k) => p.keys.values[k])).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'c', 'd', 'd']);
    // No entry repeats an id, none is malformed: no flags at all.
    expect(Array.from(p.flags.toArray())).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('reports the last processing time the script reaches as the end of input', () => {
    // No duration and no generated producer: the end is the script's last time, 1200.
    expect(production.inputEnd).toBe(1200);
  });

  it('starts the first entry at 0 and steps by 1 with no explicit times at all', () => {
    const q = produceAll(
      scenario({
        producers: [scripted('q', [{ watermark: 5 }, { key: 'x', value: 1, eventTime: 0 }, { key: 'x', value: 1, eventTime: 0 }])],
      }),
    ).produced;
    // Marker at 0, then 1, then 2.
    expect(q.markers.map((m) => m.arrivalTime)).toEqual([0]);
    expect(Array.from(q.arrivalTime.toArray())).toEqual([1, 2]);
  });
});

describe('scripted producer: ids, duplicates, malformed', () => {
  const s = scenario({
    producers: [
      scripted('s', [
        { key: 'k', value: 1, eventTime: 10, id: 'x' }, // row 0: new event 'x'
        { key: 'k', value: 1, eventTime: 20 }, // row 1: new event, generated id s-1
        { key: 'k', value: 1, eventTime: 10, id: 'x' }, // row 2: repeats 'x' -> duplicate
        { key: 'k', value: 1, eventTime: 30, malformed: true }, // row 3: malformed
        { key: 'k', value: 1, eventTime: 40, malformed: false }, // row 4: explicit false -> fine
      ]),
      scripted('t', [
        { key: 'k', value: 1, eventTime: 10, id: 'x' }, // row 5: 'x' again, from another producer
        { key: 'k', value: 1, eventTime: 50, id: 'y', malformed: true }, // row 6: new, malformed
      ]),
    ],
  });
  const p = produceAll(s).produced;
  const eventNo = Array.from(p.eventNo.toArray());
  const flags = Array.from(p.flags.toArray());

  it('gives a repeated id the same eventNo and FLAG.DUPLICATE', () => {
    // Rows 0, 2 and 5 share id 'x'; the first sight is the event, the repeats are duplicates.
    expect(eventNo[2]).toBe(eventNo[0]);
    expect(eventNo[5]).toBe(eventNo[0]);
    expect(flags[0] & FLAG.DUPLICATE).toBe(0);
    expect(flags[2] & FLAG.DUPLICATE).toBe(FLAG.DUPLICATE);
    expect(flags[5] & FLAG.DUPLICATE).toBe(FLAG.DUPLICATE);
    // Distinct events: 'x', s-1, row 3, row 4, 'y' -> five different numbers.
    expect(new Set([eventNo[0], eventNo[1], eventNo[3], eventNo[4], eventNo[6]]).size).toBe(5);
    expect(p.customIds.get(eventNo[0])).toBe('x');
    expect(p.customIds.get(eventNo[6])).toBe('y');
  });

  it('sets FLAG.MALFORMED exactly for malformed: true', () => {
    expect(flags.map((f) => f & FLAG.MALFORMED)).toEqual([0, 0, 0, FLAG.MALFORMED, 0, 0, FLAG.MALFORMED]);
    // Row 6 is new and malformed: MALFORMED only.
    expect(flags[6]).toBe(FLAG.MALFORMED);
  });

  it('numbers each producer from seq 0 and times each script on its own clock', () => {
    expect(Array.from(p.producer.toArray())).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(Array.from(p.seq.toArray())).toEqual([0, 1, 2, 3, 4, 0, 1]);
    // Producer s: 0..4; producer t starts again at 0.
    expect(Array.from(p.arrivalTime.toArray())).toEqual([0, 1, 2, 3, 4, 0, 1]);
  });
});
