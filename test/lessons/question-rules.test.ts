/**
 * The rules every shipped lesson's questions follow (issue 14): questions ask for reasoning, not
 * recall. Every question offers at least three choices; every lesson asks for a remedy at least
 * once ("which knob fixes this, and what does it cost?") and has at least one explain step (after
 * the reveal, the learner picks the reason); every explain step offers three or four reasons.
 * One test per lesson, so a failure names the lesson and the rule it breaks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadScenarioText, type Lesson } from '../../src/engine/index';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

interface Shipped {
  file: string;
  lesson: Lesson | null;
  problem: string | null;
}

const shipped: Shipped[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file): Shipped[] => {
    const text = readFileSync(dir + file, 'utf8');
    if ((JSON.parse(text) as { lesson?: unknown }).lesson === undefined) return [];
    const result = loadScenarioText(text);
    if (!result.ok) return [{ file, lesson: null, problem: result.issues.map((i) => `${i.path}: ${i.message}`).join('; ') }];
    return [{ file, lesson: result.scenario.lesson ?? null, problem: null }];
  });

/** Every broken rule of one lesson, in words naming the step. */
function ruleBreaks(lesson: Lesson): string[] {
  const out: string[] = [];
  const questions = lesson.steps.flatMap((s, i) => (s.question ? [{ step: i + 1, q: s.question }] : []));
  for (const { step, q } of questions) {
    if (q.choices.length < 3) out.push(`step ${step}: the question has ${q.choices.length} choices; at least 3 are needed`);
    if (q.explain && (q.explain.choices.length < 3 || q.explain.choices.length > 4)) out.push(`step ${step}: the explain step has ${q.explain.choices.length} reasons; 3 or 4 are needed`);
  }
  if (!questions.some(({ q }) => q.kind === 'remedy')) out.push('no question has kind "remedy" (which knob fixes this, and what does it cost?)');
  if (!questions.some(({ q }) => q.explain !== undefined)) out.push('no question has an explain step');
  return out;
}

describe('lesson question rules', () => {
  test('the rules catch what they are for (a lesson built to break each)', () => {
    const q = { prompt: 'p', kind: 'predict' as const, choices: ['a', 'b'], answer: 0, explanation: 'e' };
    const broken: Lesson = { order: 1, notice: [], steps: [{ at: 0, text: 't', pause: true, question: q }] };
    expect(ruleBreaks(broken)).toEqual([
      'step 1: the question has 2 choices; at least 3 are needed',
      'no question has kind "remedy" (which knob fixes this, and what does it cost?)',
      'no question has an explain step',
    ]);
    const explain = { prompt: 'why', choices: ['x', 'y', 'z'], answer: 0, explanation: 'r' };
    const fixed: Lesson = { ...broken, steps: [{ at: 0, text: 't', pause: true, question: { ...q, kind: 'remedy', choices: ['a', 'b', 'c'], explain } }] };
    expect(ruleBreaks(fixed)).toEqual([]);
  });

  test('there are shipped lessons to check', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(12);
  });

  for (const s of shipped) {
    test(`${s.file}: ≥3 choices per question, a remedy question, an explain step with 3-4 reasons`, () => {
      expect(s.problem, `scenarios/${s.file} does not load`).toBeNull();
      expect(s.lesson, `scenarios/${s.file} has no lesson`).not.toBeNull();
      if (s.lesson) expect(ruleBreaks(s.lesson), `scenarios/${s.file}`).toEqual([]);
    });
  }
});
