/**
 * Streamlab's command-line runner.
 *
 *   npm run -s sim -- <scenario.json>          readable summary
 *   npm run -s sim -- <scenario.json> --json   one JSON document
 *   npm run -s sim -- link <scenario.json>     the shared-link fragment for a scenario
 *   npm run -s sim -- open '<link>'            the scenario inside a shared link, as JSON
 *   npm run -s sim -- compare <scenario.json> <profileA> <profileB>
 *                                              the windows whose streaming results differ
 *
 * `-s` keeps npm's banner off stdout, so --json output can be piped.
 *
 * Bad input exits non-zero with a field-path message on stderr and no stack trace.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lastValueFrom } from 'rxjs';
import { compareProfiles, createRun, decodeLink, encodeLink, formatIssue, linkFragment, loadScenarioText, observeRun, runReport, SEMANTICS } from '../engine/index';
import type { Scenario, SemanticsName } from '../engine/index';
import { formatComparison } from './profile-diff-text';
import { formatSummary } from './summary';

const USAGE = `Usage:
  npm run -s sim -- <scenario.json> [--json]
  npm run -s sim -- link <scenario.json>     print a shared-link fragment (the part after '#')
  npm run -s sim -- open '<link>'            print the scenario in a shared link as JSON
                                             (a full URL, '#s=v1...' or 's=v1...'; quote it)
  npm run -s sim -- compare <scenario.json> <profileA> <profileB> [--json]
                                             run the streaming mode under two semantics
                                             profiles and print the windows whose results differ

  -s keeps npm's banner off stdout, so --json output can be piped (| jq ...).
  Without npm: node --import tsx src/cli/main.ts <the same arguments>

Profiles: ${SEMANTICS.join(', ')}

Options:
  --json               print one JSON document (counters, and per mode: results and dropped events)
  --semantics <name>   run the streaming mode under this profile instead of the scenario's
  --help               show this help`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, semantics: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  const command = parsed.positionals[0];
  const semantics = parsed.values.semantics === undefined ? undefined : profileName(parsed.values.semantics, '--semantics');
  if (command === 'compare') {
    const rest = parsed.positionals.slice(1);
    if (semantics !== undefined) throw new UsageError('--semantics does not apply to compare (name the two profiles instead)');
    if (rest.length !== 3) throw new UsageError(`compare takes a scenario file and two profiles, got ${rest.length} argument(s)`);
    return compare(rest[0], profileName(rest[1], 'profileA'), profileName(rest[2], 'profileB'), parsed.values.json ?? false);
  }
  if (command === 'link' || command === 'open') {
    const rest = parsed.positionals.slice(1);
    const what = command === 'link' ? 'scenario file' : 'link';
    if (parsed.values.json) throw new UsageError(`--json does not apply to ${command}`);
    if (semantics !== undefined) throw new UsageError(`--semantics does not apply to ${command}`);
    if (rest.length !== 1) throw new UsageError(`${command} takes one ${what}, got ${rest.length}`);
    return command === 'link' ? printLink(rest[0]) : openLink(rest[0]);
  }
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('missing the scenario file');
  if (files.length > 1) throw new UsageError(`expected one scenario file, got ${files.length}: ${files.join(' ')}`);
  const file = files[0];
  const loaded = readScenario(file);
  if (!loaded) return 1;
  const scenario = semantics === undefined ? loaded.scenario : { ...loaded.scenario, processor: { ...loaded.scenario.processor, semantics } };
  // The report is built from the run's end, as a subscriber to its Observables sees it.
  const streams = observeRun(createRun(scenario));
  const finished = lastValueFrom(streams.end$);
  streams.play();
  const report = runReport(await finished);
  process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSummary(report)}\n`);
  return 0;
}

/** A profile name from the command line, or a usage error naming the argument and the choices. */
function profileName(value: string, what: string): SemanticsName {
  const found = SEMANTICS.find((name) => name === value);
  if (!found) throw new UsageError(`${what} must be one of ${SEMANTICS.join(', ')}, not "${value}"`);
  return found;
}

/** `compare <file> <A> <B>`: the windows whose streaming results differ between two profiles. */
function compare(file: string, a: SemanticsName, b: SemanticsName, json: boolean): number {
  const loaded = readScenario(file);
  if (!loaded) return 1;
  const comparison = compareProfiles(loaded.scenario, a, b);
  process.stdout.write(json ? `${JSON.stringify(comparison, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n` : `${formatComparison(comparison)}\n`);
  return 0;
}

/** Reads and validates a scenario file; on failure prints why (field path and rule) and gives null. */
function readScenario(file: string): { scenario: Scenario; text: string } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? err)})\n`);
    return null;
  }
  const loaded = loadScenarioText(text);
  if (!loaded.ok) {
    process.stderr.write(`${file}: the scenario is not valid:\n${loaded.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
    return null;
  }
  return { scenario: loaded.scenario, text };
}

/** `link <file>`: the fragment for the file's document as written (defaults stay implicit). */
function printLink(file: string): number {
  const loaded = readScenario(file);
  if (!loaded) return 1;
  const document: unknown = JSON.parse(loaded.text.charCodeAt(0) === 0xfeff ? loaded.text.slice(1) : loaded.text);
  const encoded = encodeLink(document);
  if (!encoded.ok) {
    process.stderr.write(`${file}: cannot make a link: ${encoded.message}\n`);
    return 1;
  }
  process.stdout.write(`${encoded.fragment}\n`);
  return 0;
}

/** `open <link>`: the scenario document inside a link, pretty-printed. */
function openLink(link: string): number {
  const decoded = decodeLink(linkFragment(link));
  if (!decoded.ok) {
    if (decoded.issues) process.stderr.write(`the scenario in the link is not valid:\n${decoded.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
    else process.stderr.write(`the link could not be opened: ${decoded.message}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(decoded.document, null, 2)}\n`);
  if (decoded.time !== undefined || decoded.view !== undefined) {
    const extras = [decoded.time !== undefined ? `time ${decoded.time} ms` : '', decoded.view !== undefined ? `view ${decoded.view}` : ''].filter(Boolean);
    process.stderr.write(`(the link also sets ${extras.join(' and ')})\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      // An engine failure is a bug: say so plainly, without a stack trace for the learner.
      process.stderr.write(`internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env.STREAMLAB_DEBUG) console.error(err);
      process.exitCode = 70;
    }
  },
);
