/**
 * Shared links: a whole scenario (and optionally a moment and a view) in a URL fragment.
 *
 *   #s=v1.<payload>&t=<virtual ms>&view=<view id>
 *
 * The payload is lz-string's compressToEncodedURIComponent of the minified scenario JSON. The
 * `v1.` prefix names the link format, so a later format can change the payload and still open
 * old links: LINK_DECODERS maps each format to the scenario JSON text it carries, and that text
 * then takes the same road as a file (loadScenarioText: prototype-key guard, scenario-version
 * migration, schema). The oldest format, "v0", is a bare `#<payload>` with no prefix and no
 * parameters.
 *
 * Links come from strangers, so nothing here throws and every cost is bounded before it is paid:
 * the fragment's length is checked before anything else, and decompression is our own bounded
 * decoder (lz-string's stock decoder has no output limit: a few kilobytes of crafted input can
 * expand to hundreds of megabytes before a length check afterwards could see it).
 */
import LZString from 'lz-string';
import { loadScenarioText } from '../scenario/load';
import { formatIssue, shorten, type ScenarioIssue } from '../scenario/errors';
import type { Scenario } from '../scenario/schema';
import { LIMITS } from '../scenario/schema';

/** The link format this version writes. */
export const LINK_VERSION = 1;
/** Longest fragment read at all (checked before any decoding). */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** Longest scenario text a link may expand to. */
export const MAX_LINK_JSON_CHARS = 1024 * 1024;

/** A view id: short, lower-case, URL-safe (for example "presenter"). */
const VIEW_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export type DecodedLink =
  | { ok: true; scenario: Scenario; document: unknown; time?: number; view?: string; format: number }
  /** `issues` is there when the link was read but its scenario breaks the format's rules. */
  | { ok: false; message: string; issues?: ScenarioIssue[] };

export type EncodedLink = { ok: true; fragment: string } | { ok: false; message: string };

export interface LinkOptions {
  /** Virtual processing time to open at, in ms. */
  time?: number;
  /** A view id, such as "presenter". */
  view?: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; message: string };

/** What one link format carries once unpacked: the scenario JSON text and the optional extras. */
interface Unpacked {
  json: string;
  time?: number;
  view?: string;
}

/** One decoder per link format: fragment body (after the version is known) to scenario text. */
const LINK_DECODERS: Record<number, (fields: LinkFields) => Step<Unpacked>> = {
  // v0: the whole fragment is the payload; no time, no view.
  0: (fields) => {
    const json = decompressPayload(fields.payload);
    return json.ok ? { ok: true, value: { json: json.value } } : json;
  },
  1: (fields) => {
    const json = decompressPayload(fields.payload);
    if (!json.ok) return json;
    const out: Unpacked = { json: json.value };
    if (fields.params.has('t')) {
      const time = parseTime(fields.params.get('t') as string);
      if (!time.ok) return time;
      out.time = time.value;
    }
    if (fields.params.has('view')) {
      const view = fields.params.get('view') as string;
      if (!VIEW_PATTERN.test(view)) return { ok: false, message: `view: ${JSON.stringify(shorten(view, 40))} must be a short view name (letters a-z, digits and -)` };
      out.view = view;
    }
    return { ok: true, value: out };
  },
};

interface LinkFields {
  format: number;
  payload: string;
  params: Map<string, string>;
}

/**
 * Makes the fragment (the part after '#') for a scenario document. The document is validated
 * first, so a link always opens; a document too large for a link is refused with the size.
 */
export function encodeLink(document: unknown, options: LinkOptions = {}): EncodedLink {
  try {
    let json: string;
    try {
      json = JSON.stringify(document);
    } catch (err) {
      return { ok: false, message: `the scenario cannot be written as JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (typeof json !== 'string') return { ok: false, message: 'the scenario is empty' };
    if (json.length > MAX_LINK_JSON_CHARS) return { ok: false, message: `the scenario is ${json.length} characters; a link holds at most ${MAX_LINK_JSON_CHARS}` };
    // Validate the text exactly as a receiver will read it.
    const loaded = loadScenarioText(json);
    if (!loaded.ok) return { ok: false, message: `the scenario is not valid: ${loaded.issues.map(formatIssue).join('; ')}` };
    let fragment = `s=v${LINK_VERSION}.${LZString.compressToEncodedURIComponent(json)}`;
    if (options.time !== undefined) {
      if (!Number.isFinite(options.time) || options.time < 0) return { ok: false, message: `time: must be a number of virtual ms >= 0, not ${options.time}` };
      fragment += `&t=${Math.round(Math.min(options.time, LIMITS.durationMs))}`;
    }
    if (options.view !== undefined) {
      if (!VIEW_PATTERN.test(options.view)) return { ok: false, message: `view: ${JSON.stringify(options.view)} must be a short view name (letters a-z, digits and -)` };
      fragment += `&view=${options.view}`;
    }
    if (fragment.length > MAX_FRAGMENT_CHARS) {
      return { ok: false, message: `the link would be ${fragment.length} characters; links are limited to ${MAX_FRAGMENT_CHARS} (share the scenario file instead)` };
    }
    return { ok: true, fragment };
  } catch (err) {
    return { ok: false, message: `could not make a link: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * The fragment inside what a person pastes: a full URL, `#fragment` or the bare fragment.
 * Surrounding whitespace (from copying) is dropped.
 */
export function linkFragment(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  return hash >= 0 ? trimmed.slice(hash + 1) : trimmed;
}

/**
 * True if a fragment is meant to carry a scenario: a bare v0 payload (no '='), or parameters
 * that include `s`. An empty hash, or other page parameters alone (`#lesson=…`, `#embed=1`),
 * are not links; a fragment that is meant as one is then decoded and any damage reported.
 */
export function hasLink(fragment: string): boolean {
  const body = linkFragment(fragment);
  if (body === '') return false;
  if (!body.includes('=')) return true;
  return body.split('&').some((part) => part === 's' || part.startsWith('s='));
}

/**
 * Reads a link fragment (with or without the leading '#'). Never throws; a damaged or hostile
 * link gives `ok: false` and a message saying what is wrong.
 */
export function decodeLink(fragment: string): DecodedLink {
  try {
    if (typeof fragment !== 'string') return { ok: false, message: 'the link is not text' };
    // Length first: nothing below runs on an oversized input.
    if (fragment.length > MAX_FRAGMENT_CHARS + 1) {
      return { ok: false, message: `the link is ${fragment.length} characters; links are limited to ${MAX_FRAGMENT_CHARS}` };
    }
    const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    if (body.length > MAX_FRAGMENT_CHARS) {
      return { ok: false, message: `the link is ${body.length} characters; links are limited to ${MAX_FRAGMENT_CHARS}` };
    }
    const fields = splitFragment(body);
    if (!fields.ok) return fields;
    const decoder = LINK_DECODERS[fields.value.format];
    if (!decoder) {
      return fields.value.format > LINK_VERSION
        ? { ok: false, message: `the link uses format v${fields.value.format}, newer than this Streamlab reads (up to v${LINK_VERSION}); update Streamlab` }
        : { ok: false, message: `the link format v${fields.value.format} is not known` };
    }
    const unpacked = decoder(fields.value);
    if (!unpacked.ok) return unpacked;
    const { json, time, view } = unpacked.value;
    let document: unknown;
    try {
      document = JSON.parse(json);
    } catch {
      document = undefined; // loadScenarioText explains where the text breaks
    }
    const loaded = loadScenarioText(json);
    if (!loaded.ok) {
      const shown = loaded.issues.slice(0, 5).map(formatIssue);
      const more = loaded.issues.length > 5 ? ` (and ${loaded.issues.length - 5} more)` : '';
      return { ok: false, message: `the scenario in the link is not valid: ${shown.join('; ')}${more}`, issues: loaded.issues };
    }
    const result: DecodedLink = { ok: true, scenario: loaded.scenario, document, format: fields.value.format };
    if (time !== undefined) result.time = time;
    if (view !== undefined) result.view = view;
    return result;
  } catch (err) {
    // Not expected for any string; kept so a link can never take the page down.
    return { ok: false, message: `the link could not be read: ${shorten(err instanceof Error ? err.message : String(err))}` };
  }
}

/** Finds the link format and its parts: `s=v<n>.<payload>&k=v...`, or a bare v0 payload. */
function splitFragment(body: string): Step<LinkFields> {
  if (body === '') return { ok: false, message: 'the link is empty: it holds no scenario' };
  if (!body.includes('=')) {
    // Unversioned (v0): nothing but the payload; its alphabet has no '=' or '&'.
    return { ok: true, value: { format: 0, payload: body, params: new Map() } };
  }
  const params = new Map<string, string>();
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (params.has(key)) return { ok: false, message: `${shorten(key, 20)}: appears more than once in the link` };
    params.set(key, value);
  }
  const s = params.get('s');
  if (s === undefined) return { ok: false, message: 's: is missing; a Streamlab link looks like #s=v1.…' };
  const m = /^v(\d{1,6})\.(.*)$/s.exec(s);
  if (!m) return { ok: false, message: 's: must start with a format version such as "v1."' };
  return { ok: true, value: { format: Number(m[1]), payload: m[2], params } };
}

function parseTime(text: string): Step<number> {
  if (!/^\d{1,16}$/.test(text)) return { ok: false, message: `t: ${JSON.stringify(shorten(text, 30))} must be a whole number of virtual ms >= 0` };
  const t = Number(text);
  if (t > LIMITS.durationMs) return { ok: false, message: `t: must be <= ${LIMITS.durationMs} (the longest run)` };
  return { ok: true, value: t };
}

/** Alphabet of compressToEncodedURIComponent: six bits per character. */
const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const SIX_BITS: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < URI_ALPHABET.length; i++) table[URI_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function decompressPayload(raw: string): Step<string> {
  let payload = raw;
  if (payload.includes('%')) {
    // Some chat tools percent-encode '$' and '+' when they pass a link on.
    try {
      payload = decodeURIComponent(payload);
    } catch {
      return { ok: false, message: 'the link is damaged: it has a broken %-escape' };
    }
  }
  // A '+' turned into a space by form-style decoding is still a '+'.
  payload = payload.replace(/ /g, '+');
  if (payload === '') return { ok: false, message: 'the link is empty: it holds no scenario' };
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (c >= 128 || SIX_BITS[c] < 0) {
      return { ok: false, message: `the link is damaged: character ${i + 1} (${JSON.stringify(payload[i])}) cannot appear in a Streamlab link` };
    }
  }
  return boundedDecompress(payload, MAX_LINK_JSON_CHARS);
}

/**
 * lz-string's decompressFromEncodedURIComponent, written afresh with limits: it stops as soon as
 * the output would pass `maxChars`, and reports a broken stream instead of returning garbage
 * or null. Same bit order and dictionary rules as lz-string 1.5 (test/engine/share checks both
 * agree on every shipped scenario and on random text).
 */
export function boundedDecompress(payload: string, maxChars: number): Step<string> {
  const damaged = (why: string): Step<string> => ({ ok: false, message: `the link is damaged (${why}); was it copied in full?` });
  // Bits are read high-first from each six-bit character; past the end they read as 0, as in lz-string.
  let index = 0;
  let value = payload.length > 0 ? SIX_BITS[payload.charCodeAt(0)] : 0;
  let position = 32;
  const readBits = (count: number): number => {
    let bits = 0;
    for (let power = 1, i = 0; i < count; i++, power *= 2) {
      if (value & position) bits += power;
      position >>= 1;
      if (position === 0) {
        position = 32;
        index++;
        value = index < payload.length ? SIX_BITS[payload.charCodeAt(index)] : 0;
      }
    }
    return bits;
  };
  const pastEnd = () => index >= payload.length;
  // lz-string's writer pads after its end code to finish the character it is in (or adds one
  // zero character), so a whole stream's end code always lies inside its last character. An end
  // code read partly from beyond the text is a cut-off link that happened to look finished, and
  // characters after the last one are text pasted on: both are damage, not a scenario.
  const ended = (text: string): Step<string> => {
    if (index >= payload.length) return damaged('it ends too early');
    if (index < payload.length - 1) return damaged('it has extra characters after its end');
    return { ok: true, value: text };
  };

  const dictionary: string[] = [];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const parts: string[] = [];
  let total = 0;

  let first: string;
  switch (readBits(2)) {
    case 0:
      first = String.fromCharCode(readBits(8));
      break;
    case 1:
      first = String.fromCharCode(readBits(16));
      break;
    case 2:
      return ended('');
    default:
      return damaged('it starts with an unknown code');
  }
  dictionary[3] = first;
  let w = first;
  parts.push(first);
  total = 1;
  for (;;) {
    // lz-string reads until the end marker; a stream that runs out first was cut short.
    if (pastEnd()) return damaged('it ends too early');
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary[dictSize++] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      code = dictSize - 1;
      enlargeIn--;
    } else if (code === 2) {
      return ended(parts.join(''));
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (code < dictSize && dictionary[code] !== undefined) entry = dictionary[code];
    else if (code === dictSize) entry = w + w.charAt(0);
    else return damaged('it refers to text it has not defined');
    total += entry.length;
    if (total > maxChars) return { ok: false, message: `the link expands to more than ${maxChars} characters of scenario; the limit is ${maxChars}` };
    parts.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    // The code width only grows with the dictionary; past 2^24 entries no honest link reaches.
    if (numBits > 24) return damaged('its dictionary grows past any real scenario');
  }
}
