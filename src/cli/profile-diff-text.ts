/** The CLI's readable comparison of two semantics profiles: the windows whose results differ, and why. */
import { profile, sameValue, type ProfileComparison, type ProfileSide, type ProfileWindowDiff } from '../engine/index';
import { num, table } from './table';

const MAX_ROWS = 60;

function emissions(side: ProfileSide): string {
  if (side.emissions.length === 0) return 'nothing';
  const shown = side.emissions.slice(0, 4).map((e) => `${e.retraction ? '-' : ''}${num(e.value)} ${e.firing}${e.pane !== undefined ? ` #${e.pane}` : ''} @${num(e.at)}`);
  return shown.join(', ') + (side.emissions.length > 4 ? `, +${side.emissions.length - 4} more` : '');
}

export function formatComparison(c: ProfileComparison): string {
  const [a, b] = c.profiles;
  const A = profile(a).label;
  const B = profile(b).label;
  const out: string[] = [];
  if (a === b) out.push(`${A} against itself: the same rules, so every window agrees.`);
  // A window whose final values agree differs only in when (or how often) it was emitted.
  const valuesDiffer = c.differing.filter((d) => !sameFinal(d)).length;
  const timingOnly = c.differing.length - valuesDiffer;
  const more = timingOnly > 0 ? `; ${num(timingOnly)} more ${timingOnly === 1 ? 'ends' : 'end'} with the same value, emitted differently` : '';
  out.push(`${num(valuesDiffer)} of ${num(c.windows)} windows end with different values in ${A} and ${B} (streaming mode)${more}.`);
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
  out.push('');
  out.push('Why:');
  for (const rule of whyLines(c).slice(0, 8)) out.push(`  - ${rule}`);
  return out.join('\n');
}

function sameFinal(d: ProfileWindowDiff): boolean {
  const [a, b] = [d.a.final, d.b.final];
  return a === null || b === null ? a === b : sameValue(a, b);
}

/**
 * The rules behind the differences: each window's own lead ("Flink ends with 3, ...") with the
 * profiles' rule sentences, each rule sentence said once (several windows cite the same ones).
 */
function whyLines(c: ProfileComparison): string[] {
  const ruleSentences = c.profiles.flatMap((p) => Object.values(profile(p).rules));
  const said = new Set<string>();
  const lines: string[] = [];
  for (const d of c.differing) {
    let line = d.rule;
    for (const sentence of ruleSentences) {
      if (!line.includes(sentence)) continue;
      if (said.has(sentence)) line = line.replace(sentence, '');
      else said.add(sentence);
    }
    line = line.replace(/\s+/g, ' ').trim();
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}
