/**
 * The guide's question cycle after the prediction: predict (or pick a remedy), observe the
 * reveal, then explain — pick the reason it happened from three or four and see which is right.
 * Explaining is where most of a prediction's learning gain is, so the step follows every reveal
 * that has one. Plain functions so the rules are unit-tested apart from the Svelte components.
 */
import type { NarrationStep } from '../../engine/index';

type Question = NonNullable<NarrationStep['question']>;

/** The label in front of a question's prompt: what the learner is asked to do. */
export function questionTag(kind: Question['kind'], current: boolean, stepIndex: number): string {
  if (current) return kind === 'remedy' ? 'Remedy' : 'Predict';
  return kind === 'remedy' ? `Your remedy at step ${stepIndex + 1}` : `Your prediction at step ${stepIndex + 1}`;
}

/** Where a question's explain step stands. */
export type ExplainPhase = 'none' | 'ask' | 'answered';

/**
 * Whether the explain step shows, and how: never before the reveal (the learner must first see
 * what happened), never against an edited run (its answer is about the lesson's own run, and an
 * edited run is not graded), and only for a question that has one.
 */
export function explainPhase(question: Question, state: { revealed: boolean; predicted: boolean; edited: boolean; reason: number | undefined }): ExplainPhase {
  if (!question.explain || state.edited || !state.revealed || !state.predicted) return 'none';
  return state.reason === undefined ? 'ask' : 'answered';
}

/** What a choice in a graded group shows: the mark, and whether it is the right or a wrong pick. */
export interface ChoiceMark {
  mark: string;
  right: boolean;
  wrong: boolean;
}

/** ✓ on the right choice and ✗ on a wrong pick once graded; ● on the pick and ○ elsewhere before. */
export function choiceMark(i: number, picked: number | undefined, answer: number, graded: boolean): ChoiceMark {
  const right = graded && i === answer;
  const wrong = graded && i === picked && i !== answer;
  return { mark: right ? '✓' : wrong ? '✗' : picked === i ? '●' : '○', right, wrong };
}

/** The verdict on a picked reason, in words. */
export function explainVerdict(explain: NonNullable<Question['explain']>, reason: number): { right: boolean; headline: string; answer: string } {
  const right = reason === explain.answer;
  return { right, headline: right ? '✓ Right reason.' : '✗ Not the reason.', answer: explain.choices[explain.answer] ?? '' };
}

/**
 * A radio group's arrow keys (WAI-ARIA's radio group pattern): Down/Right to the next choice,
 * Up/Left to the previous, both wrapping; Home and End to the first and last. Null for any
 * other key, which the group leaves to the page.
 */
export function radioKeyTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  const from = index < 0 ? -1 : index;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return (from + 1) % count;
    case 'ArrowUp':
    case 'ArrowLeft':
      return from < 0 ? count - 1 : (from - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** A vertical extent on screen (client pixels). */
export interface Extent {
  top: number;
  bottom: number;
}

/**
 * How far to scroll a box so an item inside it shows: its bottom up into view, but never its top
 * out of view (a tall item shows from its top); an item above the box scrolls down to its top.
 * Used when the explain step appears or is answered at the bottom of a guide that scrolls.
 */
export function scrollToShow(box: Extent, item: Extent): number {
  if (item.top < box.top) return item.top - box.top;
  if (item.bottom > box.bottom) return Math.min(item.bottom - box.bottom, item.top - box.top);
  return 0;
}
