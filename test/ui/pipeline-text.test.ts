/**
 * The pipeline's short time labels must never round a time onto (or off) a window boundary:
 * the four-engines lesson turns on a watermark of 9,999 ms against a window end of 10,000 ms.
 */
import { describe, expect, test } from 'vitest';
import { compactTime } from '../../src/ui/pipeline/text';

describe('compactTime', () => {
  test('a time one millisecond before a boundary reads exactly, not rounded onto it', () => {
    // 9,999 ms = 9.999 s; rounding to one decimal would say "10.0 s", the window's end.
    expect(compactTime(9_999)).toBe('9.999 s');
    expect(compactTime(19_999)).toBe('19.999 s');
    expect(compactTime(1_450)).toBe('1.45 s');
  });

  test('whole and half seconds stay short', () => {
    expect(compactTime(10_000)).toBe('10 s');
    expect(compactTime(12_500)).toBe('12.5 s');
    expect(compactTime(750)).toBe('750 ms');
    expect(compactTime(0)).toBe('0 s');
  });

  test('long times keep their milliseconds when they have any', () => {
    // 1,000,001 ms = 1,000 s + 1 ms = 0:16:40 and 1 ms.
    expect(compactTime(1_000_000)).toBe('0:16:40');
    expect(compactTime(1_000_001)).toBe('0:16:40.001');
  });

  test('the end-of-input watermark (MAX_SAFE_INTEGER) is +∞, as in the header', () => {
    expect(compactTime(Number.MAX_SAFE_INTEGER)).toBe('+∞');
    expect(compactTime(-Infinity)).toBe('−∞');
  });
});
