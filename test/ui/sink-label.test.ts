/** Sink labels shorten before they are cut (issue 13: "ad-C = 0.071 (lat…"). */
import { describe, expect, test } from 'vitest';
import { sinkLatestText } from '../../src/ui/pipeline/sink-label';

describe('sink label', () => {
  const late = { key: 'ad-C', value: 0.071, firing: 'late' };
  test('the whole text when it fits (19 characters)', () => {
    expect(sinkLatestText('streaming', late, 19)).toBe('ad-C = 0.071 (late)');
  });
  test('the firing as its glyph when the words do not fit, then without " = "', () => {
    expect(sinkLatestText('streaming', late, 18)).toBe('ad-C = 0.071 ▼');
    expect(sinkLatestText('streaming', late, 13)).toBe('ad-C 0.071 ▼');
  });
  test('an ellipsis only when even the shortest form does not fit', () => {
    expect(sinkLatestText('streaming', late, 8)).toBe('ad-C 0.…');
  });
  test('on time: no tag; nothing yet; batch waits for the end', () => {
    expect(sinkLatestText('streaming', { key: 'a', value: 3, firing: 'on-time' }, 30)).toBe('a = 3');
    expect(sinkLatestText('microbatch', null, 30)).toBe('nothing yet');
    expect(sinkLatestText('batch', null, 30)).toBe('waits for the end');
  });
});
