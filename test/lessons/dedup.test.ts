/**
 * Lesson 4, dedup: where its copies come from, its explain step and its remedy (a ttl over the
 * kiosk's 8 s gap), beside the pins in lessons.test.ts (68 caught, 23 counted, 91 in all).
 * Derived by hand from docs/semantics.md, "The record gate: malformed payloads and dedup".
 */
import { describe, expect, it } from 'vitest';
import { FATE, FLAG, modeDivergence } from '../../src/engine/index';
import { lessonScenario, questionAt, runToEnd, stepAt, withProcessor } from './lesson-helpers';

const scenario = lessonScenario('dedup');

describe('lesson dedup', () => {
  it('says which source makes each producer\'s copies: a librdkafka client without idempotence, and the kiosk\'s own resends', () => {
    const text = scenario.description ?? '';
    expect(text).toContain('Java default from 3.0.1, 3.1.1, 3.2 unless a setting conflicts');
    expect(text).toContain('librdkafka: off');
    expect(text).toContain("app's librdkafka client resends 10% after 0.3 s");
    expect(text).toContain("kiosk's code resends 25% after 8 s");
    const [app, kiosk] = scenario.producers;
    expect(app).toMatchObject({ id: 'app', duplicates: { rate: 0.1, retryDelay: 300 } });
    expect(kiosk).toMatchObject({ id: 'kiosk', duplicates: { rate: 0.25, retryDelay: 8_000 } });
  });

  it('explains why Kafka let the kiosk\'s copies in with three reasons', () => {
    const explain = questionAt(scenario, 805).explain;
    expect(explain?.choices).toHaveLength(3);
    expect(explain?.choices[explain.answer]).toBe('Its code resent them: new data');
  });

  it('states the late pane of cart, 65 at 12.5 s, in the first explanation', () => {
    const run = runToEnd(scenario);
    const cart = run.modes.streaming.results.filter((r) => r.key === 'cart' && r.window.start === 0 && r.firing === 'late');
    expect(cart[0]).toMatchObject({ value: 65, emittedAt: 12_525 });
    expect(questionAt(scenario, 805).explanation).toContain('5 s; kiosk copies come 8 s later');
  });

  it('remedy: a 10 s ttl catches all 91 copies and streaming matches the truth', () => {
    const q = questionAt(scenario, 63_396);
    expect(q.kind).toBe('remedy');
    expect(q.choices[q.answer]).toBe('10 s ttl: all 91; ids held 10 s');
    expect(stepAt(scenario, 63_396).text).toBe('Streaming: 23 above the truth.');
    // Each kiosk copy is read 8,000 ms after its original (retryDelay; nothing delays reads here),
    // so a ttl of 10,000 > 8,000 still remembers its id: 68 + 23 = 91 caught, error 0.
    const run = runToEnd(withProcessor(scenario, { dedup: { enabled: true, ttl: 10_000 } }));
    const copies: number[] = [];
    for (let i = 0; i < run.log.records.length; i++) if ((run.log.records.flags[i] & FLAG.DUPLICATE) !== 0) copies.push(i);
    expect(copies).toHaveLength(91);
    expect(copies.every((i) => run.modes.streaming.fate[i] === FATE.DUPLICATE)).toBe(true);
    expect(modeDivergence(run, run.modes.streaming)?.summary.sumError).toBe(0);
    // "1M/s: 10M ids": ids held = rate x ttl = 1,000,000 x 10 s.
    expect(q.explanation).toContain('1M/s: 10M ids');
  });
});
