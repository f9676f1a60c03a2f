/**
 * Issue 13, defect 13: a bad time field is answered with the rule the learner broke, in words
 * and in milliseconds, at that field only. A negative window size used to answer with an
 * unrelated `processor.window.offset: must be smaller than size` as well, and a bound of 1e20
 * with "must be <= 9007199254740991" (JavaScript's largest safe integer, not the field's rule).
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, validateScenario, type ScenarioIssue } from '../../../src/engine/index';

const scenario = (processor: Record<string, unknown>) => ({ version: 1, producers: [{ id: 'web', type: 'generated', rate: 10 }], processor });

function issuesOf(doc: unknown): ScenarioIssue[] {
  const result = validateScenario(doc);
  if (result.ok) throw new Error(`expected ${JSON.stringify(doc)} to be rejected`);
  return result.issues;
}

describe('time fields answer with their own rule, in words', () => {
  it('a negative tumbling window size names the size only, as a positive number of milliseconds', () => {
    const issues = issuesOf(scenario({ window: { type: 'tumbling', size: -5000 } }));
    expect(issues).toEqual([{ path: 'processor.window.size', message: 'must be a positive number of milliseconds (at least 1 ms)' }]);
  });

  it('a zero sliding slide names the slide only', () => {
    const issues = issuesOf(scenario({ window: { type: 'sliding', size: 10_000, slide: 0 } }));
    expect(issues).toEqual([{ path: 'processor.window.slide', message: 'must be a positive number of milliseconds (at least 1 ms)' }]);
  });

  it('a bound of 1e20 is told the field limit, 24 hours, not the largest safe integer', () => {
    const issues = issuesOf(scenario({ watermark: { type: 'boundedOutOfOrderness', bound: 1e20 } }));
    // LIMITS.durationMs = 24 h * 3,600,000 ms/h = 86,400,000 ms.
    expect(issues).toEqual([{ path: 'processor.watermark.bound', message: 'must be at most 86,400,000 ms (24 hours)' }]);
    expect(issues[0].message).not.toContain('9007199254740991');
  });

  it('a bound one ms over the limit gets the same rule', () => {
    const issues = issuesOf(scenario({ watermark: { type: 'boundedOutOfOrderness', bound: LIMITS.durationMs + 1 } }));
    expect(issues).toEqual([{ path: 'processor.watermark.bound', message: 'must be at most 86,400,000 ms (24 hours)' }]);
  });

  it('a negative bound says it cannot be negative', () => {
    const issues = issuesOf(scenario({ watermark: { type: 'boundedOutOfOrderness', bound: -1 } }));
    expect(issues).toEqual([{ path: 'processor.watermark.bound', message: 'must be 0 ms or more, not negative' }]);
  });

  it('a fractional size asks for whole milliseconds', () => {
    const issues = issuesOf(scenario({ window: { type: 'tumbling', size: 1.5 } }));
    expect(issues).toEqual([{ path: 'processor.window.size', message: 'must be a whole number of milliseconds' }]);
  });

  it('an offset out of range is told the ±10^13 ms span in words', () => {
    const issues = issuesOf(scenario({ window: { type: 'tumbling', size: 10_000, offset: 1e20 } }));
    expect(issues.map((i) => i.path)).toEqual(['processor.window.offset']);
    expect(issues[0].message).toBe('must be within ±10,000,000,000,000 ms (about 300 years)');
  });

  it('an offset as large as the size still gets the offset rule (the size itself is valid)', () => {
    const issues = issuesOf(scenario({ window: { type: 'tumbling', size: 10_000, offset: 10_000 } }));
    expect(issues).toEqual([{ path: 'processor.window.offset', message: 'must be smaller than size in absolute value' }]);
  });
});
