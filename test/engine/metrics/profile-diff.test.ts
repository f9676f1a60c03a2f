/**
 * compareProfiles: one scenario under two profiles, the windows that differ and the rule.
 *
 * The fixture (test/fixtures/scenarios/good/profiles-boundary.json): one key, tumbling
 * [0, 10000), allowedLateness 1, punctuated watermarks, arrivals @0..@6:
 *   a@1000 @0, a@2000 @1, a@3000 @2, wm 9999 @3, a@9000 @4, wm 10000 @5, a@9500 @6.
 * By hand:
 *   flink: wm 9999 = end - 1 fires on time (3) @3; a@9000: 9999 + 1 <= 9999 is false, kept,
 *          the window is behind, so a late firing (4) @4; wm 10000 reaches 9999 + 1: expired,
 *          a@9500 dropped. Final 4, 1 drop.
 *   beam:  wm 9999 < 10000: no pane; a@9000 joins the pane; wm 10000 fires on time (4) @5, pane 0;
 *          a@9500: 9999 + 1 < 10000 is false, kept, late pane (5) @6, pane 1. Final 5, no drop.
 *   kafka-streams: stream time 1000, 2000, 3000, 9000, 9500, all < 10000 + 1: an update per
 *          record, 1..5 at @0, @1, @2, @4, @6. Final 5.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareProfiles, loadScenarioText } from '../../../src/engine/index';

const loaded = loadScenarioText(readFileSync(new URL('../../fixtures/scenarios/good/profiles-boundary.json', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error('the fixture is not valid');
const scenario = loaded.scenario;

describe('compareProfiles', () => {
  it('flink against beam: the one window differs, by the lateness rule', () => {
    const c = compareProfiles(scenario, 'flink', 'beam');
    expect(c.windows).toBe(1);
    expect(c.droppedLate).toEqual([1, 0]);
    expect(c.differing).toHaveLength(1);
    const d = c.differing[0];
    expect(d).toMatchObject({ key: 'a', window: { start: 0, end: 10000 }, truth: 5 });
    expect(d.a.emissions.map((e) => [e.value, e.firing, e.at])).toEqual([
      [3, 'on-time', 3],
      [4, 'late', 4],
    ]);
    expect(d.b.emissions.map((e) => [e.value, e.firing, e.at, e.pane])).toEqual([
      [4, 'on-time', 5, 0],
      [5, 'late', 6, 1],
    ]);
    expect([d.a.final, d.b.final]).toEqual([4, 5]);
    // Same number of results, different finals: the lateness rules are the explanation.
    expect(d.rule).toContain('Flink ends with 4, Beam with 5');
    expect(d.rule).toContain('end - 1 + allowed lateness');
  });

  it('flink against kafka-streams: an update per record against firings on the watermark', () => {
    const c = compareProfiles(scenario, 'flink', 'kafka-streams');
    const d = c.differing[0];
    expect(d.b.emissions.map((e) => [e.value, e.firing, e.at])).toEqual([
      [1, 'update', 0],
      [2, 'update', 1],
      [3, 'update', 2],
      [4, 'update', 4],
      [5, 'update', 6],
    ]);
    expect(d.rule).toMatch(/^Kafka Streams emitted 5 results, Flink 2\. Kafka Streams emitted an update for every record/);
    expect(d.rule).toContain('Flink waited for the watermark');
  });

  it('a profile against itself differs nowhere', () => {
    for (const p of ['flink', 'beam', 'kafka-streams', 'spark'] as const) expect(compareProfiles(scenario, p, p).differing).toEqual([]);
  });
});
