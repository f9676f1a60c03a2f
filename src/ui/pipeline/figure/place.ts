/**
 * Where words and bars sit inside the pipeline figure's boxes. Estimates from the font size
 * rather than measured text: the figure redraws every frame and must not touch the DOM to lay out.
 */
import type { Box } from '../layout';

/** Text placement: `n` lines centred in a box, line k's baseline. */
export const lineY = (b: Box, k: number, n: number, f: number): number => b.y + (b.h - n * 1.12 * f) / 2 + (k + 0.8) * 1.12 * f;

/** About how many characters of text at `em` fit across a box `w` px wide. */
export const charsFor = (w: number, f: number, em = 0.8): number => (w - 0.9 * f) / (0.55 * em * f);

/** A squeeze for text that would overflow its box (undefined: it fits as it is). */
export const fit = (text: string, em: number, width: number, f: number): number | undefined => (text.length * 0.62 * em * f > width ? width : undefined);

/** A window's bar in the processor, scaled to the run's largest window; at least 2 px once it has a record, so it never vanishes. */
export const barHeight = (count: number, maxCount: number, bars: Box, f: number): number => Math.max(count > 0 ? 2 : 0, (count / maxCount) * (bars.h - 1.2 * f));

/** Smooth connector from a lane's end to its consumer's box. */
export function connector(x0: number, y0: number, x1: number, y1: number): string {
  const mx = (x0 + x1) / 2;
  return `M${x0},${y0} C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
}
