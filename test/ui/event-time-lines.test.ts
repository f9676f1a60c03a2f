/**
 * The event-time chart's watermark line: a step path over the shown range, a gap for −∞ and a
 * rise to the top edge (with the time, for the arrowhead) at the end of input.
 */
import { describe, expect, test } from 'vitest';
import { chartDomains, chartLayout } from '../../src/ui/charts/event-time-layout';
import { noDelayDiagonal, watermarkPath, windowBox } from '../../src/ui/charts/event-time-lines';

// A 100 ms whole-run view; the scales map time and event time to px (left margin, top edge).
const layout = chartLayout({ width: 400, height: 320, emPx: 16, domains: chartDomains(100, [0, 100], null), eventDomain: [0, 100], dotCount: 10 });
const px = (t: number, v: number) => `${layout.x(t)},${layout.y(v)}`;

describe('event-time watermark path', () => {
  test('steps from value to value, a gap for −∞, and a rise to the top at +∞', () => {
    const wm = [ { time: 0, watermark: -Infinity }, { time: 10, watermark: 20 }, { time: 40, watermark: 50 }, { time: 70, watermark: Infinity } ];
    const { d, infinityAt } = watermarkPath(wm, layout, 100);
    expect(d).toBe(`M${px(10, 20)}H${layout.x(40)}V${layout.y(50)}H${layout.x(70)}V${layout.top}`);
    expect(infinityAt).toBe(70);
  });

  test('without the end of input the last value holds to the run’s end', () => {
    const { d, infinityAt } = watermarkPath([ { time: 10, watermark: 20 } ], layout, 80);
    expect(d).toBe(`M${px(10, 20)}H${layout.x(80)}`);
    expect(infinityAt).toBeNull();
  });

  test('the diagonal runs corner to corner when the axes share a range; a window band is at least 2 px', () => {
    const diagonal = noDelayDiagonal(layout);
    expect(diagonal).toMatchObject({ x1: layout.x(0), y1: layout.y(0), x2: layout.x(100), y2: layout.y(100) });
    expect(windowBox(layout, 50, 50).h).toBe(2);
  });
});
