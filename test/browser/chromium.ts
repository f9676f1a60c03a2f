/**
 * Which Chromium the browser tests drive, and what to do when there is none. Shared by the
 * harness (which launches it) and `npm test`'s pretest step (ensure-chromium.ts), so both look
 * in the same places. planChromium only decides; the caller touches the machine.
 */
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Debian's chromium first (what the project is tested with), then Ubuntu's and Google's. */
export const CHROMIUM_CANDIDATES: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const INSTALL_COMMANDS: readonly (readonly string[])[] = [
  ['apt-get', 'update', '-qq'],
  ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'],
];

export interface Machine {
  env: Record<string, string | undefined>;
  executable(path: string): boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}

export type ChromiumPlan =
  | { kind: 'found'; path: string }
  | { kind: 'install'; commands: string[][] }
  | { kind: 'stop'; message: string };

const WHAT_TO_RUN = 'set CHROMIUM_PATH to a Chromium or Chrome executable';

export function planChromium(machine: Machine): ChromiumPlan {
  const fromEnv = machine.env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    // A path the user chose that is wrong is reported, not replaced by a browser they did not choose.
    if (machine.executable(fromEnv)) return { kind: 'found', path: fromEnv };
    return { kind: 'stop', message: `The browser tests need Chromium, but CHROMIUM_PATH=${fromEnv} is not an executable file: fix CHROMIUM_PATH to a Chromium or Chrome executable, or unset it.` };
  }
  const found = CHROMIUM_CANDIDATES.find((p) => machine.executable(p));
  if (found) return { kind: 'found', path: found };
  if (machine.isRoot && machine.hasAptGet) return { kind: 'install', commands: INSTALL_COMMANDS.map((c) => [...c]) };
  const looked = CHROMIUM_CANDIDATES.join(', ');
  const how = machine.hasAptGet ? `run \`sudo apt-get update && sudo apt-get install -y chromium\` (Debian), or ${WHAT_TO_RUN}` : WHAT_TO_RUN;
  return { kind: 'stop', message: `The browser tests need Chromium and none was found (looked in ${looked}): ${how}, then run npm test again.` };
}

/** The machine this process runs on. */
export function thisMachine(): Machine {
  const onPath = (name: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return {
    env: process.env,
    executable: (path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: onPath('apt-get'),
  };
}
