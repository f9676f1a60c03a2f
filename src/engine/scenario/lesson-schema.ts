/**
 * The guided-lesson part of a scenario: what to notice, the narration steps, and their questions
 * (predict or remedy, with an optional explain step after the reveal).
 */
import { z } from 'zod';
import { bounded, nonNegativeMs, text } from './fields';

/** Parts of the screen a narration step can point at (the UI maps each to an element). */
export const HIGHLIGHTS = [
  'producers',
  'topic',
  'consumers',
  'processor',
  'sinks',
  'side-output',
  'event-time-chart',
  'watermark',
  'outputs',
  'results-table',
  'metrics',
  'lag',
  'editor',
] as const;

/**
 * After a reveal, the learner picks the reason the outcome happened (predict, observe, explain):
 * three candidate reasons, one right, with why.
 */
const explainSchema = z
  .strictObject({
    prompt: text(500),
    choices: bounded(z.array(text(300).min(1)).min(3).max(4), 4),
    answer: z.int().min(0),
    explanation: text(2000),
  })
  .refine((e) => e.answer < e.choices.length, { message: 'must be the index of one of the choices', path: ['answer'] });

const questionSchema = z
  .strictObject({
    /** Asked when the step is reached; the answer is revealed when the run reaches `revealAt`. */
    prompt: text(500),
    /** predict: what will happen; remedy: which knob fixes it, and at what cost. */
    kind: z.enum(['predict', 'remedy']).default('predict'),
    choices: bounded(z.array(text(200).min(1)).min(2).max(6), 6),
    /** Index of the right choice. */
    answer: z.int().min(0),
    /** Why that answer is right, shown with the reveal. */
    explanation: text(2000),
    revealAt: nonNegativeMs().optional(),
    /** Asked after the reveal: why did it happen? */
    explain: explainSchema.optional(),
  })
  .refine((q) => q.answer < q.choices.length, { message: 'must be the index of one of the choices', path: ['answer'] });

const narrationStepSchema = z.strictObject({
  /** Virtual processing time at which the step applies; the guided mode plays to it and pauses. */
  at: nonNegativeMs(),
  title: text(120).optional(),
  text: text(2000).min(1),
  highlight: z.enum(HIGHLIGHTS).optional(),
  /** Whether playback stops at this step (default true). */
  pause: z.boolean().default(true),
  question: questionSchema.optional(),
});

export const lessonSchema = z
  .strictObject({
    /** Order in the lesson library. */
    order: z.int().min(0).max(1000).default(100),
    /** What to look at: a few short sentences. */
    notice: bounded(z.array(text(500).min(1)).max(10), 10).default([]),
    steps: bounded(z.array(narrationStepSchema).max(50), 50).default([]),
  })
  .superRefine((l, ctx) => {
    for (let i = 1; i < l.steps.length; i++) {
      if (l.steps[i].at < l.steps[i - 1].at) ctx.addIssue({ code: 'custom', path: ['steps', i, 'at'], message: `must be >= the previous step's time (${l.steps[i - 1].at})` });
    }
  });
export type Lesson = z.output<typeof lessonSchema>;
export type NarrationStep = z.output<typeof narrationStepSchema>;
