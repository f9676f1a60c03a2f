/**
 * The event-time chart's second reads (src/ui/charts/reread-paint.ts), painted on a recording
 * context: each is the key's dot inside a dark ring (marks.ts), at (read-again time, event time)
 * on the chart's linear scales, with the fault emphasis over the chart's dot radius.
 */
import { describe, expect, test } from 'vitest';
import { paintRereads } from '../../src/ui/charts/reread-paint';
import { FAULT_EMPHASIS, markSize } from '../../src/ui/marks';
import { keyColour } from '../../src/ui/palette';

/** Records arcs (centre, radius) and the fill and stroke colours in force when used. */
function recordingContext() {
  const calls: { op: string; x?: number; y?: number; r?: number; style?: string }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    save() {}, restore() {}, beginPath() {}, rect() {}, clip() {}, closePath() {}, moveTo() {}, lineTo() {},
    arc(x: number, y: number, r: number) { calls.push({ op: 'arc', x, y, r }); },
    fill() { calls.push({ op: 'fill', style: ctx.fillStyle }); },
    stroke() { calls.push({ op: 'stroke', style: ctx.strokeStyle }); },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe('painting second reads', () => {
  test('each read again is its key dot then a dark ring, placed by the linear scales', () => {
    const { ctx, calls } = recordingContext();
    // x = 10 + t / 100, y = 200 - eventTime / 100: read again at 1000 ms, event time 500 ms -> (20, 195).
    const plot = { x: (t: number) => 10 + t / 100, y: (e: number) => 200 - e / 100, left: 0, right: 300, top: 0, bottom: 200, r: 2 };
    const marks = { rereadTimes: Float64Array.of(1000, 2000), rereadEventTimes: Float64Array.of(500, 900), rereadKeys: Int32Array.of(3, 0) };
    paintRereads(ctx, marks, plot, 0, 1, { fg: '#111', bg: '#fff', outline: 'grey' });
    const R = 2 + FAULT_EMPHASIS;
    expect(calls).toEqual([
      { op: 'arc', x: expect.closeTo(20, 6), y: expect.closeTo(195, 6), r: markSize('rereadDot', R) },
      { op: 'fill', style: keyColour(3) },
      { op: 'arc', x: expect.closeTo(20, 6), y: expect.closeTo(195, 6), r: markSize('rereadRing', R) },
      { op: 'stroke', style: '#111' },
    ]);
  });

  test('an empty range paints nothing', () => {
    const { ctx, calls } = recordingContext();
    const plot = { x: (t: number) => t, y: (e: number) => e, left: 0, right: 1, top: 0, bottom: 1, r: 2 };
    paintRereads(ctx, { rereadTimes: new Float64Array(0), rereadEventTimes: new Float64Array(0), rereadKeys: new Int32Array(0) }, plot, 0, 0, { fg: '#111', bg: '#fff', outline: 'grey' });
    expect(calls).toEqual([]);
  });
});
