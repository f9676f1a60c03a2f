/**
 * The folder tree is the architecture, so the imports must follow it:
 * - src/ui and src/cli reach the engine only through src/engine/index.ts;
 * - the engine never imports the UI, the CLI or Svelte;
 * - each engine folder imports only folders on a lower layer (LAYERS below), so the low
 *   pieces (windows, broker, watermarks) can be read and tested alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');

/** Lower numbers are lower layers; a folder may import its own layer's folder and lower layers. */
const LAYERS: Record<string, number> = {
  util: 0,
  trace: 0,
  random: 0,
  scenario: 0,
  time: 1,
  decisions: 1,
  aggregates: 2,
  producers: 2,
  watermarks: 2,
  broker: 3,
  windows: 3,
  semantics: 4,
  modes: 5,
  recovery: 6,
  simulation: 7,
  metrics: 8,
  import: 8,
  share: 8,
  streams: 8,
  report: 9,
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push(m[1]);
  return found;
}

/** Resolved repository-relative targets of a file's relative imports. */
function relativeTargets(file: string): string[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(src, resolve(dirname(file), s)).replace(/\.ts$/, ''));
}

describe('import structure', () => {
  it('finds import specifiers of every form', () => {
    const text = "import a from './a';\nexport { b } from '../b';\nconst c = await import('./c');\nimport './d.css';";
    expect(specifiers(text)).toEqual(['./a', '../b', './c', './d.css']);
  });

  it('src/ui and src/cli import the engine only through src/engine/index.ts', () => {
    const offenders: string[] = [];
    for (const area of ['ui', 'cli']) {
      for (const file of filesUnder(join(src, area))) {
        for (const target of relativeTargets(file)) {
          if (target.startsWith('engine/') && target !== 'engine/index') offenders.push(`${relative(root, file)} imports src/${target}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the engine imports neither the UI, the CLI nor Svelte', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(join(src, 'engine'))) {
      const text = readFileSync(file, 'utf8');
      for (const s of specifiers(text)) if (s.startsWith('svelte')) offenders.push(`${relative(root, file)} imports ${s}`);
      for (const target of relativeTargets(file)) if (!target.startsWith('engine/')) offenders.push(`${relative(root, file)} imports src/${target}`);
    }
    expect(offenders).toEqual([]);
  });

  it('every engine folder has a layer', () => {
    const folders = readdirSync(join(src, 'engine')).filter((name) => statSync(join(src, 'engine', name)).isDirectory());
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it('each engine folder imports only its own and lower layers', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(join(src, 'engine'))) {
      const from = relative(join(src, 'engine'), file).split('/')[0];
      if (!(from in LAYERS)) continue; // index.ts: the public surface may import anything
      for (const target of relativeTargets(file)) {
        const to = target.split('/')[1];
        if (to === from || !(to in LAYERS)) continue;
        if (LAYERS[to] >= LAYERS[from]) offenders.push(`${relative(root, file)} (${from}, layer ${LAYERS[from]}) imports ${to} (layer ${LAYERS[to]})`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
