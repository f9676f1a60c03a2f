/**
 * Issue 13, defect 18: `npm test` on a fresh Debian or Ubuntu machine. Before the browser tests
 * run, `pretest` looks for a browser (CHROMIUM_PATH, then Debian's, Ubuntu's and Google's usual
 * paths), installs Debian's chromium itself when it can (root, apt-get), or stops at once with
 * one line saying what to run. planChromium is that decision, without touching the machine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, planChromium, type Machine } from '../browser/chromium';

const machine = (over: Partial<Machine> = {}): Machine => ({ env: {}, executable: () => false, isRoot: false, hasAptGet: false, ...over });

describe('finding a browser for the browser tests', () => {
  it('uses CHROMIUM_PATH first when it is executable', () => {
    const plan = planChromium(machine({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, executable: (p) => p === '/opt/chrome/chrome' || p === '/usr/bin/chromium' }));
    expect(plan).toEqual({ kind: 'found', path: '/opt/chrome/chrome' });
  });

  it('stops with one line when CHROMIUM_PATH names nothing, instead of silently using another browser', () => {
    const plan = planChromium(machine({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, executable: (p) => p === '/usr/bin/chromium' }));
    expect(plan.kind).toBe('stop');
    if (plan.kind === 'stop') {
      expect(plan.message).toContain('CHROMIUM_PATH=/nowhere/chrome');
      expect(plan.message).not.toContain('\n');
    }
  });

  it.each(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'])('finds %s', (path) => {
    expect(planChromium(machine({ executable: (p) => p === path }))).toEqual({ kind: 'found', path });
  });

  it('prefers Debian’s chromium to the others', () => {
    expect(CHROMIUM_CANDIDATES[0]).toBe('/usr/bin/chromium');
    expect(planChromium(machine({ executable: () => true }))).toEqual({ kind: 'found', path: '/usr/bin/chromium' });
  });

  it('installs Debian’s chromium when there is none, as root with apt-get', () => {
    const plan = planChromium(machine({ isRoot: true, hasAptGet: true }));
    expect(plan.kind).toBe('install');
    if (plan.kind === 'install') {
      expect(plan.commands).toEqual([
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
      ]);
    }
  });

  it.each([
    ['not root', { isRoot: false, hasAptGet: true }, 'sudo apt-get update && sudo apt-get install -y chromium'],
    ['no apt-get', { isRoot: true, hasAptGet: false }, 'set CHROMIUM_PATH'],
  ])('stops at once with one line saying what to run when %s', (_why, over, words) => {
    const plan = planChromium(machine(over));
    expect(plan.kind).toBe('stop');
    if (plan.kind === 'stop') {
      expect(plan.message).toContain(words);
      expect(plan.message).toContain('CHROMIUM_PATH');
      expect(plan.message).not.toContain('\n');
    }
  });

  it('npm test runs the check before vitest (pretest), and .ci/run still installs chromium itself', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toContain('test/browser/ensure-chromium.ts');
    expect(pkg.scripts.test).toBe('vitest run');
    expect(readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).toContain('apt-get install');
  });
});
