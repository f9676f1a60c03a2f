/** The CLI's readable summary of a run: counters, partitions, and each mode's results. */
import type { RunReport, ResultJson } from '../engine/index';
import { num, table } from './table';

const MAX_ROWS = 40;

function watermarkText(w: number | null): string {
  if (w === null) return '-inf';
  if (w === Number.MAX_SAFE_INTEGER) return '+inf';
  return num(w);
}

function resultRows(results: readonly ResultJson[]): string[][] {
  return results.map((r) => [
    r.key,
    `[${num(r.window.start)}, ${num(r.window.end)})`,
    (r.retraction ? 'retract ' : '') + num(r.value),
    r.firing,
    num(r.emittedAt),
    watermarkText(r.watermark),
  ]);
}

function limited(rows: string[][]): { rows: string[][]; more: number } {
  return rows.length > MAX_ROWS ? { rows: rows.slice(0, MAX_ROWS), more: rows.length - MAX_ROWS } : { rows, more: 0 };
}

export function formatSummary(report: RunReport): string {
  const out: string[] = [];
  out.push(`${report.title} (${report.scenario})`);
  out.push(`  ran to ${num(report.endTime)} ms of virtual processing time`);
  out.push('');
  const c = report.counters;
  out.push(
    `Counters: produced ${num(c.produced)} · appended ${num(c.appended)} · consumed ${num(c.consumed)} · redelivered ${num(c.redelivered)}` +
      ` · duplicates sent ${num(c.duplicatesSent)} · malformed sent ${num(c.malformedSent)} · late sent ${num(c.lateSent)}`,
  );
  out.push('');
  out.push('Partitions:');
  out.push(
    table(
      ['partition', 'log end', 'committed', 'final lag', 'max lag'],
      report.partitions.map((p) => [String(p.partition), num(p.logEndOffset), num(p.committedOffset), num(p.finalLag), num(p.maxLag)]),
    ),
  );
  const modes = [
    ['batch', 'Batch (complete data: the truth)'],
    ['microbatch', 'Micro-batch'],
    ['streaming', 'Streaming'],
  ] as const;
  for (const [name, title] of modes) {
    const m = report.modes[name];
    out.push('');
    const k = m.counters;
    const tally = k
      ? `counted ${num(k.counted)} · late ${num(k.droppedLate)} · deduplicated ${num(k.deduplicated)} · dead-lettered ${num(k.deadLettered)} · in flight ${num(k.inFlight)}` +
        (k.reread > 0 ? ` · re-read ${num(k.reread)} (counted again ${num(k.recounted)}, skipped ${num(k.skipped)})` : '')
      : '';
    out.push(`${title}: ${num(m.results.length)} results · ${tally}`);
    const { rows, more } = limited(resultRows(m.results));
    if (rows.length > 0) out.push(table(['key', 'window', 'value', 'firing', 'emitted at', 'watermark'], rows));
    if (more > 0) out.push(`  ... and ${num(more)} more (use --json for everything)`);
    if (m.dropped.length > 0) {
      const shown = m.dropped.slice(0, 10).map((d) => `${d.id} (${d.key} @${num(d.eventTime)}) ${d.reason}`);
      out.push(`  dropped: ${shown.join(', ')}${m.dropped.length > 10 ? `, ... ${num(m.dropped.length - 10)} more` : ''}`);
    }
  }
  return out.join('\n');
}
