/**
 * Key colours: Okabe and Ito's seven hues, then Paul Tol's wine, olive, indigo and green, so the
 * default scenario's 10 keys each get their own and colours repeat only after 11. Every pair stays
 * apart for protanopes and deuteranopes too (test/ui/palette.test.ts); Okabe and Ito's grey is
 * left out, as a deuteranope sees it close to their pink. Each mode has one fixed colour
 * everywhere. Shape and outline carry meaning too, never colour alone, and keys are named in text.
 */
export const KEY_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#882255', '#999933', '#332288', '#117733'] as const;

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
