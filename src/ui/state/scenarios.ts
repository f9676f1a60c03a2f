/** The scenario files shipped with the app (scenarios/*.json), by id, in a stable order. */
const files = import.meta.glob('../../../scenarios/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export interface ShippedScenario {
  id: string;
  title: string;
  document: unknown;
}

export const shippedScenarios: ShippedScenario[] = Object.entries(files)
  .map(([path, document]) => {
    const doc = document as { id?: string; title?: string };
    const file = path.split('/').pop()?.replace(/\.json$/, '') ?? path;
    return { id: doc.id ?? file, title: doc.title ?? file, document };
  })
  .sort((a, b) => a.title.localeCompare(b.title));

/** The scenario the app opens with. */
export const DEFAULT_SCENARIO_ID = 'clicks';
