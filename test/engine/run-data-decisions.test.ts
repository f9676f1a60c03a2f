/**
 * The decision log survives the worker's trip (toRunData, structured clone moving its buffers,
 * fromRunData): every mode's decisions read back the same, column for column.
 */
import { describe, expect, it } from 'vitest';
import { fromRunData, runDataTransfer, toRunData, type Decision, type ModeOutput } from '../../src/engine/index';
import { ev, runToEnd, scenarioOf } from '../helpers/scripted';

const all = (out: ModeOutput): Decision[] => Array.from({ length: out.decisions.length }, (_, i) => out.decisions.at(i));

describe('run data: decision logs', () => {
  it('every mode keeps its decisions through toRunData, a transferring structured clone and fromRunData', () => {
    // Kafka Streams, grace 0: k@10000 then k@5 (dropped from [0,10000): 10000 <= 10000), a
    // malformed payload, and the id "x" twice within the dedup ttl: decisions in every mode.
    const run = runToEnd(
      scenarioOf({
        id: 'decisions',
        producers: [{ id: 's', type: 'scripted', entries: [ev('k', 1, 10000, { id: 'x' }), ev('k', 1, 5), ev('k', 1, 6, { malformed: true }), ev('k', 1, 7, { id: 'x' })] }],
        processor: { semantics: 'kafka-streams', window: { type: 'tumbling', size: 10000 }, aggregate: 'count', dedup: { enabled: true, ttl: 60000 }, watermark: { type: 'punctuated' } },
      }),
    );
    const expected = { streaming: all(run.modes.streaming), microbatch: all(run.modes.microbatch), batch: all(run.modes.batch as ModeOutput) };
    // streaming: the late drop, the dead letter, the duplicate; micro-batch and batch: at least the
    // gate's two (the batch's window operator records its firings too).
    const gate = (ds: Decision[]) => ds.map((d) => d.rule).filter((r) => r.startsWith('gate.') || r.startsWith('lateness.'));
    expect(gate(expected.streaming)).toEqual(['lateness.kafka-streams', 'gate.malformed', 'gate.dedup-ttl']);
    expect(gate(expected.microbatch)).toEqual(['gate.malformed', 'gate.dedup-ttl']);
    expect(gate(expected.batch)).toEqual(['gate.malformed', 'gate.dedup-ttl']);

    const data = toRunData(run);
    const transfer = runDataTransfer(data);
    const column = data.modes.streaming.decisions.threshold;
    expect(transfer).toContain(column.buffer);
    const copy = fromRunData(structuredClone(data, { transfer }));
    // Moved, not copied: the sent column is detached.
    expect(column.byteLength).toBe(0);
    expect(all(copy.modes.streaming)).toEqual(expected.streaming);
    expect(all(copy.modes.microbatch)).toEqual(expected.microbatch);
    expect(all(copy.modes.batch as ModeOutput)).toEqual(expected.batch);
    expect(copy.modes.streaming.decisions.forRow(expected.streaming[0].row)).toEqual([expected.streaming[0]]);
  });
});
