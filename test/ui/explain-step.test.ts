/**
 * The guide's explain step (issue 14): after a question's reveal the learner picks the reason it
 * happened from three or four and sees which is right. The rules, worked out by hand beside each
 * check: the step waits for the reveal, never grades an edited run, takes one answer, and its
 * choices move like a radio group.
 */
import { describe, expect, test } from 'vitest';
import { validateScenario, type NarrationStep, type Scenario } from '../../src/engine/index';
import { choiceMark, explainPhase, explainVerdict, questionTag, radioKeyTarget, scrollToShow } from '../../src/ui/lessons/explain-step';
import { Guide } from '../../src/ui/lessons/guide.svelte';
import type { Simulation } from '../../src/ui/state/simulation.svelte';

type Question = NonNullable<NarrationStep['question']>;

const explain = { prompt: 'Why?', choices: ['because A', 'because B', 'because C'], answer: 1, explanation: 'B is the rule.' };
const question: Question = { prompt: 'What happens?', kind: 'predict', choices: ['x', 'y', 'z'], answer: 2, explanation: 'z.', explain };

describe('questionTag', () => {
  test('a current question says what to do; an earlier one whose answer it was', () => {
    expect(questionTag('predict', true, 0)).toBe('Predict');
    expect(questionTag('remedy', true, 0)).toBe('Remedy');
    // Step index 2 is the third step a learner sees.
    expect(questionTag('predict', false, 2)).toBe('Your prediction at step 3');
    expect(questionTag('remedy', false, 2)).toBe('Your remedy at step 3');
  });
});

describe('explainPhase', () => {
  const shown = { revealed: true, predicted: true, edited: false, reason: undefined };
  test('asked after the reveal, answered once a reason is picked', () => {
    expect(explainPhase(question, shown)).toBe('ask');
    expect(explainPhase(question, { ...shown, reason: 0 })).toBe('answered');
  });
  test('never before the reveal, without a prediction, against an edited run, or without an explain step', () => {
    expect(explainPhase(question, { ...shown, revealed: false })).toBe('none');
    expect(explainPhase(question, { ...shown, predicted: false })).toBe('none');
    // An edited run is not graded, even when a reason was picked before the edit.
    expect(explainPhase(question, { ...shown, edited: true, reason: 1 })).toBe('none');
    const { explain: _dropped, ...plain } = question;
    expect(explainPhase(plain, shown)).toBe('none');
  });
});

describe('choiceMark and explainVerdict', () => {
  test('before grading only the pick is marked; after, the right one and a wrong pick', () => {
    expect(choiceMark(0, 0, 1, false)).toEqual({ mark: '●', right: false, wrong: false });
    expect(choiceMark(1, 0, 1, false)).toEqual({ mark: '○', right: false, wrong: false });
    expect(choiceMark(0, 0, 1, true)).toEqual({ mark: '✗', right: false, wrong: true });
    expect(choiceMark(1, 0, 1, true)).toEqual({ mark: '✓', right: true, wrong: false });
    expect(choiceMark(2, 0, 1, true)).toEqual({ mark: '○', right: false, wrong: false });
  });
  test('the verdict names the right reason whichever was picked', () => {
    expect(explainVerdict(explain, 1)).toEqual({ right: true, headline: '✓ Right reason.', answer: 'because B' });
    expect(explainVerdict(explain, 2)).toEqual({ right: false, headline: '✗ Not the reason.', answer: 'because B' });
  });
});

describe('radioKeyTarget', () => {
  test('arrows move and wrap, Home and End jump, other keys are not the group’s', () => {
    expect(radioKeyTarget('ArrowDown', 0, 3)).toBe(1);
    expect(radioKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(radioKeyTarget('ArrowUp', 0, 3)).toBe(2);
    expect(radioKeyTarget('ArrowLeft', 1, 3)).toBe(0);
    expect(radioKeyTarget('Home', 2, 4)).toBe(0);
    expect(radioKeyTarget('End', 0, 4)).toBe(3);
    expect(radioKeyTarget('Tab', 0, 3)).toBeNull();
    expect(radioKeyTarget('ArrowDown', 0, 0)).toBeNull();
  });
});

/** A scenario with one question asked at 1 s and revealed at 2 s. */
function lessonScenario(allowedLateness = 0): { scenario: Scenario; document: unknown } {
  const document = {
    version: 1,
    id: 'explain-unit',
    title: 'Explain unit',
    duration: 5000,
    producers: [{ id: 'p', type: 'scripted', entries: [{ key: 'a', value: 1, eventTime: 0 }] }],
    processor: { window: { type: 'tumbling', size: 1000 }, allowedLateness },
    lesson: { steps: [{ at: 1000, text: 'Watch.', question: { ...question, revealAt: 2000 } }, { at: 3000, text: 'Done.' }] },
  };
  const result = validateScenario(document);
  if (!result.ok) throw new Error(`test scenario invalid: ${JSON.stringify(result.issues ?? result)}`);
  return { scenario: result.scenario, document };
}

/** Just what the Guide reads of a Simulation: a clock, a scenario and playback switches. */
function fakeSim(scenario: Scenario, document: unknown) {
  const sim = {
    time: 0,
    endTime: 5000,
    playing: false,
    run: {},
    scenario,
    document,
    seek(t: number) {
      sim.time = t;
    },
    pause() {
      sim.playing = false;
    },
    play() {
      sim.playing = true;
    },
  };
  return sim;
}

describe('Guide.explain', () => {
  test('takes a reason only after the reveal, only once, and not for a run that is not the lesson’s', () => {
    const { scenario, document } = lessonScenario();
    const sim = fakeSim(scenario, document);
    const guide = new Guide(sim as unknown as Simulation);
    guide.start();
    guide.next(); // the first step, at 1 s
    expect(guide.current).toBe(0);
    guide.choose(2);
    guide.explain(0, 1);
    expect(guide.reasons.has(0)).toBe(false); // 1 s < the reveal at 2 s
    sim.time = 2000;
    expect(guide.isRevealed(0)).toBe(true);
    guide.explain(0, 7); // no such reason (three choices)
    expect(guide.reasons.has(0)).toBe(false);
    guide.explain(0, 0);
    guide.explain(0, 1); // a second pick is ignored: the first answer stands
    expect(guide.reasons.get(0)).toBe(0);
    // An edit (same id, another allowed lateness) makes the run not the lesson's: nothing is graded.
    sim.scenario = lessonScenario(500).scenario;
    expect(guide.edited).toBe(true);
    guide.explain(0, 1);
    expect(guide.reasons.get(0)).toBe(0);
    guide.restart();
    expect(guide.reasons.size).toBe(0);
  });
});

describe('scrollToShow', () => {
  test('an item in view stays; one below comes up by its overhang, but not past its top; one above comes down', () => {
    expect(scrollToShow({ top: 0, bottom: 400 }, { top: 100, bottom: 300 })).toBe(0);
    // Bottom 480 is 80 below the box's 400; its top (350) stays in view after an 80 px scroll.
    expect(scrollToShow({ top: 0, bottom: 400 }, { top: 350, bottom: 480 })).toBe(80);
    // Taller than the box: 500 px of overhang, but its top is only 300 below the box's top.
    expect(scrollToShow({ top: 0, bottom: 400 }, { top: 300, bottom: 900 })).toBe(300);
    expect(scrollToShow({ top: 50, bottom: 400 }, { top: 10, bottom: 100 })).toBe(-40);
  });
});
