/**
 * The event notation: every kind of line, units, quoting, line-numbered errors (including
 * schema rules mapped back from entry index to line), and a round trip through formatNotation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatNotation, formatNotationError, LIMITS, NOTATION_EXAMPLE, parseNotation, WATERMARK_MAX, type ScriptEntry } from '../../../src/engine/index';

function entriesOf(text: string): ScriptEntry[] {
  const r = parseNotation(text);
  if (!r.ok) throw new Error(r.errors.map(formatNotationError).join('\n'));
  return r.entries;
}

function errorsOf(text: string): string[] {
  const r = parseNotation(text);
  if (r.ok) throw new Error('expected errors, got entries');
  return r.errors.map(formatNotationError);
}

describe('notation: reading', () => {
  test('events, arrival times, ids, types, malformed, watermarks and processing time', () => {
    const text = [
      '# clicks on two pages',
      '',
      'page-1 1 12000 @15000 #click-7',
      '  page-2 2.5 1.5s @15.2s type=click   # a trailing comment',
      'page-3 -1 -250ms malformed',
      'watermark 10000',
      'wm 12s @16s',
      'WM inf',
      'processingTime 2m',
      'pt 1h',
      '"a key, with spaces" 1e3 0 #"id with spaces"',
    ].join('\n');
    expect(entriesOf(text)).toEqual([
      { key: 'page-1', value: 1, eventTime: 12000, arrivalTime: 15000, id: 'click-7' },
      { key: 'page-2', value: 2.5, eventTime: 1500, arrivalTime: 15200, type: 'click' },
      { key: 'page-3', value: -1, eventTime: -250, malformed: true },
      { watermark: 10000 },
      { watermark: 12000, arrivalTime: 16000 },
      { watermark: WATERMARK_MAX },
      { processingTime: 120_000 },
      { processingTime: 3_600_000 },
      { key: 'a key, with spaces', value: 1000, eventTime: 0, id: 'id with spaces' },
    ]);
  });

  test('the example shown in an empty editor is valid', () => {
    expect(entriesOf(NOTATION_EXAMPLE).length).toBe(7);
  });

  test('the example in docs/scenario-format.md reads as documented', () => {
    const doc = readFileSync(new URL('../../../docs/scenario-format.md', import.meta.url), 'utf8');
    const block = /```text\n(# A comment line[\s\S]*?)```/.exec(doc);
    expect(block).not.toBeNull();
    const entries = entriesOf(block?.[1] ?? '');
    // The last event has no @ and follows "processingTime 20s", so it arrives at the clock,
    // 20 s; the second carries both an arrival time and an id.
    expect(entries[1]).toEqual({ key: 'page-1', value: 1, eventTime: 9500, arrivalTime: 15000, id: 'click-7' });
    expect(entries.slice(4)).toEqual([{ watermark: 10000 }, { processingTime: 20000 }, { key: 'page-1', value: 1, eventTime: 19000 }]);
  });

  test('an empty text (or only comments) is an empty script', () => {
    expect(entriesOf('')).toEqual([]);
    expect(entriesOf('# nothing yet\n\n')).toEqual([]);
  });

  test('a bad field is reported with its line number, the field and the rule', () => {
    // Line 1 is a comment and line 2 blank, so the bad event is on line 3.
    const errors = errorsOf('# header\n\npage-1 1 soon\n');
    expect(errors).toEqual([expect.stringMatching(/^line 3: eventTime: must be a number of ms or a time like 12s/)]);
  });

  test('every bad line is listed, each with its own message', () => {
    const errors = errorsOf(['page-1 x 1s', 'page-1 1 1.0005s', 'page-1 1 1s later', '"open 1 1s', 'wm', 'page-1 1', 'page-1 1 1s @2s @3s'].join('\n'));
    expect(errors).toEqual([
      expect.stringMatching(/^line 1: value: must be a number/),
      // 1.0005 s is 1000.5 ms: not a whole number of ms.
      'line 2: eventTime: 1.0005s is 1000.5 ms; times are whole ms',
      expect.stringMatching(/^line 3: unexpected "later"/),
      expect.stringMatching(/^line 4: a quote \(\"\) is opened but never closed/),
      'line 5: watermark: is missing (write wm 10s)',
      'line 6: eventTime: is missing (an event is: key value eventTime)',
      'line 7: arrivalTime: given twice',
    ]);
  });

  test('schema rules are mapped from the entry index back to the line', () => {
    // Entries: line 2 arrives at 5000, line 4 asks for 3000: earlier than the previous entry.
    expect(errorsOf('# c\na 1 1s @5s\n\nb 1 2s @3s\n')).toEqual(["line 4: arrivalTime: must be >= the previous entry's arrival time (5000)"]);
    // Event times are limited to +/- 10^13 ms; 10^14 ms = 10^11 s.
    expect(errorsOf('a 1 1s\nb 1 100000000000s')).toEqual([`line 2: eventTime: must be within ±10,000,000,000,000 ms (about 300 years)`]);
    // Event types are identifiers.
    expect(errorsOf('a 1 1s type=a/b')[0]).toMatch(/^line 1: type: must use only letters/);
  });

  test('reserved words and leading # or @ need quotes to be keys', () => {
    expect(entriesOf('"wm" 1 1s\n"#tag" 2 2s\n"@home" 3 3s')).toEqual([
      { key: 'wm', value: 1, eventTime: 1000 },
      { key: '#tag', value: 2, eventTime: 2000 },
      { key: '@home', value: 3, eventTime: 3000 },
    ]);
    expect(errorsOf('@home 1 1s')[0]).toMatch(/^line 1: key: starts with @/);
  });

  test('never throws, whatever the text (300 random texts)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab 1.5s@#"\\\n\r\tm-wpt=e'.split('')), maxLength: 200 }), fc.string({ maxLength: 80 }), (shaped, random) => {
        for (const text of [shaped, random]) {
          const r = parseNotation(text);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('notation: writing', () => {
  test('formats entries compactly', () => {
    const text = formatNotation([
      { key: 'page-1', value: 1, eventTime: 12000, arrivalTime: 15000, id: 'click-7' },
      { key: 'my key', value: 0.5, eventTime: 2500, type: 'click', malformed: true },
      { watermark: WATERMARK_MAX },
      { processingTime: 250 },
    ]);
    expect(text).toBe('page-1 1 12s @15s #click-7\n"my key" 0.5 2.5s type=click malformed\nwm inf\nprocessingTime 250\n');
  });

  const time = fc.integer({ min: -LIMITS.eventTime, max: LIMITS.eventTime });
  const event = fc.record(
    {
      key: fc.string({ maxLength: 12 }),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }),
      eventTime: time,
      id: fc.string({ maxLength: 12 }),
      type: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,10}$/),
      malformed: fc.constant(true as const),
    },
    { requiredKeys: ['key', 'value', 'eventTime'] },
  );
  const watermark = fc.record({ watermark: fc.oneof(time, fc.constant(WATERMARK_MAX)) });

  test('parseNotation reads formatNotation back to the same entries (200 random scripts)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(event, watermark), fc.option(fc.integer({ min: 0, max: 5000 }))), { maxLength: 25 }), (items) => {
        // Arrival times never go back, as the schema requires: the script's clock moves 1 ms per
        // entry without a time, and each explicit time is the clock plus a step >= 0.
        let clock = -1;
        const entries: ScriptEntry[] = items.map(([entry, step]) => {
          if (step === null) {
            clock += 1;
            return entry as ScriptEntry;
          }
          clock = Math.max(clock, 0) + step;
          return { ...entry, arrivalTime: clock } as ScriptEntry;
        });
        const back = parseNotation(formatNotation(entries));
        if (!back.ok) throw new Error(`${formatNotation(entries)}\n${back.errors.map(formatNotationError).join('\n')}`);
        expect(back.entries).toEqual(entries);
      }),
      { numRuns: 200 },
    );
  });
});
