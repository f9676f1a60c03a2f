/**
 * What every knob needs from the editor, shared through Svelte context so the fields do not
 * each need the simulation passed down: the value at a path, the engine's message for it,
 * and a way to change it.
 */
import { getContext, setContext, untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { ScenarioIssue } from '../../engine/index';
import type { Simulation } from '../state/simulation.svelte';
import { getAt, withValue, type Path } from './knobs';

export interface Effective {
  value: unknown;
  /** The document leaves the field out; `value` is the default the engine filled in. */
  isDefault: boolean;
}

export class EditorContext {
  readonly sim: Simulation;
  /** Issue paths shown inline by a mounted field, with how many fields show each. */
  readonly shown = new SvelteMap<string, number>();
  readonly #load: (doc: unknown) => void;

  constructor(sim: Simulation, load: (doc: unknown) => void) {
    this.sim = sim;
    this.#load = load;
  }

  value(path: Path): Effective {
    const own = getAt(this.sim.document, path);
    if (own !== undefined) return { value: own, isDefault: false };
    return { value: getAt(this.sim.scenario, path), isDefault: true };
  }

  /** The first engine issue for any of these paths (`producers[0].rate` form). */
  issue(paths: readonly string[]): ScenarioIssue | undefined {
    return this.sim.issues.find((i) => paths.includes(i.path));
  }

  /** Sets one field (undefined removes it) on a copy of the document and re-runs. */
  set(path: Path, value: unknown): void {
    this.#load(withValue(this.sim.document, path, value, this.sim.scenario));
  }

  /** Replaces the whole document (list edits build it themselves). */
  replace(doc: unknown): void {
    this.#load(doc);
  }

  /** Marks issue paths as shown inline; returns the undo for when the field goes away. */
  register(paths: readonly string[]): () => void {
    // Untracked: the field's effect that calls this must not depend on the map it writes.
    untrack(() => {
      for (const p of paths) this.shown.set(p, (this.shown.get(p) ?? 0) + 1);
    });
    return () =>
      untrack(() => {
        for (const p of paths) {
          const n = (this.shown.get(p) ?? 1) - 1;
          if (n <= 0) this.shown.delete(p);
          else this.shown.set(p, n);
        }
      });
  }
}

const KEY = Symbol('scenario-editor');

export function setEditor(editor: EditorContext): void {
  setContext(KEY, editor);
}

export function getEditor(): EditorContext {
  const editor = getContext<EditorContext | undefined>(KEY);
  if (!editor) throw new Error('editor fields must be inside ScenarioEditor');
  return editor;
}
