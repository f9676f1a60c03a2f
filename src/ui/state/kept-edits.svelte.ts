/**
 * The learner's edits kept across reloads (see persist.ts): what was opened and how, so that
 * loading it again is not taken for an edit, and the notes the page shows about restoring or
 * saving. App decides when to open, restore and save; this remembers what each of those means.
 * Plain state (no component), so it is unit-tested with a storage in memory.
 */
import { clearEdits, loadEdits, pageStorage, saveEdits, type EditStorage } from './persist';
import { shippedScenarios } from './scenarios';
import type { Simulation } from './simulation.svelte';

/** What the page was opened with that rules out restoring edits (see lessons/embed.ts). */
export interface Landing {
  embed: boolean;
  lesson: string | null;
}

export class KeptEdits {
  /** The title of the scenario whose edits came back on this visit, while that is on screen. */
  restoredTitle = $state<string | null>(null);
  /** Why edits could not be restored or saved, until dismissed. */
  error = $state('');

  readonly #storage: EditStorage | null;
  /** The document as opened (shipped, linked or restored): loading it again is not an edit. */
  #pristine: unknown = null;
  /** What the edits are compared with, and the shipped scenario they started from (if any). */
  #original: unknown = null;
  #origin: string | null = null;
  /** Saving starts once startup has decided what is on screen. */
  #saving = false;

  constructor(storage: EditStorage | null = pageStorage()) {
    this.#storage = storage;
  }

  /** The shipped scenario the edits started from, if any. */
  get origin(): string | null {
    return this.#origin;
  }

  /** Notes what was just opened in the app; choosing another scenario forgets the stored edits. */
  opened(document: unknown, base: unknown, baseId: string | null): void {
    this.#pristine = document;
    this.#original = base;
    this.#origin = baseId;
    this.restoredTitle = null;
    if (this.#saving) clearEdits(this.#storage);
  }

  /** Notes a shared link just opened: it keeps the stored edits for a visit without a link. */
  linked(document: unknown): void {
    this.#pristine = document;
    this.#original = document;
    this.#origin = null;
    this.restoredTitle = null;
  }

  /**
   * Loads the stored edits into the simulation; the id the scenario picker should show, or null
   * when there are none (or they could not be used, which is then said in `error`). An embedded
   * player or a `?lesson=` page shows what it was asked for, never the stored edits.
   */
  restore(sim: Pick<Simulation, 'load'>, landing: Landing = { embed: false, lesson: null }): string | null {
    if (landing.embed || landing.lesson !== null) return null;
    const stored = loadEdits(this.#storage);
    if (stored.kind === 'none') return null;
    if (stored.kind === 'invalid' || !sim.load(stored.document)) {
      clearEdits(this.#storage);
      const why = stored.kind === 'invalid' ? stored.message : 'the saved scenario could not be loaded';
      this.error = `Your saved edits could not be restored (${why}), so they were discarded. The default scenario is shown instead.`;
      return null;
    }
    const shipped = stored.origin === null ? undefined : shippedScenarios.find((s) => s.id === stored.origin);
    this.#pristine = stored.document;
    this.#original = shipped?.document ?? null;
    this.#origin = shipped?.id ?? null;
    this.restoredTitle = stored.scenario.title;
    return shipped?.id ?? stored.scenario.id;
  }

  /** Forgets the stored edits (the caller opens their origin again). */
  discard(): void {
    clearEdits(this.#storage);
  }

  startSaving(): void {
    this.#saving = true;
  }

  /** Keeps the document on screen, unless it is what was opened. */
  save(document: unknown): void {
    if (!this.#saving || document === null || document === this.#pristine) return;
    const problem = saveEdits(this.#storage, document, this.#original, this.#origin);
    if (problem !== null) this.error = problem;
  }

  dismissError(): void {
    this.error = '';
  }
}
