/**
 * Importing event logs (CSV and NDJSON) and exporting results: a good file runs to the same
 * results as the same events written by hand, a bad row is named by its row number, odd
 * quoting is read per RFC 4180, and no text makes the parsers throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  formatEventLogError,
  LIMITS,
  parseCsvEvents,
  parseEventLog,
  parseNdjsonEvents,
  eventLogFormatOf,
  resultsCsv,
  resultsJson,
  resultJson,
  runReport,
  scenarioFromEvents,
  type EventLogResult,
  type ScriptEntry,
} from '../../../src/engine/index';
import { runToEnd, scenarioOf } from '../../helpers/scripted';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');

function entriesOf(r: EventLogResult): ScriptEntry[] {
  if (!r.ok) throw new Error(r.errors.map(formatEventLogError).join('\n'));
  return r.entries;
}
function errorsOf(r: EventLogResult): string[] {
  if (r.ok) throw new Error('expected errors, got entries');
  return r.errors.map(formatEventLogError);
}

/** The pipeline the imported events meet: 10 s tumbling sums, 1 s of tolerated disorder. */
const base = {
  version: 1,
  id: 'base',
  seed: 3,
  duration: 5000,
  lesson: { notice: ['about another story'] },
  producers: [{ id: 'web', type: 'generated', rate: 5 }],
  processor: { window: { type: 'tumbling', size: 10000 }, aggregate: 'sum', watermark: { type: 'boundedOutOfOrderness', bound: 1000, interval: 200 } },
};

/** The events of test/fixtures/import/good.csv, written by hand in arrival order. */
const byHand = [
  { key: 'page-1', value: 2, eventTime: 1000, arrivalTime: 1200 },
  { key: 'page-1', value: 3, eventTime: 2000, arrivalTime: 2100 },
  { key: 'page,2', value: 5, eventTime: 4000, arrivalTime: 4100 },
  { key: 'say "hi"', value: 1, eventTime: 9000, arrivalTime: 9500 },
  { key: 'page-1', value: 4, eventTime: 12000, arrivalTime: 12100 },
  { key: 'page-1', value: 7, eventTime: 3000, arrivalTime: 15000, id: 'late-1' },
];

describe('event log import', () => {
  test('a good CSV runs to the same results as the same scripted scenario written by hand', () => {
    const imported = parseCsvEvents(fixture('good.csv'));
    expect(imported.ok && imported.sorted).toBe(true); // the file lists rows out of arrival order
    const fromFile = runToEnd(scenarioOf(scenarioFromEvents(entriesOf(imported), base)));
    const handWritten = runToEnd(
      scenarioOf({
        id: 'imported',
        title: 'Imported events',
        seed: 3,
        producers: [{ id: 'import', type: 'scripted', entries: byHand }],
        processor: base.processor,
      }),
    );
    expect(runReport(fromFile)).toEqual(runReport(handWritten));
    // By hand: 10 s windows. Batch sees everything: page-1 [0,10 s) = 2 + 3 + 7 = 12,
    // page,2 = 5, say "hi" = 1, page-1 [10 s,20 s) = 4. Streaming's watermark passes 10 s once
    // the 12 s event is read (12 000 - 1000 - 1 = 10 999), so late-1 (event time 3 s, arriving
    // at 15 s) is dropped as late and page-1 [0,10 s) stays 2 + 3 = 5.
    const sums = (mode: 'batch' | 'streaming') => (fromFile.modes[mode]?.results ?? []).map((r) => `${r.key}@${r.window.start}=${r.value}`).sort();
    expect(sums('batch')).toEqual(['page,2@0=5', 'page-1@0=12', 'page-1@10000=4', 'say "hi"@0=1']);
    expect(sums('streaming')).toEqual(['page,2@0=5', 'page-1@0=5', 'page-1@10000=4', 'say "hi"@0=1']);
    expect(fromFile.modes.streaming.dropped.map((d) => `${d.id}:${d.reason}`)).toEqual(['late-1:late']);
  });

  test('the base scenario keeps its pipeline; its producers, duration and lesson are left out', () => {
    const doc = scenarioFromEvents(byHand as ScriptEntry[], base, { title: 'From a file' });
    expect(doc.processor).toEqual(base.processor);
    expect(doc.processor).not.toBe(base.processor); // a copy: editing it does not touch the base
    expect(doc.seed).toBe(3);
    expect(doc.title).toBe('From a file');
    expect('duration' in doc || 'lesson' in doc).toBe(false);
    expect(doc.producers).toEqual([{ id: 'import', type: 'scripted', entries: byHand }]);
  });

  test('NDJSON with the same events gives the same entries', () => {
    expect(entriesOf(parseNdjsonEvents(fixture('good.ndjson')))).toEqual(entriesOf(parseCsvEvents(fixture('good.csv'))));
  });

  test('a CSV with a bad row is rejected, naming the row', () => {
    // The header is row 1, so the sixth event ("12s" where ms are due) is row 7.
    expect(errorsOf(parseCsvEvents(fixture('bad-row.csv')))).toEqual(['row 7: eventTime: must be an integer number of ms']);
  });

  test('quoted fields may hold commas, quotes and line breaks; rows are numbered by the line they start on', () => {
    const csv = 'key,value,eventTime\n"two\nlines",1,1000\n"a ""quoted"" key",2,2000\npage,3,soon\n';
    // Row 2 spans lines 2-3, row 3 is line 4, so the bad row starts on line 5.
    expect(errorsOf(parseCsvEvents(csv))).toEqual(['row 5: eventTime: must be an integer number of ms']);
    expect(entriesOf(parseCsvEvents(csv.replace('soon', '3000')))).toEqual([
      { key: 'two\nlines', value: 1, eventTime: 1000 },
      { key: 'a "quoted" key', value: 2, eventTime: 2000 },
      { key: 'page', value: 3, eventTime: 3000 },
    ]);
  });

  test('columns: any order, any case; unknown, missing and repeated ones are reported', () => {
    expect(entriesOf(parseCsvEvents('EventTime,Value,KEY,type,malformed\r\n5,1,k,click,true\r\n'))).toEqual([{ key: 'k', value: 1, eventTime: 5, type: 'click', malformed: true }]);
    expect(errorsOf(parseCsvEvents('key,value,eventTime,colour\nk,1,5,red\n'))).toEqual([
      'row 1: unknown column "colour" (the columns are key, value, eventTime, arrivalTime, id, type, malformed)',
    ]);
    expect(errorsOf(parseCsvEvents('key,value\nk,1\n'))).toEqual(['row 1: missing column "eventTime" (the header row must name key, value and eventTime)']);
    expect(errorsOf(parseCsvEvents('key,value,eventTime,key\nk,1,5,j\n'))).toEqual(['row 1: column "key" appears twice']);
  });

  test('malformed CSV records are explained', () => {
    expect(errorsOf(parseCsvEvents('key,value,eventTime\nk,1\n'))).toEqual(['row 2: has 2 fields; the header has 3 (a comma inside a field needs "quotes")']);
    expect(errorsOf(parseCsvEvents('key,value,eventTime\nk"x,1,5\n'))[0]).toMatch(/^row 2: a quote inside an unquoted field/);
    expect(errorsOf(parseCsvEvents('key,value,eventTime\n"k"x,1,5\n'))[0]).toMatch(/^row 2: text after a closing quote/);
    expect(errorsOf(parseCsvEvents('key,value,eventTime\n"k,1,5\n'))[0]).toMatch(/^row 2: a quoted field is never closed/);
    expect(errorsOf(parseCsvEvents(''))[0]).toMatch(/^the file is empty/);
    expect(errorsOf(parseCsvEvents('key,value,eventTime\n'))).toEqual(['the file has no events']);
  });

  test('without arrivalTime rows keep file order; with it on some rows only, the file is refused', () => {
    // No arrival times: file order, arriving at 0, 1, 2 ms (the scripted rule), even though
    // the event times go backwards.
    expect(entriesOf(parseCsvEvents('key,value,eventTime\na,1,3000\nb,1,1000\nc,1,2000\n')).map((e) => ('key' in e ? e.key : ''))).toEqual(['a', 'b', 'c']);
    expect(errorsOf(parseCsvEvents('key,value,eventTime,arrivalTime\na,1,3000,10\nb,1,1000,\n'))).toEqual([
      'row 3: arrivalTime: is empty, but row 2 has one; give arrivalTime on every row or on none',
    ]);
    // Equal arrival times keep their file order (a stable sort).
    expect(entriesOf(parseCsvEvents('key,value,eventTime,arrivalTime\nb,1,1,20\nx,1,1,10\na,1,1,20\n')).map((e) => ('key' in e ? e.key : ''))).toEqual(['x', 'b', 'a']);
  });

  test('NDJSON rows are checked field by field', () => {
    const text = ['{"key":"a","value":1,"eventTime":5}', '', '[1,2]', '{"key":"a","value":"1","eventTime":5}', '{"key":"a","value":1}', '{"key":"a","value":1,"eventTime":5,"extra":1}', '{"key":"a",'].join('\n');
    expect(errorsOf(parseNdjsonEvents(text))).toEqual([
      'row 3: must be a JSON object like {"key": "a", "value": 1, "eventTime": 1000}',
      'row 4: value: must be a number, like 1 or 2.5, not a string',
      'row 5: eventTime: is missing',
      'row 6: unknown field "extra" (the fields are key, value, eventTime, arrivalTime, id, type, malformed)',
      'row 7: not valid JSON (each line must be one complete JSON object)',
    ]);
  });

  test('limits are checked before any work', () => {
    expect(errorsOf(parseCsvEvents('x'.repeat(20_000_001)))[0]).toMatch(/^the file is 20,000,001 characters; the limit is 20,000,000/);
    const rows = Array.from({ length: LIMITS.scriptedEntries + 1 }, (_, i) => `k,1,${i}`).join('\n');
    expect(errorsOf(parseCsvEvents(`key,value,eventTime\n${rows}\n`))).toEqual([`row ${LIMITS.scriptedEntries + 2}: more than 200,000 rows; that is the limit for one scripted producer`]);
  });

  test('the file name picks the format', () => {
    expect([eventLogFormatOf('a.CSV'), eventLogFormatOf('b.ndjson'), eventLogFormatOf('c.jsonl'), eventLogFormatOf('d.json')]).toEqual(['csv', 'ndjson', 'ndjson', null]);
  });

  test('never throws on random text (300 runs per format)', () => {
    const csvish = fc.string({ unit: fc.constantFrom(...'key,value,eventTime,arrivalTime\n\r"1a -.'.split('')), maxLength: 300 });
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string({ maxLength: 200 })), (text) => {
        for (const format of ['csv', 'ndjson'] as const) {
          const r = parseEventLog(text, format);
          expect(r.format).toBe(format);
          if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
        }
        // With a valid header in front, random rows exercise the row checks too.
        expect(typeof parseCsvEvents(`key,value,eventTime\n${text}`).ok).toBe('boolean');
        expect(typeof parseNdjsonEvents(`{"key":"a","value":1,"eventTime":1}\n${text}`).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('results export', () => {
  // One batch window, by hand: key 'a,"b"' counts its two events in [0, 10 s), and the key
  // '=1+1' one event in the same window (the default processor counts in 10 s windows).
  const run = runToEnd(
    scenarioOf({
      producers: [{ id: 's', type: 'scripted', entries: [{ key: 'a,"b"', value: 1, eventTime: 1000 }, { key: 'a,"b"', value: 1, eventTime: 2000 }, { key: '=1+1', value: 1, eventTime: 3000 }] }],
    }),
  );

  test('CSV: a header, then one quoted-as-needed row per result', () => {
    const lines = resultsCsv(run, 'batch').split('\r\n');
    expect(lines[0]).toBe('key,windowStart,windowEnd,value,firing,emittedAt,watermark,retraction');
    const rows = lines.slice(1, -1).sort();
    // A formula-looking key is guarded with an apostrophe so a spreadsheet shows it as text.
    expect(rows.map((l) => l.split(',').slice(0, -3).join(','))).toEqual(['"a,""b""",0,10000,2,final', "'=1+1,0,10000,1,final"]);
    expect(lines[lines.length - 1]).toBe('');
  });

  test('JSON: the same objects the CLI prints', () => {
    const doc = JSON.parse(resultsJson(run, 'streaming')) as { mode: string; results: unknown[] };
    expect(doc.mode).toBe('streaming');
    expect(doc.results).toEqual(run.modes.streaming.results.map(resultJson));
    expect(doc.results.length).toBe(2);
  });
});
