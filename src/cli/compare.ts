/** The CLI's readable comparison of two semantics profiles: the windows whose results differ, and why. */
import { PROFILE_LABELS, type ProfileComparison, type ProfileSide } from '../engine/index';
import { num, table } from './table';

const MAX_ROWS = 60;

function emissions(side: ProfileSide): string {
  if (side.emissions.length === 0) return 'nothing';
  const shown = side.emissions.slice(0, 4).map((e) => `${e.retraction ? '-' : ''}${num(e.value)} ${e.firing}${e.pane !== undefined ? ` #${e.pane}` : ''} @${num(e.at)}`);
  return shown.join(', ') + (side.emissions.length > 4 ? `, +${side.emissions.length - 4} more` : '');
}

export function formatComparison(c: ProfileComparison): string {
  const [a, b] = c.profiles;
  const A = PROFILE_LABELS[a];
  const B = PROFILE_LABELS[b];
  const out: string[] = [];
  if (a === b) out.push(`${A} against itself: the same rules, so every window agrees.`);
  out.push(`${num(c.differing.length)} of ${num(c.windows)} windows differ between ${A} and ${B} (streaming mode).`);
  out.push(`Dropped as late: ${A} ${num(c.droppedLate[0])}, ${B} ${num(c.droppedLate[1])}.`);
  if (c.differing.length === 0) return out.join('\n');
  const rows = c.differing.slice(0, MAX_ROWS).map((d) => [
    d.key,
    `[${num(d.window.start)}, ${num(d.window.end)})`,
    num(d.truth),
    `${num(d.a.final)} (${emissions(d.a)})`,
    `${num(d.b.final)} (${emissions(d.b)})`,
  ]);
  out.push('');
  out.push(table(['key', 'window', 'truth', A, B], rows));
  if (c.differing.length > MAX_ROWS) out.push(`  ... and ${num(c.differing.length - MAX_ROWS)} more (use --json for everything)`);
  // The rules behind the differences, each once.
  const rules = [...new Set(c.differing.map((d) => d.rule))];
  out.push('');
  out.push('Why:');
  for (const rule of rules.slice(0, 8)) out.push(`  - ${rule}`);
  return out.join('\n');
}
