/**
 * One mode's results as a file to download: CSV (one row per emitted result, with a header)
 * or JSON (the same objects the CLI's --json prints, via resultJson).
 */
import type { Run } from '../simulation/run';
import type { ModeName } from '../modes/mode-output';
import type { Result } from '../modes/results';
import { resultJson } from './report';

export const RESULTS_CSV_COLUMNS = ['key', 'windowStart', 'windowEnd', 'value', 'firing', 'emittedAt', 'watermark', 'retraction'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space,
 * with quotes doubled. Text that a spreadsheet would run as a formula (= + - @ first) gets a
 * leading apostrophe, the usual guard, since keys come from untrusted scenario files.
 */
export function csvField(value: string | number | boolean | null, guardFormula = false): string {
  if (value === null) return '';
  let text = String(value);
  if (guardFormula && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Batch results exist once the run has reached its end; before that there are none. */
function resultsOf(run: Run, mode: ModeName): readonly Result[] {
  return run.modes[mode]?.results ?? [];
}

/** One CSV line per result in emission order; an empty value or watermark means none (-infinity for a watermark). */
export function resultsCsv(run: Run, mode: ModeName): string {
  const lines = [RESULTS_CSV_COLUMNS.join(',')];
  for (const r of resultsOf(run, mode)) {
    const j = resultJson(r);
    lines.push(
      [csvField(j.key, true), csvField(j.window.start), csvField(j.window.end), csvField(j.value), csvField(j.firing), csvField(j.emittedAt), csvField(j.watermark), csvField(j.retraction === true)].join(','),
    );
  }
  // CRLF, as RFC 4180 writes it; every spreadsheet reads it.
  return `${lines.join('\r\n')}\r\n`;
}

/** { scenario, title, mode, results: [...] } as indented JSON text. */
export function resultsJson(run: Run, mode: ModeName): string {
  const doc = {
    scenario: run.scenario.id,
    title: run.scenario.title,
    mode,
    results: resultsOf(run, mode).map(resultJson),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
