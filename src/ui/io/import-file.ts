/**
 * Importing a chosen file: a scenario (.json) replaces what is open; an event log (CSV or
 * NDJSON) becomes a scenario of its own with the open scenario's pipeline settings. Every
 * outcome is a sentence for the panel to show, as text.
 */
import {
  eventLogFormatOf,
  formatEventLogError,
  formatIssue,
  importSettings,
  loadScenarioText,
  MAX_EVENT_LOG_CHARS,
  parseEventLog,
  scenarioFromEvents,
} from '../../engine/index';
import type { Simulation } from '../state/simulation.svelte';

export type ImportOutcome = { ok: true; note: string } | { ok: false; errors: string[] };

const failed = (errors: string[]): ImportOutcome => ({ ok: false, errors });

/** A file name short enough for a message. */
const shortName = (name: string) => (name.length > 80 ? `${name.slice(0, 77)}...` : name);

/** Reads the file and loads what it holds into the simulation, playing it when it loads. */
export async function importFile(sim: Simulation, file: File): Promise<ImportOutcome> {
  const name = shortName(file.name);
  const lower = file.name.toLowerCase();
  const format = eventLogFormatOf(file.name);
  if (!lower.endsWith('.json') && format === null) {
    return failed([`${name}: choose a .json scenario, or a .csv, .ndjson or .jsonl event log`]);
  }
  // Size before reading: a file too large is refused without loading it into memory.
  if (file.size > MAX_EVENT_LOG_CHARS) {
    return failed([`${name}: the file is ${(file.size / 1e6).toFixed(1)} MB; the limit is about 20 MB`]);
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return failed([`${name}: the file could not be read`]);
  }
  return format === null ? importScenario(sim, name, text) : importEvents(sim, name, text, format);
}

function importScenario(sim: Simulation, name: string, text: string): ImportOutcome {
  const result = loadScenarioText(text);
  if (!result.ok) return failed(result.issues.map(formatIssue));
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!sim.load(JSON.parse(body) as unknown)) return failed(sim.issues.map(formatIssue));
  sim.play();
  return { ok: true, note: `Loaded the scenario “${result.scenario.title}” from ${name}.` };
}

function importEvents(sim: Simulation, name: string, text: string, format: 'csv' | 'ndjson'): ImportOutcome {
  const result = parseEventLog(text, format);
  if (!result.ok) return failed(result.errors.map(formatEventLogError));
  const n = result.entries.length;
  // Said before loading: afterwards sim.document is the import itself.
  const settings = importSettings(sim.document);
  const doc = scenarioFromEvents(result.entries, sim.document, {
    title: `Events from ${name}`.slice(0, 200),
    description: `${n} event${n === 1 ? '' : 's'} imported from ${name}, with the pipeline settings of the scenario that was open.`,
  });
  if (!sim.load(doc)) return failed(sim.issues.map((i) => `scenario: ${formatIssue(i)}`));
  sim.play();
  return { ok: true, note: `Imported ${n} event${n === 1 ? '' : 's'} from ${name}${result.sorted ? ', sorted by arrivalTime' : ''}. ${settings.sentence}` };
}
