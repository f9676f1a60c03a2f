/**
 * The README's example of watching a run from Node runs as written and prints what the README
 * says it prints. The code block is taken from the README itself, so the two cannot drift.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Watching a run: its Observables'));
const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const printed = /prints\n\n```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
// A scratch copy beside this test, so its imports resolve as they do from the project folder.
const scratch = join(import.meta.dirname, 'readme-example.scratch.ts');

afterEach(() => rmSync(scratch, { force: true }));

describe("the README's Observables example", () => {
  it('runs and prints the lines the README shows', async () => {
    expect(code).toContain('observeRun');
    expect(printed.split('\n').length).toBeGreaterThan(3);
    // The example runs from the project folder; this copy sits three folders down.
    writeFileSync(scratch, code.replace("from './src/engine/index'", "from '../../../src/engine/index'"));
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await import(/* @vite-ignore */ scratch);
    } finally {
      log.mockRestore();
    }
    expect(`${lines.join('\n')}\n`).toBe(printed);
  });
});
