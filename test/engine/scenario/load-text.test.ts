/**
 * loadScenarioText: JSON syntax errors come back as a `(root)` issue saying the text is not
 * valid JSON (with the line and column when the parser gives a position); everything else
 * goes on to the same checks as validateScenario. Fixtures live in test/fixtures/scenarios.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadScenarioText, ScenarioError, type LoadResult } from '../../../src/engine/index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/scenarios/${name}`, import.meta.url)), 'utf8');

function issues(result: LoadResult) {
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.issues;
}

describe('malformed JSON', () => {
  it.each([
    ['an empty text', ''],
    ['only spaces', '   \n '],
    ['an unclosed object', '{"version": 1,'],
    ['a trailing comma in a list', fixture('bad/malformed.json')],
    ['single quotes', "{'version': 1}"],
    ['a comment', '// my scenario\n{"version": 1}'],
    ['NaN, which JSON does not have', '{"version":1,"producers":[{"id":"p","type":"generated","rate":NaN}]}'],
    ['two documents', '{"version":1}\n{"version":1}'],
  ])('rejects %s as not valid JSON', (_name, text) => {
    const found = issues(loadScenarioText(text));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('(root)');
    expect(found[0].message).toMatch(/^not valid JSON: /);
  });

  it('names the line and column of the first character that breaks the JSON', () => {
    // The trailing comma after "producers": [...] leaves a field name expected where the "}" on line 4 stands.
    expect(issues(loadScenarioText(fixture('bad/trailing-comma.json')))).toEqual([{ path: '(root)', message: 'not valid JSON: unexpected "}" at line 4, column 1' }]);
    // {"version":1,} : the 14th character is the "}".
    expect(issues(loadScenarioText('{"version":1,}'))).toEqual([{ path: '(root)', message: 'not valid JSON: unexpected "}" at line 1, column 14' }]);
    // Two documents in one file: the second starts on line 2.
    expect(issues(loadScenarioText('{"a":1}\n{"b":2}'))).toEqual([{ path: '(root)', message: 'not valid JSON: unexpected "{\\"b\\":2}" at line 2, column 1' }]);
    expect(issues(loadScenarioText('{"version": 1,'))).toEqual([{ path: '(root)', message: 'not valid JSON: the text ends too early (line 1, column 15)' }]);
  });

  it('accepts a file that starts with a byte-order mark', () => {
    expect(loadScenarioText('\ufeff' + fixture('good/minimal.json')).ok).toBe(true);
  });

  it('turns a number too large for a double into Infinity, then rejects it as not finite', () => {
    const text = '{"version":1,"producers":[{"id":"p","type":"generated","rate":1e400}]}';
    expect(issues(loadScenarioText(text))).toEqual([{ path: 'producers[0].rate', message: 'must be a finite number' }]);
  });

  it('treats null as a value of the wrong type', () => {
    const text = '{"version":1,"producers":[{"id":"p","type":"generated","rate":null}]}';
    expect(issues(loadScenarioText(text))).toEqual([{ path: 'producers[0].rate', message: 'must be a number, not null' }]);
  });
});

describe('fixtures', () => {
  it.each([
    ['bad/negative-rate.json', [{ path: 'producers[0].rate', message: 'must be > 0' }]],
    ['bad/unknown-field.json', [{ path: '(root)', message: 'unknown field "foo"' }]],
    ['bad/version-newer.json', [{ path: 'version', message: '2 is newer than this Streamlab reads (up to 1); update Streamlab' }]],
    ['bad/not-an-object.json', [{ path: '(root)', message: 'must be a JSON object describing a scenario' }]],
    [
      'bad/several-problems.json',
      [
        { path: 'topic.partitions', message: 'must be a whole number' },
        { path: 'producers[0].rate', message: 'must be a number, not a string' },
        { path: 'processor.window.type', message: 'must be one of "tumbling", "sliding", "session"' },
      ],
    ],
  ])('%s gives the expected issues', (name, expected) => {
    expect(issues(loadScenarioText(fixture(name)))).toEqual(expected);
  });

  it('good/minimal.json loads', () => {
    expect(loadScenarioText(fixture('good/minimal.json')).ok).toBe(true);
  });
});

describe('how issues are written', () => {
  it('formats an issue as "path: rule"', () => {
    expect(formatIssue({ path: 'producers[0].rate', message: 'must be > 0' })).toBe('producers[0].rate: must be > 0');
  });

  it('ScenarioError carries the issues and puts one per line in its message', () => {
    const found = issues(loadScenarioText(fixture('bad/several-problems.json')));
    const err = new ScenarioError(found);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ScenarioError');
    expect(err.issues).toEqual(found);
    expect(err.message.split('\n')).toEqual([
      'topic.partitions: must be a whole number',
      'producers[0].rate: must be a number, not a string',
      'processor.window.type: must be one of "tumbling", "sliding", "session"',
    ]);
  });
});
