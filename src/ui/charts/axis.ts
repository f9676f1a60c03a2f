/**
 * Small helpers shared by the charts: a Svelte action that renders a D3 axis into a <g>,
 * and tick labels in seconds that stay short ("20 s", "2.5 s") on narrow axes.
 */
import { select, tickStep, type Axis, type NumberValue } from 'd3';

/**
 * Renders `value` (a configured d3 axis) into the element, again whenever it changes.
 * D3 stamps a fixed 10px font on the group; removing it lets CSS size the ticks in em,
 * so presenter view (125%) scales them too.
 */
export function axis(node: SVGGElement, value: Axis<NumberValue>) {
  const draw = (a: Axis<NumberValue>) => {
    select(node).call(a).attr('font-size', null).attr('font-family', null);
  };
  draw(value);
  return { update: draw };
}

/**
 * Formats ms as seconds with as many decimals as the tick spacing needs. `formatTime`
 * always prints three decimals (right for a single reading, too long for an axis).
 */
export function secondsFormat(domain: readonly number[], count: number): (ms: NumberValue) => string {
  const lo = domain[0] ?? 0;
  const hi = domain[domain.length - 1] ?? 1;
  const step = Math.abs(tickStep(lo, hi, Math.max(1, count)));
  const decimals = !(step > 0) || step >= 1000 ? 0 : Math.min(3, Math.ceil(-Math.log10(step / 1000) - 1e-9));
  const fmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  // `|| 0` turns -0 into 0 so the origin never reads "-0 s".
  return (ms: NumberValue) => `${fmt.format(Number(ms) / 1000 || 0)} s`;
}

/** Integer counts on a y axis: no fractional ticks for small numbers, thousands separated. */
export function countFormat(): (n: NumberValue) => string {
  const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  return (n: NumberValue) => fmt.format(Number(n));
}

/** Rough width of a tick label in px: good enough to size a margin without measuring text. */
export function labelWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.6;
}
