/**
 * Where the guide's highlight outline goes. The outline is a fixed overlay that follows its
 * target while the page scrolls; a target scrolled partly under the sticky controls and guide
 * must not be outlined over them, so the outline is cut at the sticky bar's bottom edge.
 */

/** A rectangle in viewport pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedOutline {
  box: Box;
  /** The target continues above the cut: the outline has no top edge there. */
  openTop: boolean;
  /** The label would rise into the sticky bar, so it sits just inside the outline instead. */
  labelInside: boolean;
  /** Free space above the outline (px, at most MAX_ROOM) its glow and label may use: none over the cover. */
  room: number;
}

/** Enough room above the outline for its pulsing glow and its label. */
export const MAX_ROOM = 20;

/** Outlines thinner than this (px) are not worth drawing: the target is all but hidden. */
export const MIN_VISIBLE = 8;

/**
 * The outline for a target box when everything above `coverBottom` (the sticky bar's bottom, in
 * viewport px) is covered; `labelRise` is how far the label sticks out above the outline's top.
 * Null when too little of the target shows below the cover.
 */
export function placeOutline(target: Box, coverBottom: number, labelRise: number): PlacedOutline | null {
  const top = Math.max(target.y, coverBottom);
  const bottom = target.y + target.h;
  if (bottom - top < MIN_VISIBLE) return null;
  return {
    box: { x: target.x, y: top, w: target.w, h: bottom - top },
    openTop: target.y < coverBottom,
    labelInside: top - labelRise < coverBottom,
    room: Math.min(MAX_ROOM, top - coverBottom),
  };
}
