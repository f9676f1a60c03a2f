/**
 * A finished run survives the trip a worker gives it: toRunData, structured clone (moving its
 * buffers), fromRunData. The report of the copy is the report of the original, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createRun, fromRunData, runDataTransfer, runReport, toRunData, validateScenario, type LiveRun } from '../../src/engine/index';

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
    }
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
