/**
 * Golden outputs: the CLI's --json document for every shipped scenario, written next to this
 * file. Any change in what a scenario computes shows up as a diff in review; a change that is
 * meant must be regenerated with `npx vitest run test/golden -u` and explained in the commit.
 *
 * The scenario runs as shipped, and (for the smaller scenarios, to keep the files reviewable)
 * under each other semantics profile too, so every profile's rules are pinned on real lessons.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, loadScenarioText, runReport, SEMANTICS, type Scenario } from '../../src/engine/index';

const dir = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
/** Scenarios whose output is small enough to pin under every profile. */
const ALL_PROFILES_UNDER_CHARS = 100_000;

/** Exactly what `npm run -s sim -- <file> --json` prints. */
function cliJson(scenario: Scenario): string {
  const run = createRun(scenario);
  run.advanceTo(run.endTime);
  return `${JSON.stringify(runReport(run), null, 2)}\n`;
}

describe('golden outputs of the shipped scenarios', () => {
  it('finds the shipped scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
  });
  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    it(`${name} as shipped`, async () => {
      const loaded = loadScenarioText(readFileSync(join(dir, file), 'utf8'));
      if (!loaded.ok) throw new Error(`${file} does not load`);
      const text = cliJson(loaded.scenario);
      await expect(text).toMatchFileSnapshot(`outputs/${name}.json`);
      if (text.length >= ALL_PROFILES_UNDER_CHARS) return;
      for (const semantics of SEMANTICS) {
        if (semantics === loaded.scenario.processor.semantics) continue;
        const other = { ...loaded.scenario, processor: { ...loaded.scenario.processor, semantics } };
        await expect(cliJson(other)).toMatchFileSnapshot(`outputs/${name}.${semantics}.json`);
      }
    });
  }
});
