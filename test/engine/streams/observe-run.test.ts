/**
 * The run's Observables over every shipped scenario: each stream emits every item the run wrote,
 * once, in time order, never ahead of the run, and completes at the end; playing in slices gives
 * the same emissions as playing to the end at once. Hand-worked emissions are in marbles.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { merge, map, type Observable } from 'rxjs';
import { createRun, observeRun, validateScenario, type RunStreams, type Scenario } from '../../../src/engine/index';

const dir = new URL('../../../scenarios/', import.meta.url);
const shipped = readdirSync(dir).filter((f) => f.endsWith('.json'));

function load(file: string): Scenario {
  const r = validateScenario(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
  if (!r.ok) throw new Error(`${file} is not valid`);
  return r.scenario;
}

/** Every stream of a run, named, as one list of [stream, time] in emission order. */
function everything(streams: RunStreams): Observable<[string, number]> {
  const named: Observable<[string, number]>[] = [
    streams.appended$.pipe(map((e): [string, number] => ['appended', e.time])),
    streams.read$.pipe(map((e): [string, number] => ['read', e.time])),
    streams.groupEvents$.pipe(map((e): [string, number] => ['group', e.time])),
    streams.commits$.pipe(map((e): [string, number] => ['commit', e.time])),
  ];
  for (const [mode, s] of Object.entries(streams.modes)) {
    named.push(s.results$.pipe(map((e): [string, number] => [`${mode}.results`, e.time])));
    named.push(s.watermarks$.pipe(map((e): [string, number] => [`${mode}.watermarks`, e.time])));
    named.push(s.drops$.pipe(map((e): [string, number] => [`${mode}.drops`, e.time])));
    named.push(s.decisions$.pipe(map((e): [string, number] => [`${mode}.decisions`, e.time])));
  }
  return merge(...named);
}

describe.each(shipped)('observeRun(%s)', (file) => {
  it('emits each item once, in time order, never ahead of the clock, and completes at the end', () => {
    const run = createRun(load(file));
    const streams = observeRun(run);
    const seen: [string, number][] = [];
    let clockAhead = 0;
    let completedAt = NaN;
    let ended = 0;
    everything(streams).subscribe({
      next: (e) => {
        // Emitted at its own virtual time: the scheduler stands exactly there.
        if (streams.scheduler.now() !== e[1]) clockAhead++;
        seen.push(e);
      },
      complete: () => (completedAt = streams.scheduler.now()),
    });
    streams.end$.subscribe(() => ended++);
    streams.play();

    expect(clockAhead).toBe(0);
    // At the run's end, or at the group's last auto-commit when that comes later (the group
    // commits on its interval's tick after its last read).
    expect(completedAt).toBe(Math.max(run.endTime, ...seen.map((e) => e[1])));
    expect(ended).toBe(1);
    for (let i = 1; i < seen.length; i++) if (seen[i][1] < seen[i - 1][1]) throw new Error(`${seen[i][0]} at ${seen[i][1]} after ${seen[i - 1][0]} at ${seen[i - 1][1]}`);
    const count = (name: string) => seen.filter((e) => e[0] === name).length;
    expect(count('appended')).toBe(run.log.records.length);
    // Reads of records only (markers are not records); redeliveries included.
    let recordReads = 0;
    for (let i = 0; i < run.group.deliveries.length; i++) if (run.group.deliveries.item.data[i] >= 0) recordReads++;
    expect(count('read')).toBe(recordReads);
    expect(count('group')).toBe(run.group.events.length);
    expect(count('commit')).toBe(run.group.commits.length);
    for (const mode of ['streaming', 'microbatch', 'batch'] as const) {
      const out = run.modes[mode];
      expect(count(`${mode}.results`)).toBe(out?.results.length ?? 0);
      expect(count(`${mode}.watermarks`)).toBe(out?.watermarks.length ?? 0);
      expect(count(`${mode}.drops`)).toBe(out?.dropped.length ?? 0);
      expect(count(`${mode}.decisions`)).toBe(out?.decisions.length ?? 0);
    }
  });

  it('gives the same emissions played in slices as played at once', () => {
    const once = observeRun(createRun(load(file)));
    const a: [string, number][] = [];
    everything(once).subscribe((e) => a.push(e));
    once.play();

    const run = createRun(load(file));
    const sliced = observeRun(run);
    const b: [string, number][] = [];
    const ticks: number[] = [];
    everything(sliced).subscribe((e) => b.push(e));
    sliced.time$.subscribe((t) => ticks.push(t));
    const steps = 7;
    for (let i = 1; i <= steps; i++) sliced.play((run.endTime * i) / steps);
    expect(b).toEqual(a);
    // time$ emits each step's time, the last being the end.
    expect(ticks).toHaveLength(steps);
    expect(ticks[steps - 1]).toBe(run.endTime);
  });
});

describe('observeRun', () => {
  it('a stream nobody listens to emits nothing and does not hold up the end', () => {
    const run = createRun(load('scripted-example.json'));
    const streams = observeRun(run);
    const times: number[] = [];
    streams.time$.subscribe((t) => times.push(t));
    let ended = false;
    streams.end$.subscribe((r) => (ended = r === run));
    streams.play(run.endTime / 2);
    expect(ended).toBe(false);
    streams.play();
    expect(times).toEqual([run.endTime / 2, run.endTime]);
    expect(ended).toBe(true);
  });

  it('a late subscriber sees the stream from the next play on (the streams are hot)', () => {
    const run = createRun(load('scripted-example.json'));
    const streams = observeRun(run);
    // scripted-example appends at 0, 1, 3 and 40 ms (its entries' arrival times).
    streams.play(2);
    const late: number[] = [];
    streams.appended$.subscribe((e) => late.push(e.time));
    streams.play();
    expect(late).toEqual([3, 40]);
  });
});
