/**
 * Event logs from elsewhere (a spreadsheet, a database export, a script) as a scripted
 * producer's entries: CSV with a header row, or NDJSON (one JSON object per line). The
 * columns are key, value, eventTime and, optionally, arrivalTime, id, type and malformed;
 * docs/scenario-format.md ("Importing an event log") describes them.
 *
 * A scripted producer lists entries in arrival order, so:
 * - when every row has an arrivalTime, rows are sorted by it (stable: equal times keep file order);
 * - when no row has one, rows keep file order and arrive 1 ms apart (0, 1, 2, ...), the
 *   scripted producer's rule for entries without arrivalTime;
 * - a file where only some rows have one is refused, since there is no honest way to place the others.
 *
 * Rows are numbered as a spreadsheet shows them: in a CSV the header is row 1, and a row is
 * numbered by the line it starts on; in NDJSON row N is line N. Nothing here throws.
 */
import { LIMITS, type ScriptEntry } from '../scenario/schema';
import { checkEntries, formatSourceError, MAX_REPORTED, report, type SourceError } from './entries';

export type EventLogFormat = 'csv' | 'ndjson';

export type EventLogResult =
  | { ok: true; format: EventLogFormat; entries: ScriptEntry[]; /** rows were reordered by arrivalTime */ sorted: boolean }
  | { ok: false; format: EventLogFormat; errors: SourceError[] };

/** Largest file accepted (in characters), checked before any work: about 20 MB of text. */
export const MAX_EVENT_LOG_CHARS = 20_000_000;

export const EVENT_COLUMNS = ['key', 'value', 'eventTime', 'arrivalTime', 'id', 'type', 'malformed'] as const;
type Column = (typeof EVENT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['key', 'value', 'eventTime'];

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const fmt = (n: number) => n.toLocaleString('en-US');

/** The format a file name implies: .csv, or .ndjson / .jsonl; null for anything else. */
export function eventLogFormatOf(fileName: string): EventLogFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return null;
}

/** "row 7: eventTime: must be an integer number of ms" */
export function formatEventLogError(error: SourceError): string {
  return formatSourceError(error, 'row');
}

interface Row {
  row: number;
  entry: Record<string, unknown>;
}

type Cell = { ok: true; value: unknown } | { ok: false; message: string };

// ---- one field, from CSV text or a JSON value ----

/** A CSV cell is always there (maybe blank); a JSON field may be left out. */
const absent = (field: string, raw: unknown) => `${field}: ${raw === undefined ? 'is missing' : 'is empty'}`;

function timeCell(field: string, raw: unknown, optional: boolean, textual: boolean): Cell {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return optional ? { ok: true, value: undefined } : { ok: false, message: absent(field, raw) };
  }
  const rule = `${field}: must be an integer number of ms${optional ? ' (or empty)' : ''}`;
  if (typeof raw === 'number') return Number.isInteger(raw) ? { ok: true, value: raw } : { ok: false, message: rule };
  if (typeof raw === 'string' && textual && INTEGER.test(raw.trim())) return { ok: true, value: Number(raw.trim()) };
  return { ok: false, message: typeof raw === 'string' && !textual ? `${rule}, not a string` : rule };
}

function numberCell(field: string, raw: unknown, textual: boolean): Cell {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: false, message: absent(field, raw) };
  if (typeof raw === 'number') return { ok: true, value: raw };
  if (typeof raw === 'string' && textual && NUMBER.test(raw.trim())) {
    const n = Number(raw.trim());
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `${field}: must be a finite number` };
  }
  return { ok: false, message: `${field}: must be a number, like 1 or 2.5${typeof raw === 'string' && !textual ? ', not a string' : ''}` };
}

function textCell(field: string, raw: unknown, optional: boolean, trim: boolean): Cell {
  if (raw === undefined || raw === null || raw === '') {
    return optional ? { ok: true, value: undefined } : { ok: false, message: absent(field, raw) };
  }
  if (typeof raw !== 'string') return { ok: false, message: `${field}: must be a string` };
  const text = trim ? raw.trim() : raw;
  return text === '' && optional ? { ok: true, value: undefined } : { ok: true, value: text };
}

function booleanCell(field: string, raw: unknown, textual: boolean): Cell {
  if (raw === undefined || raw === null || raw === false) return { ok: true, value: undefined };
  if (raw === true) return { ok: true, value: true };
  if (typeof raw === 'string' && textual) {
    const word = raw.trim().toLowerCase();
    if (word === '' || word === 'false' || word === '0' || word === 'no') return { ok: true, value: undefined };
    if (word === 'true' || word === '1' || word === 'yes') return { ok: true, value: true };
  }
  return { ok: false, message: `${field}: must be true or false (or empty)` };
}

/**
 * Builds one entry from named raw fields; the first problem is returned as the row's message.
 * `textual` fields (CSV cells) are read from text; JSON fields must already have the right type.
 */
function entryOf(get: (c: Column) => unknown, textual: boolean): { ok: true; entry: Record<string, unknown> } | { ok: false; message: string } {
  const cells: [Column, Cell][] = [
    ['key', textCell('key', get('key'), false, false)],
    ['value', numberCell('value', get('value'), textual)],
    ['eventTime', timeCell('eventTime', get('eventTime'), false, textual)],
    ['arrivalTime', timeCell('arrivalTime', get('arrivalTime'), true, textual)],
    ['id', textCell('id', get('id'), true, false)],
    ['type', textCell('type', get('type'), true, true)],
    ['malformed', booleanCell('malformed', get('malformed'), textual)],
  ];
  const entry: Record<string, unknown> = {};
  for (const [column, cell] of cells) {
    if (!cell.ok) return cell;
    if (cell.value !== undefined) entry[column] = cell.value;
  }
  return { ok: true, entry };
}

// ---- CSV (RFC 4180) ----

type CsvRecord = { line: number; fields: string[] };

/**
 * Reads RFC 4180 records: comma-separated, "quoted" fields may hold commas, line breaks and
 * doubled quotes (""); records end at CRLF or LF. Blank lines are skipped. Stops (returning an
 * error) at the first malformed record, or when `visit` returns false.
 */
function readCsv(text: string, visit: (record: CsvRecord) => boolean): SourceError | null {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        quotedAny = true;
        i++;
        let value = '';
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0) return { line: start, message: 'a quoted field is never closed (a quote inside a field is written "")' };
          const chunk = text.slice(i, close);
          value += chunk;
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
          if (text.charCodeAt(close + 1) === 34) {
            value += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        const next = text.charCodeAt(i);
        if (i < n && next !== 44 && next !== 10 && next !== 13) {
          return { line: start, message: 'text after a closing quote (quote the whole field, and write a quote inside it as "")' };
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) return { line: start, message: 'a quote inside an unquoted field (quote the whole field, and write the quote as "")' };
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      // End of the record: CRLF, LF, a lone CR, or the end of the text.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
      else if (i < n) i++;
      line++;
      break;
    }
    const blank = !quotedAny && fields.length === 1 && fields[0].trim() === '';
    if (!blank && !visit({ line: start, fields })) return null;
  }
  return null;
}

/** Parses a CSV event log (header row required). */
export function parseCsvEvents(text: string): EventLogResult {
  const format = 'csv';
  try {
    const early = checkSize(text);
    if (early) return { ok: false, format, errors: [early] };
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const errors: SourceError[] = [];
    const rows: Row[] = [];
    let header: (Column | null)[] | null = null;
    const fail = readCsv(body, (record) => {
      if (header === null) {
        header = readHeader(record, errors);
        return header !== null;
      }
      if (rows.length >= LIMITS.scriptedEntries) {
        report(errors, record.line, `more than ${fmt(LIMITS.scriptedEntries)} rows; that is the limit for one scripted producer`);
        return false;
      }
      const columns: (Column | null)[] = header;
      if (record.fields.length !== columns.length) {
        return report(errors, record.line, `has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}; the header has ${columns.length} (a comma inside a field needs "quotes")`);
      }
      const built = entryOf((c) => {
        const at = columns.indexOf(c);
        return at < 0 ? undefined : record.fields[at];
      }, true);
      if (!built.ok) return report(errors, record.line, built.message);
      rows.push({ row: record.line, entry: built.entry });
      return true;
    });
    if (fail) report(errors, fail.line, fail.message);
    if (errors.length === 0 && header === null) return { ok: false, format, errors: [{ line: 0, message: `the file is empty; it needs a header row (${EVENT_COLUMNS.join(',')}) and one row per event` }] };
    return finish(format, rows, errors);
  } catch (err) {
    return { ok: false, format, errors: [unexpected(err)] };
  }
}

function readHeader(record: CsvRecord, errors: SourceError[]): (Column | null)[] | null {
  const columns = record.fields.map((name) => EVENT_COLUMNS.find((c) => c.toLowerCase() === name.trim().toLowerCase()) ?? null);
  const unknown = record.fields.filter((_, i) => columns[i] === null).map((name) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name));
  if (unknown.length > 0) {
    report(errors, record.line, `unknown column${unknown.length === 1 ? '' : 's'} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} (the columns are ${EVENT_COLUMNS.join(', ')})`);
  }
  for (const c of EVENT_COLUMNS) {
    if (columns.filter((x) => x === c).length > 1) report(errors, record.line, `column "${c}" appears twice`);
  }
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    report(errors, record.line, `missing column${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')} (the header row must name key, value and eventTime)`);
  }
  return errors.length > 0 ? null : columns;
}

// ---- NDJSON ----

/** Parses NDJSON: one JSON object per line, with the same field names as the CSV columns. */
export function parseNdjsonEvents(text: string): EventLogResult {
  const format = 'ndjson';
  try {
    const early = checkSize(text);
    if (early) return { ok: false, format, errors: [early] };
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const errors: SourceError[] = [];
    const rows: Row[] = [];
    const known = new Set<string>(EVENT_COLUMNS);
    let start = 0;
    for (let row = 1; start <= body.length; row++) {
      const end = body.indexOf('\n', start);
      const raw = body.slice(start, end < 0 ? body.length : end);
      start = end < 0 ? body.length + 1 : end + 1;
      if (raw.trim() === '') continue;
      if (rows.length >= LIMITS.scriptedEntries) {
        report(errors, row, `more than ${fmt(LIMITS.scriptedEntries)} rows; that is the limit for one scripted producer`);
        break;
      }
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        if (!report(errors, row, 'not valid JSON (each line must be one complete JSON object)')) break;
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        if (!report(errors, row, 'must be a JSON object like {"key": "a", "value": 1, "eventTime": 1000}')) break;
        continue;
      }
      const obj = value as Record<string, unknown>;
      const unknown = Object.keys(obj).filter((k) => !known.has(k));
      if (unknown.length > 0) {
        const names = unknown.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}...` : k)).join(', ');
        if (!report(errors, row, `unknown field${unknown.length === 1 ? '' : 's'} ${names} (the fields are ${EVENT_COLUMNS.join(', ')})`)) break;
        continue;
      }
      const built = entryOf((c) => (Object.hasOwn(obj, c) ? obj[c] : undefined), false);
      if (!built.ok) {
        if (!report(errors, row, built.message)) break;
        continue;
      }
      rows.push({ row, entry: built.entry });
    }
    return finish(format, rows, errors);
  } catch (err) {
    return { ok: false, format, errors: [unexpected(err)] };
  }
}

/** Parses a log in the given format (see eventLogFormatOf for choosing one from a file name). */
export function parseEventLog(text: string, format: EventLogFormat): EventLogResult {
  return format === 'csv' ? parseCsvEvents(text) : parseNdjsonEvents(text);
}

// ---- shared ----

function checkSize(text: unknown): SourceError | null {
  if (typeof text !== 'string') return { line: 0, message: 'the file must be text' };
  if (text.length > MAX_EVENT_LOG_CHARS) return { line: 0, message: `the file is ${fmt(text.length)} characters; the limit is ${fmt(MAX_EVENT_LOG_CHARS)} (about 20 MB)` };
  return null;
}

function unexpected(err: unknown): SourceError {
  return { line: 0, message: `could not be read: ${err instanceof Error ? err.message : String(err)}` };
}

/** Puts rows in arrival order (see the module comment) and validates them as scripted entries. */
function finish(format: EventLogFormat, rows: Row[], errors: SourceError[]): EventLogResult {
  if (errors.length > 0) {
    if (errors.length >= MAX_REPORTED) errors.push({ line: 0, message: `stopped after ${MAX_REPORTED} problems; fix these and import again` });
    return { ok: false, format, errors };
  }
  if (rows.length === 0) return { ok: false, format, errors: [{ line: 0, message: 'the file has no events' }] };
  const timed = rows.filter((r) => r.entry.arrivalTime !== undefined).length;
  let sorted = false;
  if (timed > 0 && timed < rows.length) {
    const withTime = rows.find((r) => r.entry.arrivalTime !== undefined) as Row;
    const without = rows.find((r) => r.entry.arrivalTime === undefined) as Row;
    return {
      ok: false,
      format,
      errors: [{ line: without.row, message: `arrivalTime: is empty, but row ${withTime.row} has one; give arrivalTime on every row or on none` }],
    };
  }
  if (timed === rows.length) {
    const order = rows.map((r, i) => i);
    // Array.prototype.sort is stable, so equal arrival times keep their file order.
    order.sort((a, b) => (rows[a].entry.arrivalTime as number) - (rows[b].entry.arrivalTime as number));
    sorted = order.some((r, i) => r !== i);
    rows = order.map((i) => rows[i]);
  }
  const checked = checkEntries(
    rows.map((r) => r.entry),
    rows.map((r) => r.row),
  );
  return checked.ok ? { ok: true, format, entries: checked.entries, sorted } : { ok: false, format, errors: checked.errors };
}
