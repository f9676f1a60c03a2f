/**
 * Issue 13, defect 17: key colours repeated within the default scenario's 10 keys (the palette
 * had 8). Every key of the default scenario now has its own colour, and every pair of key
 * colours stays apart for normal vision and for the two common red-green colour deficiencies.
 *
 * Distances are CIE76 ΔE in CIELAB (sRGB, D65). Dichromat vision is simulated with Viénot,
 * Brettel and Mollon's (1999) matrices in linear RGB. The floors are ours: ΔE 20 is an obvious
 * difference between small dots; ΔE 10 is still told apart side by side. Okabe and Ito's eight
 * colours, which the palette keeps, are 7.3 apart (pink and grey) for a deuteranope, so grey is out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY_COLOURS, keyColour } from '../../src/ui/palette';

const toLinear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => 255 * Math.min(1, Math.max(0, c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function lab(rgb: number[]): number[] {
  const [r, g, b] = rgb.map(toLinear);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const DICHROMAT: Record<string, number[][]> = {
  protanope: [[0.11238, 0.88762, 0], [0.11238, 0.88762, 0], [0.00401, -0.00401, 1]],
  deuteranope: [[0.29275, 0.70725, 0], [0.29275, 0.70725, 0], [-0.02234, 0.02234, 1]],
};
const seenBy = (rgb: number[], m: number[][]) => {
  const l = rgb.map(toLinear);
  return m.map((row) => fromLinear(row[0] * l[0] + row[1] * l[1] + row[2] * l[2]));
};
const deltaE = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function closestPair(see: (rgb: number[]) => number[]): { distance: number; pair: string } {
  let best = { distance: Infinity, pair: '' };
  for (let i = 0; i < KEY_COLOURS.length; i++) {
    for (let j = i + 1; j < KEY_COLOURS.length; j++) {
      const distance = deltaE(lab(see(rgbOf(KEY_COLOURS[i]))), lab(see(rgbOf(KEY_COLOURS[j]))));
      if (distance < best.distance) best = { distance, pair: `${KEY_COLOURS[i]} ${KEY_COLOURS[j]}` };
    }
  }
  return best;
}

describe('key colours', () => {
  it('give each of the default scenario’s keys its own colour', () => {
    const clicks = JSON.parse(readFileSync(new URL('../../scenarios/clicks.json', import.meta.url), 'utf8')) as { producers: { keys: { count: number } }[] };
    const keys = clicks.producers[0].keys.count;
    expect(keys).toBe(10);
    expect(new Set(Array.from({ length: keys }, (_, i) => keyColour(i))).size).toBe(keys);
  });

  it('stay at least ΔE 20 apart for normal vision', () => {
    const { distance, pair } = closestPair((rgb) => rgb);
    expect(distance, pair).toBeGreaterThanOrEqual(20);
  });

  it.each(Object.keys(DICHROMAT))('stay at least ΔE 10 apart for a %s', (who) => {
    const { distance, pair } = closestPair((rgb) => seenBy(rgb, DICHROMAT[who]));
    expect(distance, pair).toBeGreaterThanOrEqual(10);
  });

  it('repeat only after the whole palette, and handle negative indexes', () => {
    expect(keyColour(KEY_COLOURS.length)).toBe(keyColour(0));
    expect(keyColour(-1)).toBe(KEY_COLOURS[KEY_COLOURS.length - 1]);
  });
});
