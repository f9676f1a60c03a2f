/**
 * A compact text notation for a scripted producer's entries, one per line, for typing events
 * by hand (docs/scenario-format.md, "Writing events as text"):
 *
 *   # a comment; blank lines are ignored
 *   page-1 1 12s                 key value eventTime
 *   page-1 1 9.5s @15s #click-7  ... arriving at 15 s, with event id click-7
 *   page-2 4 3000 type=click     ... with an event type (for ratio aggregates)
 *   page-3 1 4s malformed        ... whose payload fails the event schema
 *   wm 10s                       a watermark marker (also: watermark 10000; wm inf)
 *   processingTime 20s           moves the script's clock (also: pt 20s)
 *
 * Times are whole ms, written as 12000, 250ms, 12s, 1.5s, 2m or 1h. A key or id with spaces,
 * quotes or a leading # or @ is written as a JSON string: "my key", #"id with spaces".
 * A lone # after an entry starts a trailing comment.
 *
 * parseNotation never throws; the entries it returns passed the scenario schema, so the
 * arrival-order rule and every limit are checked with line numbers.
 */
import { LIMITS, WATERMARK_MAX, type ScriptEntry } from '../scenario/schema';
import { checkEntries, formatSourceError, report, type SourceError } from './entries';

export type NotationError = SourceError;
export type NotationResult = { ok: true; entries: ScriptEntry[] } | { ok: false; errors: NotationError[] };

/** Largest notation text accepted, checked before any work. */
export const MAX_NOTATION_CHARS = 20_000_000;

const WATERMARK_WORDS = new Set(['watermark', 'wm']);
const PROCESSING_WORDS = new Set(['processingtime', 'pt']);
const INFINITY_WORDS = new Set(['inf', '+inf', 'infinity', '+infinity', 'max']);

const TIME = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIME_RULE = 'must be a number of ms or a time like 12s, 1.5s, 250ms or 2m';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A time in whole ms from "12000", "12s", "1.5s", "250ms", "2m", "-3s". */
export function parseTimeText(raw: string, field: string): Parsed<number> {
  const m = TIME.exec(raw);
  if (!m) return { ok: false, message: `${field}: ${TIME_RULE}, not ${JSON.stringify(clip(raw))}` };
  const ms = Number(m[2]) * UNIT_MS[m[3] ?? 'ms'] * (m[1] === '-' ? -1 : 1);
  if (!Number.isFinite(ms)) return { ok: false, message: `${field}: must be a finite time` };
  const whole = Math.round(ms);
  // Decimal fractions such as 1.1 s are not exact in binary; anything closer than this is whole.
  if (Math.abs(ms - whole) > 1e-9 * Math.max(1, Math.abs(ms))) {
    return { ok: false, message: `${field}: ${raw} is ${ms} ms; times are whole ms` };
  }
  return { ok: true, value: whole === 0 ? 0 : whole };
}

function parseNumberText(raw: string, field: string): Parsed<number> {
  if (!NUMBER.test(raw)) return { ok: false, message: `${field}: must be a number, like 1 or 2.5, not ${JSON.stringify(clip(raw))}` };
  const n = Number(raw);
  if (!Number.isFinite(n)) return { ok: false, message: `${field}: must be a finite number` };
  return { ok: true, value: n };
}

function clip(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

/**
 * Splits a line into raw tokens at whitespace, keeping "quoted strings" (JSON escapes) whole.
 * A token that is just # starts a comment that runs to the end of the line.
 */
function tokenize(line: string): Parsed<string[]> {
  const tokens: string[] = [];
  let i = 0;
  const n = line.length;
  const space = (c: string) => /\s/.test(c);
  while (i < n) {
    if (space(line[i])) {
      i++;
      continue;
    }
    if (line[i] === '#' && (i + 1 === n || space(line[i + 1]))) break;
    let j = i;
    while (j < n && !space(line[j])) {
      if (line[j] === '"') {
        let k = j + 1;
        while (k < n && line[k] !== '"') k += line[k] === '\\' ? 2 : 1;
        if (k >= n) return { ok: false, message: 'a quote (") is opened but never closed' };
        j = k + 1;
      } else j++;
    }
    tokens.push(line.slice(i, j));
    i = j;
  }
  return { ok: true, value: tokens };
}

/** The text of a token: a "quoted" token is read as a JSON string, anything else as written. */
function unquote(raw: string, field: string): Parsed<string> {
  if (!raw.includes('"')) return { ok: true, value: raw };
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) {
    return { ok: false, message: `${field}: quote the whole ${field} ("like this"), not part of it` };
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return { ok: true, value };
  } catch {
    // falls through to the message below
  }
  return { ok: false, message: `${field}: ${clip(raw)} is not a valid quoted string (use \\" for a quote, \\\\ for a backslash)` };
}

type Entry = Record<string, unknown>;

function parseWatermark(tokens: string[]): Parsed<Entry> {
  if (tokens.length < 2) return { ok: false, message: 'watermark: is missing (write wm 10s)' };
  const raw = tokens[1];
  let watermark: number;
  if (INFINITY_WORDS.has(raw.toLowerCase())) watermark = WATERMARK_MAX;
  else {
    const t = parseTimeText(raw, 'watermark');
    if (!t.ok) return t;
    watermark = t.value;
  }
  const entry: Entry = { watermark };
  for (const token of tokens.slice(2)) {
    if (token.startsWith('@') && entry.arrivalTime === undefined) {
      const t = parseTimeText(token.slice(1), 'arrivalTime');
      if (!t.ok) return t;
      entry.arrivalTime = t.value;
    } else {
      return { ok: false, message: `unexpected ${JSON.stringify(clip(token))}: a watermark line is wm TIME, optionally followed by @ARRIVAL` };
    }
  }
  return { ok: true, value: entry };
}

function parseProcessingTime(tokens: string[]): Parsed<Entry> {
  if (tokens.length < 2) return { ok: false, message: 'processingTime: is missing (write processingTime 20s)' };
  if (tokens.length > 2) return { ok: false, message: `unexpected ${JSON.stringify(clip(tokens[2]))}: a processingTime line holds one time only` };
  const t = parseTimeText(tokens[1], 'processingTime');
  return t.ok ? { ok: true, value: { processingTime: t.value } } : t;
}

function parseEvent(tokens: string[]): Parsed<Entry> {
  const [rawKey, rawValue, rawTime] = tokens;
  if (rawKey.startsWith('@')) return { ok: false, message: `key: starts with @ (an arrival time needs key value eventTime before it); quote a key that really starts with @` };
  const key = unquote(rawKey, 'key');
  if (!key.ok) return key;
  if (rawValue === undefined) return { ok: false, message: 'value: is missing (an event is: key value eventTime)' };
  const value = parseNumberText(rawValue, 'value');
  if (!value.ok) return value;
  if (rawTime === undefined) return { ok: false, message: 'eventTime: is missing (an event is: key value eventTime)' };
  const eventTime = parseTimeText(rawTime, 'eventTime');
  if (!eventTime.ok) return eventTime;
  const entry: Entry = { key: key.value, value: value.value, eventTime: eventTime.value };
  for (const token of tokens.slice(3)) {
    const twice = (field: string): Parsed<Entry> => ({ ok: false, message: `${field}: given twice` });
    if (token.startsWith('@')) {
      if (entry.arrivalTime !== undefined) return twice('arrivalTime');
      const t = parseTimeText(token.slice(1), 'arrivalTime');
      if (!t.ok) return t;
      entry.arrivalTime = t.value;
    } else if (token.startsWith('#')) {
      if (entry.id !== undefined) return twice('id');
      const id = unquote(token.slice(1), 'id');
      if (!id.ok) return id;
      entry.id = id.value;
    } else if (token.startsWith('type=')) {
      if (entry.type !== undefined) return twice('type');
      entry.type = token.slice(5);
    } else if (token === 'malformed') {
      entry.malformed = true;
    } else {
      return { ok: false, message: `unexpected ${JSON.stringify(clip(token))}: after key value eventTime only @ARRIVAL, #ID, type=NAME or malformed may follow` };
    }
  }
  return { ok: true, value: entry };
}

/** Reads notation text into scripted entries, or lists every problem with its line number. */
export function parseNotation(text: string): NotationResult {
  try {
    if (typeof text !== 'string') return { ok: false, errors: [{ line: 0, message: 'the notation must be text' }] };
    if (text.length > MAX_NOTATION_CHARS) {
      return { ok: false, errors: [{ line: 0, message: `the text is ${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_NOTATION_CHARS.toLocaleString('en-US')}` }] };
    }
    const lines = text.split(/\r\n|\n|\r/);
    const entries: Entry[] = [];
    const lineOf: number[] = [];
    const errors: NotationError[] = [];
    for (let i = 0; i < lines.length; i++) {
      const lineNo = i + 1;
      const trimmed = lines[i].trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (entries.length >= LIMITS.scriptedEntries) {
        report(errors, lineNo, `more than ${LIMITS.scriptedEntries.toLocaleString('en-US')} entries; that is the limit for one scripted producer`);
        break;
      }
      const tokens = tokenize(trimmed);
      let parsed: Parsed<Entry>;
      if (!tokens.ok) parsed = tokens;
      else {
        const first = tokens.value[0];
        const word = first.toLowerCase();
        if (WATERMARK_WORDS.has(word)) parsed = parseWatermark(tokens.value);
        else if (PROCESSING_WORDS.has(word)) parsed = parseProcessingTime(tokens.value);
        else parsed = parseEvent(tokens.value);
      }
      if (parsed.ok) {
        entries.push(parsed.value);
        lineOf.push(lineNo);
      } else if (!report(errors, lineNo, parsed.message)) break;
    }
    if (errors.length > 0) return { ok: false, errors };
    return checkEntries(entries, lineOf);
  } catch (err) {
    // Nothing above should throw; if it does, say so rather than crash the caller.
    return { ok: false, errors: [{ line: 0, message: `could not be read: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** "line 3: eventTime: must be ..." */
export function formatNotationError(error: NotationError): string {
  return formatSourceError(error, 'line');
}

// ---- writing ----

const RESERVED = new Set([...WATERMARK_WORDS, ...PROCESSING_WORDS]);
// Whitespace, quotes and control characters would not survive as a bare token.
const NEEDS_QUOTES = /[\s"\u0000-\u001f\u007f]/;

function keyText(key: string): string {
  const plain = key !== '' && !NEEDS_QUOTES.test(key) && !key.startsWith('#') && !key.startsWith('@') && !RESERVED.has(key.toLowerCase());
  return plain ? key : JSON.stringify(key);
}

function idText(id: string): string {
  return id !== '' && !NEEDS_QUOTES.test(id) ? id : JSON.stringify(id);
}

/** Tenths of a second from 1 s up as "12s" or "2.5s"; anything else as plain ms. Either reads back to the same number. */
export function timeText(ms: number): string {
  return Math.abs(ms) >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : String(ms);
}

function valueText(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Writes entries as notation, one per line; parseNotation reads the text back to the same entries. */
export function formatNotation(entries: readonly ScriptEntry[]): string {
  const lines: string[] = [];
  for (const entry of entries) {
    if ('processingTime' in entry) {
      lines.push(`processingTime ${timeText(entry.processingTime)}`);
      continue;
    }
    const arrival = entry.arrivalTime !== undefined ? ` @${timeText(entry.arrivalTime)}` : '';
    if ('watermark' in entry) {
      lines.push(`wm ${entry.watermark === WATERMARK_MAX ? 'inf' : timeText(entry.watermark)}${arrival}`);
      continue;
    }
    let line = `${keyText(entry.key)} ${valueText(entry.value)} ${timeText(entry.eventTime)}${arrival}`;
    if (entry.id !== undefined) line += ` #${idText(entry.id)}`;
    if (entry.type !== undefined) line += ` type=${entry.type}`;
    if (entry.malformed) line += ' malformed';
    lines.push(line);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Shown in an empty editor: a valid script that shows every kind of line. */
export const NOTATION_EXAMPLE = `# key value eventTime @arr #id
# times: 250ms, 12s, 1.5s, 2m
# no @: 1 ms after the line above
page-1 1 1s
page-2 1 2.5s
page-1 1 4s @4.2s
wm 5s
page-1 1 3s @6s #late-1
processingTime 12s
page-2 1 11s
`;
