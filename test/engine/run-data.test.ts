/**
 * A finished run survives the trip a worker gives it: toRunData, structured clone (moving its
 * buffers), fromRunData. The report of the copy is the report of the original, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createRun, fromRunData, runDataTransfer, runReport, toRunData, validateScenario, type Drop, type LiveRun, type Result } from '../../src/engine/index';
import { packDrops, packResults, unpackDrops, unpackResults } from '../../src/engine/simulation/output-columns';

const dir = new URL('../../scenarios/', import.meta.url);

function runFile(name: string): LiveRun {
  const result = validateScenario(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
  if (!result.ok) throw new Error(`${name} is not valid`);
  const run = createRun(result.scenario);
  run.advanceTo(run.endTime);
  return run;
}

describe('run data', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  test.each(files)('%s: the report of a round-tripped run is identical', (name) => {
    const run = runFile(name);
    const expected = JSON.stringify(runReport(run));
    const data = toRunData(run);
    const transfer = runDataTransfer(data);
    expect(transfer.length).toBeGreaterThan(0);
    const copy = fromRunData(structuredClone(data, { transfer }));
    // The buffers moved: the original's columns are detached, the copy's are whole.
    expect(run.log.records.eventTime.length).toBe(0);
    expect(copy.log.records.eventTime.length).toBe(copy.counters.appended);
    expect(JSON.stringify(runReport(copy))).toBe(expected);
  });

  test('the copy keeps what the UI reads: deliveries, reads, lag, mode arrays and prototypes', () => {
    const original = runFile('consumer-crash.json');
    const copy = fromRunData(structuredClone(toRunData(runFile('consumer-crash.json'))));
    const d = copy.group.deliveries;
    expect(d.length).toBe(original.group.deliveries.length);
    expect(d.time.length).toBe(d.length);
    expect(d.time.toArray()).toEqual(original.group.deliveries.time.toArray());
    expect(d.member.get(d.length - 1)).toBe(original.group.deliveries.member.get(d.length - 1));
    expect(d.redelivery.toArray()).toEqual(original.group.deliveries.redelivery.toArray());
    expect(copy.reads.firstReadAt).toEqual(original.reads.firstReadAt);
    expect(copy.reads.firstReadBy).toEqual(original.reads.firstReadBy);
    expect(copy.group.lag).toEqual(original.group.lag);
    expect(copy.group.memberIds).toEqual(original.group.memberIds);
    expect(copy.log.customIds).toEqual(original.log.customIds);
    for (const mode of ['streaming', 'microbatch', 'batch'] as const) {
      const a = original.modes[mode];
      const b = copy.modes[mode];
      if (!a || !b) throw new Error(`${mode} has no output`);
      expect(b.constructor).toBe(a.constructor);
      expect(b.mode).toBe(mode);
      expect(b.fate).toEqual(a.fate);
      expect(b.windowStart).toEqual(a.windowStart);
      expect(b.processedAt).toEqual(a.processedAt);
      expect(b.watermarks).toEqual(a.watermarks);
      expect(b.counters).toEqual(a.counters);
      // Results and drops travel as columns and are rebuilt as the same objects.
      expect(b.results).toEqual(a.results);
      expect(b.dropped).toEqual(a.dropped);
    }
  });

  test('results and drops keep every field through their columns: NaN values, -Infinity watermarks, retractions', () => {
    const results: Result[] = [
      { key: 'a', window: { start: 0, end: 10_000 }, value: 3, firing: 'early', emittedAt: 1, visibleAt: 1, watermark: -Infinity },
      { key: 'a', window: { start: 0, end: 10_000 }, value: 3, firing: 'late', emittedAt: 2, visibleAt: 2, watermark: 9_999, retraction: true },
      { key: 'b', window: { start: -5, end: 5 }, value: NaN, firing: 'on-time', emittedAt: 3, visibleAt: 3, watermark: 4 },
      { key: 'c', window: { start: 1, end: 2 }, value: 0.5, firing: 'final', emittedAt: Infinity, visibleAt: Infinity, watermark: Infinity },
      { key: '', window: { start: 1, end: 2 }, value: -1, firing: 'update', emittedAt: 7, visibleAt: 7, watermark: 0 },
      { key: 'd', window: { start: 0, end: 5 }, value: 2, firing: 'late', emittedAt: 8, visibleAt: 8, watermark: 6, pane: 3 },
    ];
    const drops: Drop[] = [
      { id: 'p-1', key: 'a', eventTime: 5, reason: 'late', droppedAt: 9, partition: 0, offset: 3 },
      { id: 'p-2', key: 'b', eventTime: -1, reason: 'duplicate', droppedAt: 10, partition: 2, offset: 0 },
      { id: 'x', key: '', eventTime: 0, reason: 'malformed', droppedAt: 11, partition: 1, offset: 7 },
      { id: 'y', key: 'k', eventTime: 4, reason: 'late', droppedAt: 12, partition: 0, offset: 8, window: { start: 0, end: 5 } },
    ];
    expect(unpackResults(structuredClone(packResults(results)))).toEqual(results);
    expect(unpackDrops(structuredClone(packDrops(drops)))).toEqual(drops);
    // A result that is not a retraction has no `retraction` field at all, as the engine makes them.
    expect('retraction' in unpackResults(packResults(results))[0]).toBe(false);
    expect('pane' in unpackResults(packResults(results))[0]).toBe(false);
    expect('window' in unpackDrops(packDrops(drops))[0]).toBe(false);
  });

  test('the data holds no functions or class instances (structured clone would drop or refuse them)', () => {
    const data = toRunData(runFile('scripted-example.json'));
    const seen = new Set<unknown>();
    const visit = (x: unknown, path: string): void => {
      if (x === null || typeof x !== 'object') {
        expect(typeof x, path).not.toBe('function');
        return;
      }
      if (seen.has(x)) return;
      seen.add(x);
      if (ArrayBuffer.isView(x)) return;
      if (x instanceof Map) {
        for (const [k, v] of x) visit(v, `${path}.get(${String(k)})`);
        return;
      }
      const proto = Object.getPrototypeOf(x);
      expect(proto === Object.prototype || proto === Array.prototype || proto === null, `${path} is a plain object or array`).toBe(true);
      for (const [k, v] of Object.entries(x)) visit(v, `${path}.${k}`);
    };
    visit(data, 'data');
  });
});
