/**
 * Colours that colour-blind viewers can tell apart (Okabe and Ito's palette), used for keys;
 * each mode has one fixed colour everywhere. Shape and outline carry meaning too, never colour
 * alone.
 */
export const KEY_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'] as const;

export const keyColour = (keyIndex: number): string => KEY_COLOURS[((keyIndex % KEY_COLOURS.length) + KEY_COLOURS.length) % KEY_COLOURS.length];

export const MODE_COLOURS = {
  batch: '#555555',
  microbatch: '#0072B2',
  streaming: '#D55E00',
} as const;

export const MODE_LABELS = {
  batch: 'Batch (truth)',
  microbatch: 'Micro-batch',
  streaming: 'Streaming',
} as const;

/** Fates and faults, drawn with a shape as well as a colour. */
export const MARK = {
  late: '#D55E00',
  duplicate: '#CC79A7',
  malformed: '#000000',
} as const;
