/** The CLI's readable summary of a run: counters, partitions, and each mode's results. */
import { profile, type RunReport, type ResultJson } from '../engine/index';
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
    r.firing + (r.pane !== undefined ? ` #${r.pane}` : ''),
    num(r.emittedAt),
    r.visibleAt === r.emittedAt ? '=' : num(r.visibleAt),
    watermarkText(r.watermark),
  ]);
}

type RecoveryJson = RunReport['modes']['streaming']['recoveries'][number];

function recoveryText(r: RecoveryJson): string {
  const what = r.kind === 'crash' ? `failed at ${num(r.at)}, restarted at ${num(r.restartAt)}` : `replayed at ${num(r.at)}`;
  const state =
    r.restoredTo === null
      ? r.restoredFrom === 'kept'
        ? 'state kept (restored from the changelog)'
        : 'empty state'
      : `state of the ${r.restoredFrom} at ${num(r.restoredTo)}`;
  return `${what}: ${state}, reading from offsets ${r.offsets.join(', ')}; re-read ${num(r.reread)}, counted twice ${num(r.recounted)}${r.aborted > 0 ? `, aborted ${num(r.aborted)} results` : ''}`;
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
  for (const note of report.notes) out.push(`Note: ${note}`);
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
    ['streaming', `Streaming (${profile(report.semantics).label} rules)`],
  ] as const;
  for (const [name, title] of modes) {
    const m = report.modes[name];
    out.push('');
    const k = m.counters;
    const tally = k
      ? `counted ${num(k.counted)} · late ${num(k.droppedLate)} · deduplicated ${num(k.deduplicated)} · dead-lettered ${num(k.deadLettered)} · in flight ${num(k.inFlight)}` +
        (k.reread > 0 ? ` · re-read ${num(k.reread)} (counted twice ${num(k.recounted)})` : '')
      : '';
    out.push(`${title}: ${num(m.results.length)} results · ${tally}`);
    for (const r of m.recoveries) out.push(`  ${recoveryText(r)}`);
    if (m.aborted.length > 0) out.push(`  ${num(m.aborted.length)} results emitted in aborted transactions (never visible; --json lists them under "aborted")`);
    const { rows, more } = limited(resultRows(m.results));
    if (rows.length > 0) out.push(table(['key', 'window', 'value', 'firing', 'emitted at', 'visible at', 'watermark'], rows));
    if (more > 0) out.push(`  ... and ${num(more)} more (use --json for everything)`);
    if (m.dropped.length > 0) {
      const shown = m.dropped.slice(0, 10).map((d) => `${d.id} (${d.key} @${num(d.eventTime)}) ${d.reason}${d.window ? ` from [${num(d.window.start)}, ${num(d.window.end)})` : ''}`);
      out.push(`  dropped: ${shown.join(', ')}${m.dropped.length > 10 ? `, ... ${num(m.dropped.length - 10)} more` : ''}`);
    }
  }
  out.push('');
  out.push(formatDivergence(report));
  return out.join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
// Latencies are processing-time spans, never negative: no sign.
const ms = (x: number | null) => (x === null ? '-' : `${num(x)} ms`);

/** The side-by-side table: each mode against batch truth, then the windows that differ most. */
export function formatDivergence(report: RunReport): string {
  const names = ['batch', 'microbatch', 'streaming'] as const;
  const d = names.map((n) => report.modes[n].divergence?.summary ?? null);
  const row = (label: string, cell: (s: NonNullable<(typeof d)[number]>) => string): string[] => [label, ...d.map((s) => (s ? cell(s) : '-'))];
  const lines = [
    'Divergence from batch truth:',
    table(
      ['', 'batch', 'micro-batch', 'streaming'],
      [
        row('windows emitted', (s) => num(s.windows)),
        row('final = truth', (s) => num(s.exact)),
        row('final != truth', (s) => num(s.wrong)),
        row('missing windows', (s) => num(s.missing)),
        row('extra windows', (s) => num(s.extra)),
        row('completeness', (s) => pct(s.completeness)),
        row('first result p50', (s) => ms(s.latencyP50)),
        row('first result max', (s) => ms(s.latencyMax)),
        row('first visible p50', (s) => ms(s.visibleLatencyP50)),
        row('aborted results', (s) => num(s.aborted)),
        row('max |error|', (s) => num(s.maxAbsError)),
        row('sum of errors', (s) => num(s.sumError)),
        row('dropped late', (s) => num(s.droppedLate)),
        row('deduplicated', (s) => num(s.deduplicated)),
        row('dead-lettered', (s) => num(s.deadLettered)),
        row('counted again', (s) => num(s.recounted)),
      ],
    ),
  ];
  // The windows where the modes disagree most with the truth.
  const mb = report.modes.microbatch.divergence?.windows ?? [];
  const st = report.modes.streaming.divergence?.windows ?? [];
  const keyOf = (w: { key: string; window: { start: number; end: number } }) => `${w.key}|${w.window.start}|${w.window.end}`;
  const stByKey = new Map(st.map((w) => [keyOf(w), w]));
  const differing = mb
    .map((w) => ({ w, s: stByKey.get(keyOf(w)) }))
    .filter(({ w, s }) => (w.error ?? 0) !== 0 || (s?.error ?? 0) !== 0 || w.final === null || s?.final === null)
    .filter(({ w }) => w.truth !== null)
    .sort((a, b) => Math.abs(b.w.error ?? 0) + Math.abs(b.s?.error ?? 0) - (Math.abs(a.w.error ?? 0) + Math.abs(a.s?.error ?? 0)))
    .slice(0, 10);
  if (differing.length > 0) {
    lines.push('', 'Windows where a mode differs from the truth (largest errors first):');
    lines.push(
      table(
        ['key', 'window', 'truth', 'micro-batch', 'streaming'],
        differing.map(({ w, s }) => [w.key, `[${num(w.window.start)}, ${num(w.window.end)})`, num(w.truth), num(w.final), num(s?.final ?? null)]),
      ),
    );
  }
  return lines.join('\n');
}
