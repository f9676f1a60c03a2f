/**
 * `npm run sim -- link <file>` and `npm run sim -- open '<link>'`, run as a learner runs them:
 * a subprocess from the project root. A file's link opens back to the same document; bad files
 * and damaged links exit 1 with the field path and rule (or a plain reason) and no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BAD = 'test/fixtures/scenarios/bad';
const TIMEOUT = 120_000;
const STACK_LINE = /^\s+at /m;

function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.STREAMLAB_DEBUG;
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fileJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, new URL('../../', import.meta.url)), 'utf8'));

describe('sim link / sim open', () => {
  it(
    'link prints a v1 fragment, and open turns it (bare, with "#", or as a whole URL) back into the same document',
    () => {
      const made = cli('link', 'scenarios/scripted-example.json');
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      const fragment = made.stdout.trim();
      expect(fragment).toMatch(/^s=v1\.[A-Za-z0-9+\-$]+$/);
      const expected = fileJson('scenarios/scripted-example.json');
      for (const form of [fragment, `#${fragment}`, `http://127.0.0.1:5173/#${fragment}`]) {
        const opened = cli('open', form);
        expect(opened.status).toBe(0);
        expect(JSON.parse(opened.stdout)).toEqual(expected);
        // Pretty-printed: two-space indentation, one field per line.
        expect(opened.stdout).toContain('\n  "version": 1,\n');
      }
    },
    TIMEOUT,
  );

  it(
    'open mentions the time and view a link carries, on stderr so stdout stays pure JSON',
    () => {
      const fragment = readFileSync(new URL('../fixtures/links/v1-late-and-duplicates.txt', import.meta.url), 'utf8').trim();
      const r = cli('open', fragment);
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { id: string }).id).toBe('late-and-duplicates');
      expect(r.stderr).toBe('(the link also sets time 30000 ms and view presenter)\n');
    },
    TIMEOUT,
  );

  it(
    'link refuses an invalid file with the field path and rule, like the file runner',
    () => {
      const r = cli('link', `${BAD}/negative-rate.json`);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${BAD}/negative-rate.json: the scenario is not valid:\n  producers[0].rate: must be > 0\n`);
      const missing = cli('link', `${BAD}/nope.json`);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe(`${BAD}/nope.json: cannot read the file (no such file)\n`);
    },
    TIMEOUT,
  );

  it(
    'open refuses a link whose scenario is invalid with the same field-path lines as a file',
    () => {
      const doc = readFileSync(new URL(`../../${BAD}/negative-rate.json`, import.meta.url), 'utf8');
      const r = cli('open', `s=v1.${LZString.compressToEncodedURIComponent(doc)}`);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('the scenario in the link is not valid:\n  producers[0].rate: must be > 0\n');
    },
    TIMEOUT,
  );

  it(
    'open refuses damaged links with a plain reason and no stack trace',
    () => {
      const good = cli('link', 'scenarios/clicks.json').stdout.trim();
      const cases: [string, RegExp][] = [
        [good.slice(0, good.length - 40), /damaged|not valid JSON/],
        ['s=v1.abc!def', /character 4 \("!"\) cannot appear/],
        ['s=v9.abc', /newer than this Streamlab reads/],
        ['#', /empty/],
      ];
      for (const [link, reason] of cases) {
        const r = cli('open', link);
        expect(r.status).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^the link could not be opened: /);
        expect(r.stderr).toMatch(reason);
        expect(r.stderr).not.toMatch(STACK_LINE);
      }
    },
    TIMEOUT,
  );

  it(
    'usage mistakes exit 2 with the usage text, and --help lists link and open',
    () => {
      const none = cli('open');
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('error: open takes one link, got 0');
      const json = cli('link', 'scenarios/clicks.json', '--json');
      expect(json.status).toBe(2);
      expect(json.stderr).toContain('error: --json does not apply to link');
      const help = cli('--help');
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('npm run -s sim -- link <scenario.json>');
      expect(help.stdout).toContain("npm run -s sim -- open '<link>'");
    },
    TIMEOUT,
  );
});
