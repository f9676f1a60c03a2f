/**
 * Streamlab's command-line runner.
 *
 *   npm run sim -- <scenario.json>          readable summary
 *   npm run sim -- <scenario.json> --json   one JSON document
 *
 * Bad input exits non-zero with a field-path message on stderr and no stack trace.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRun, formatIssue, loadScenarioText, runReport } from '../engine/index';
import { formatSummary } from './summary';

const USAGE = `Usage:
  npm run sim -- <scenario.json> [--json]

Options:
  --json     print one JSON document (counters, and per mode: results and dropped events)
  --help     show this help`;

class UsageError extends Error {}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    // Node's own wording suggests `--` tricks that do not apply under `npm run sim --`.
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option ${unknown[1]}` : message.split('. ')[0]);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('missing the scenario file');
  if (files.length > 1) throw new UsageError(`expected one scenario file, got ${files.length}: ${files.join(' ')}`);
  const file = files[0];

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? err)})\n`);
    return 1;
  }
  const loaded = loadScenarioText(text);
  if (!loaded.ok) {
    process.stderr.write(`${file}: the scenario is not valid:\n${loaded.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
    return 1;
  }
  const run = createRun(loaded.scenario);
  run.advanceTo(run.endTime);
  const report = runReport(run);
  process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report)}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    // An engine failure is a bug: say so plainly, without a stack trace for the learner.
    process.stderr.write(`internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.STREAMLAB_DEBUG) console.error(err);
    process.exitCode = 70;
  }
}
