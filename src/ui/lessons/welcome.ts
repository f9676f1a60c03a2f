/**
 * The landing page's welcome: a first-time visitor sees the point in one sentence and three
 * places to start, while the default lesson already plays underneath (motion says "simulator";
 * the sentence says what it is for). Links, ?lesson=, embeds and restored edits open directly,
 * without it: whoever sent the link chose the starting point.
 */

/** A starting point: a shipped lesson, and what it answers in a newcomer's words. */
export interface StartPoint {
  /** The lesson's id (a file in scenarios/). */
  id: string;
  label: string;
  hint: string;
}

export const START_POINTS: readonly StartPoint[] = [
  { id: 'clicks', label: 'Why streaming and batch disagree', hint: 'Clicks into a topic, counted three ways' },
  { id: 'consumer-crash', label: 'What a crash does', hint: 'Re-reads, a checkpoint restore, results sent twice' },
  { id: 'late-ctr', label: 'Late data', hint: 'A click-through rate that moves after the fact' },
];

/** How the page was opened, as far as the welcome cares. */
export interface Landing {
  /** A scenario came in the address (#s=...). */
  link: boolean;
  /** ?lesson=<id>, valid or not. */
  lesson: string | null;
  embed: boolean;
  /** The learner's stored edits came back. */
  restored: boolean;
}

/** The welcome shows only on a plain visit: the default scenario, opened by nobody's choice. */
export function welcomeOnLanding(landing: Landing): boolean {
  return !landing.link && landing.lesson === null && !landing.embed && !landing.restored;
}

/** The starting points whose lessons ship (a removed lesson drops its button, never breaks the page). */
export function availableStartPoints(shipped: readonly { id: string }[]): StartPoint[] {
  return START_POINTS.filter((p) => shipped.some((s) => s.id === p.id));
}
