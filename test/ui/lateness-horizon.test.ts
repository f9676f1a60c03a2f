/**
 * The event-time chart's allowed-lateness horizon: the streaming line minus the lateness, only
 * where there is a band of "late but counted" (not Spark, not lateness 0).
 */
import { describe, expect, test } from 'vitest';
import { horizonPath, latenessHorizon } from '../../src/ui/charts/lateness-horizon';

describe('lateness horizon', () => {
  test('drawn for Flink and Beam (watermark − allowed lateness) and Kafka Streams (stream time − grace), not Spark or 0', () => {
    // The rules: docs/semantics.md, "The rules side by side", "A record is dropped for a window when".
    expect(latenessHorizon({ semantics: 'flink', allowedLateness: 5000 })).toMatchObject({ lateness: 5000, line: 'watermark', latenessName: 'allowed lateness' });
    expect(latenessHorizon({ semantics: 'flink', allowedLateness: 5000 })?.rule).toContain('e − 1 + L <= W');
    expect(latenessHorizon({ semantics: 'beam', allowedLateness: 1 })).toMatchObject({ line: 'watermark' });
    expect(latenessHorizon({ semantics: 'beam', allowedLateness: 1 })?.rule).toContain('e − 1 + L < W');
    expect(latenessHorizon({ semantics: 'kafka-streams', allowedLateness: 2000 })).toMatchObject({ lateness: 2000, line: 'stream time', latenessName: 'grace' });
    expect(latenessHorizon({ semantics: 'kafka-streams', allowedLateness: 2000 })?.rule).toContain('e + grace <= stream time');
    expect(latenessHorizon({ semantics: 'spark', allowedLateness: 5000 })).toBeNull();
    expect(latenessHorizon({ semantics: 'flink', allowedLateness: 0 })).toBeNull();
  });

  test('each watermark lowered by the lateness, a gap for −∞ and a rise to the top at +∞', () => {
    // Identity scales: x = time, y = 1000 - value (so higher values are higher up), top 0, bottom 1000.
    const plot = { x: (v: number) => v, y: (v: number) => 1000 - v, domain: [0, 100] as const, top: 0, bottom: 1000 };
    // W: −∞ @0, 600 @10, 900 @40, +∞ @70. Lateness 500: horizon 100 @10 (y 900), 400 @40 (y 600).
    const wm = [ { time: 0, watermark: -Infinity }, { time: 10, watermark: 600 }, { time: 40, watermark: 900 }, { time: 70, watermark: Infinity } ];
    expect(horizonPath(wm, 500, plot, 100)).toBe('M10,900H40V600H70V0');
    // Without the end of input: the last value held to the run's end (80), not the edge.
    expect(horizonPath(wm.slice(0, 3), 500, plot, 80)).toBe('M10,900H40V600H80');
  });

  test('a range starting mid-run starts at the value in force at its left edge; values off the plot are clamped', () => {
    const plot = { x: (v: number) => v, y: (v: number) => 1000 - v, domain: [20, 60] as const, top: 0, bottom: 1000 };
    // 600 @10 is in force at 20: horizon 100 from x=20; 900 @40: 400; 2500 @50: 2000, above the top: clamped to -3.
    const wm = [ { time: 0, watermark: 200 }, { time: 10, watermark: 600 }, { time: 40, watermark: 900 }, { time: 50, watermark: 2500 }, { time: 90, watermark: 3000 } ];
    expect(horizonPath(wm, 500, plot, 100)).toBe('M20,900H40V600H50V-3H60');
  });
});
