/**
 * The metrics panel's mini-chart lines, coloured and labelled: lag per partition, throughput,
 * freshness. Each is a MiniChart ChartSeries (checked where the panel passes them on; plain tsc
 * cannot import a type from a .svelte file).
 */
import { MODE_COLOURS } from '../palette';
import { formatTime } from '../format';
import type { RunMetrics } from './metrics-data';

const PARTITION_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999', '#F0E442'];
const PARTITION_DASHES = [undefined, '6 3', '2 3', '8 3 2 3'];

/** The colour the throughput chart draws reads in (its legend swatch too). */
export const READ_COLOUR = '#009E73';

export function lagSeries(metrics: RunMetrics) {
  return metrics.lag.map((s, p) => ({
    ...s,
    label: `p${p}`,
    colour: PARTITION_COLOURS[p % PARTITION_COLOURS.length],
    // Beyond the palette, a dash pattern tells partitions apart.
    dash: PARTITION_DASHES[Math.floor(p / PARTITION_COLOURS.length) % PARTITION_DASHES.length],
  }));
}

export function throughputSeries(metrics: RunMetrics) {
  return [
    { ...metrics.throughput.appended, label: 'appended', colour: '#999999', step: true, area: true },
    { ...metrics.throughput.read, label: 'read', colour: READ_COLOUR, step: true },
  ];
}

export function freshnessSeries(metrics: RunMetrics) {
  return [
    { ...metrics.microbatch.freshness, label: 'microbatch', colour: MODE_COLOURS.microbatch, dash: '6 3' },
    { ...metrics.streaming.freshness, label: 'streaming', colour: MODE_COLOURS.streaming },
  ];
}

/** What one throughput bar is: a 1 s bin, or an average over wider bins on long runs. */
export function binNote(metrics: RunMetrics): string {
  return metrics.throughput.binMs === 1000 ? 'per 1 s bin' : `averaged over ${formatTime(metrics.throughput.binMs).replace('.000', '')} bins`;
}
