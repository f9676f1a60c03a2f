/**
 * `npm test`'s pretest step: make sure the browser tests have a Chromium before vitest starts.
 * Silent when one is found; installs Debian's chromium when it can (root, apt-get); otherwise
 * stops at once with one line saying what to run (see chromium.ts).
 */
import { spawnSync } from 'node:child_process';
import { planChromium, thisMachine } from './chromium';

function main(): number {
  const machine = thisMachine();
  let plan = planChromium(machine);
  if (plan.kind === 'install') {
    console.error('No Chromium found for the browser tests; installing Debian\'s chromium with apt-get (this takes a minute)...');
    for (const [command, ...args] of plan.commands) {
      const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (r.status !== 0) {
        console.error(`\`${[command, ...args].join(' ')}\` failed; install a Chromium yourself, or set CHROMIUM_PATH to a Chromium or Chrome executable.`);
        return 1;
      }
    }
    plan = planChromium(machine);
  }
  if (plan.kind === 'found') return 0;
  console.error(plan.kind === 'stop' ? plan.message : 'apt-get installed chromium, but no Chromium executable appeared; set CHROMIUM_PATH to one.');
  return 1;
}

process.exitCode = main();
