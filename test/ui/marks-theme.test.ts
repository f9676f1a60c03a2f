/**
 * One home for mark geometry (marks.ts) and for the canvas theme and pixel ratio (theme.ts).
 * A recording PathSink captures what each shape draws, so the extents below are the drawn
 * coordinates; the expected numbers are the proportions stated in marks.ts, multiplied by hand.
 */
import { describe, expect, test } from 'vitest';
import { circle, cross, diamond, lateRing, markLine, markSize, rereadDot, rereadRing, triangle, DOT, SHAPE, type PathSink } from '../../src/ui/marks';
import { deviceSize, LIGHT_COLOURS, readColours, sizeCanvas } from '../../src/ui/theme';

/** Records every point and arc a shape draws; `extent` is the largest distance from (0, 0) reached. */
function recorder(): PathSink & { extent: number; points: [number, number][] } {
  const rec = {
    extent: 0,
    points: [] as [number, number][],
    moveTo(x: number, y: number) {
      rec.points.push([x, y]);
      rec.extent = Math.max(rec.extent, Math.hypot(x, y));
    },
    lineTo(x: number, y: number) {
      rec.moveTo(x, y);
    },
    arc(x: number, y: number, r: number) {
      rec.extent = Math.max(rec.extent, Math.hypot(x, y) + r);
    },
    closePath() {},
  };
  return rec;
}

const extent = (draw: (p: PathSink) => void): number => {
  const p = recorder();
  draw(p);
  return p.extent;
};

describe('mark geometry', () => {
  test('each shape of a mark of radius 4 reaches the size the table states', () => {
    expect(extent((p) => circle(p, 0, 0, 4))).toBeCloseTo(4); // a plain dot: radius r
    expect(extent((p) => lateRing(p, 0, 0, 4))).toBeCloseTo(3.4); // 0.85 x 4
    expect(extent((p) => diamond(p, 0, 0, 4))).toBeCloseTo(5.2); // tips at 1.3 x 4 on each axis
    expect(extent((p) => cross(p, 0, 0, 4))).toBeCloseTo(3.8 * Math.SQRT2); // corners at (+-0.95 x 4, +-0.95 x 4)
    expect(extent((p) => rereadDot(p, 0, 0, 4))).toBeCloseTo(3.2); // 0.8 x 4
    expect(extent((p) => rereadRing(p, 0, 0, 4))).toBeCloseTo(5.4); // 1.35 x 4
  });

  test('stroke widths scale with the mark but never fall below their floor', () => {
    expect(markLine('late', 10)).toBe(5); // 0.5 x 10
    expect(markLine('late', 2)).toBe(1.5); // 1.0 would be too thin: the 1.5 px floor
    expect(markLine('malformed', 10)).toBeCloseTo(5.5); // 0.55 x 10
    expect(markLine('malformed', 2)).toBe(2);
    expect(markLine('duplicate', 10)).toBe(1.5); // a fixed 1.5 px outline
    expect(markLine('rereadRing', 10)).toBeCloseTo(3.5);
    expect(markSize('late', 10)).toBeCloseTo(8.5);
  });

  test('a late ring with its stroke ends close to a plain dot of the same radius (about 1.1 r), not far outside it', () => {
    for (const r of [3, 5, 8]) {
      const outer = markSize('late', r) + markLine('late', r) / 2;
      expect(outer).toBeGreaterThan(r * 0.95);
      expect(outer).toBeLessThan(r * 1.4);
    }
  });

  test('a firing triangle points up (on time, early) or down (late), half-width s and half-height 0.9 s', () => {
    const up = recorder();
    triangle(up, 0, 0, 5);
    expect(up.points[0]).toEqual([0, -4.5]); // apex above (y grows downwards)
    expect(up.points[1]).toEqual([5, 4.5]);
    const down = recorder();
    triangle(down, 0, 0, 5, true);
    expect(down.points[0]).toEqual([0, 4.5]);
  });

  test('the event-time chart and the pipeline share one set of mark codes', () => {
    expect(DOT.LATE).toBe(SHAPE.LATE);
    expect(DOT.DUPLICATE).toBe(SHAPE.DUPLICATE);
    expect(DOT.MALFORMED).toBe(SHAPE.MALFORMED);
    expect(new Set(Object.values(SHAPE)).size).toBe(Object.keys(SHAPE).length);
  });
});

describe('theme and pixel ratio', () => {
  const style = (vars: Record<string, string>) => ({ getPropertyValue: (name: string) => vars[name] ?? '' });

  test('colours come from the CSS variables, trimmed, with the light theme where one is missing', () => {
    const c = readColours(style({ '--fg': ' #e6edf3 ', '--bg': '#0d1117' }), true);
    expect(c.fg).toBe('#e6edf3');
    expect(c.bg).toBe('#0d1117');
    expect(c.muted).toBe(LIGHT_COLOURS.muted);
    expect(c.outline).toBe('rgba(255,255,255,0.55)'); // dark page: a light outline
    expect(readColours(style({}), false).outline).toBe(LIGHT_COLOURS.outline);
  });

  test('a canvas gets one backing pixel per device pixel, rounded, never more', () => {
    expect(deviceSize(300, 1)).toBe(300);
    expect(deviceSize(300, 2)).toBe(600);
    expect(deviceSize(301, 1.25)).toBe(376); // 376.25 rounds down
    expect(deviceSize(301, 1.5)).toBe(452); // 451.5 rounds up: half a pixel, not a whole extra row
    expect(deviceSize(-5, 2)).toBe(0);
  });

  test('sizing a canvas touches it only when the size changes (a resize clears it)', () => {
    const canvas = { width: 0, height: 0 };
    expect(sizeCanvas(canvas, 200, 100, 2)).toBe(true);
    expect(canvas).toEqual({ width: 400, height: 200 });
    expect(sizeCanvas(canvas, 200, 100, 2)).toBe(false);
    expect(sizeCanvas(canvas, 200, 100, 1)).toBe(true);
    expect(canvas).toEqual({ width: 200, height: 100 });
  });
});
