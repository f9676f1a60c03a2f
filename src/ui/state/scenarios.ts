/** The scenario files shipped with the app (scenarios/*.json), by id, in a stable order. */
import { formatIssue, validateScenario, type Lesson } from '../../engine/index';

const files = import.meta.glob('../../../scenarios/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export interface ShippedScenario {
  id: string;
  title: string;
  document: unknown;
  /** The story (the scenario's description), if any. */
  description: string;
  /** The validated lesson, when the file has a valid `lesson` field. */
  lesson: Lesson | null;
  /** Why the file could not be validated (it is still listed, so the problem is visible). */
  problem: string | null;
}

function describe(path: string, document: unknown): ShippedScenario {
  const doc = (document ?? {}) as { id?: unknown; title?: unknown; description?: unknown };
  const file = path.split('/').pop()?.replace(/\.json$/, '') ?? path;
  const result = validateScenario(document);
  if (!result.ok) {
    return {
      id: typeof doc.id === 'string' ? doc.id : file,
      title: typeof doc.title === 'string' ? doc.title : file,
      document,
      description: typeof doc.description === 'string' ? doc.description : '',
      lesson: null,
      problem: result.issues.slice(0, 3).map(formatIssue).join('; '),
    };
  }
  const s = result.scenario;
  // A lesson without steps has nothing to guide through: it is listed as a plain scenario.
  const lesson = s.lesson && s.lesson.steps.length > 0 ? s.lesson : null;
  return { id: s.id === 'untitled' ? file : s.id, title: s.title, document, description: s.description ?? '', lesson, problem: null };
}

export const shippedScenarios: ShippedScenario[] = Object.entries(files)
  .map(([path, document]) => describe(path, document))
  .sort((a, b) => a.title.localeCompare(b.title));

/** Scenarios with a guided lesson, in lesson order (then by title for equal orders). */
export const lessons: ShippedScenario[] = shippedScenarios
  .filter((s) => s.lesson !== null)
  .sort((a, b) => (a.lesson?.order ?? 0) - (b.lesson?.order ?? 0) || a.title.localeCompare(b.title));

/** Everything else: free-play scenarios. */
export const otherScenarios: ShippedScenario[] = shippedScenarios.filter((s) => s.lesson === null);

/** The scenario the app opens with. */
export const DEFAULT_SCENARIO_ID = 'clicks';
