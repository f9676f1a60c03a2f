/**
 * Issue 13, defect 16: the README's piped command must give a clean JSON document on stdout.
 * `npm run sim -- … --json` printed npm's "> streamlab@… sim" banner first, so `| jq` failed.
 * This test takes the command the README documents for piping and runs it through a shell, as
 * a learner would, with `| cat` standing in for jq; stdout must parse as one JSON document.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's commands that pipe `--json` output into jq, as written. */
function documentedPipes(): string[] {
  return README.split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => /--json\s*\|\s*jq\b/.test(line));
}

function runPiped(command: string): { status: number | null; stdout: string; stderr: string } {
  // Replace the jq filter with `cat`: the machine need not have jq, and what jq would read is stdout.
  const shell = command.replace(/\|\s*jq\b.*$/, '| cat');
  const env = { ...process.env };
  delete env.STREAMLAB_DEBUG;
  const r = spawnSync('sh', ['-c', shell], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the documented piped CLI command', () => {
  it('the README documents at least one command piping --json into jq', () => {
    expect(documentedPipes().length).toBeGreaterThan(0);
  });

  it.each(documentedPipes().map((c) => [c]))('`%s` writes only JSON to stdout', (command) => {
    const { status, stdout, stderr } = runPiped(command);
    expect(status, stderr).toBe(0);
    const doc = JSON.parse(stdout) as { scenario: unknown; modes: unknown };
    expect(typeof doc.scenario).toBe('string');
    expect(doc.modes).toBeTypeOf('object');
  }, 120_000);
});
