/**
 * The one home of the page theme as canvases see it, and of the device pixel ratio. A canvas
 * cannot use CSS variables, so its colours are read from them here (with the light theme's
 * values as fallbacks); and a canvas is sharp only when its backing store has one pixel per
 * device pixel, which `deviceSize` gives exactly (rounded, never more, so no memory is wasted).
 */

/** The page theme's colours, read from its CSS variables (app.css). */
export interface Colours {
  fg: string;
  muted: string;
  bg: string;
  border: string;
  accent: string;
  /** A normal dot's outline: dark on a light page, light on a dark one. */
  outline: string;
  danger: string;
}

/** The light theme's values (app.css), used where a variable is not set. */
export const LIGHT_COLOURS: Colours = {
  fg: '#1b1f24',
  muted: '#57606a',
  bg: '#ffffff',
  border: '#d0d7de',
  accent: '#0072b2',
  outline: 'rgba(0,0,0,0.45)',
  danger: '#b42318',
};
const DARK_OUTLINE = 'rgba(255,255,255,0.55)';

export const DARK_SCHEME = '(prefers-color-scheme: dark)';

/** The theme from computed style; `dark` picks the dot outline (it is not a CSS variable). */
export function readColours(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>, dark: boolean): Colours {
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', LIGHT_COLOURS.fg),
    muted: v('--muted', LIGHT_COLOURS.muted),
    bg: v('--bg', LIGHT_COLOURS.bg),
    border: v('--border', LIGHT_COLOURS.border),
    accent: v('--accent', LIGHT_COLOURS.accent),
    outline: dark ? DARK_OUTLINE : LIGHT_COLOURS.outline,
    danger: v('--danger', LIGHT_COLOURS.danger),
  };
}

/** The page's colours now, as seen from `el` (the document root by default). */
export function pageColours(el: Element = document.documentElement): Colours {
  return readColours(getComputedStyle(el), matchMedia(DARK_SCHEME).matches);
}

/** Device pixels per CSS pixel (1 outside a browser). */
export function pixelRatio(): number {
  return typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
}

/** Backing-store pixels for `css` CSS pixels at `dpr`: one per device pixel, rounded. */
export function deviceSize(css: number, dpr: number): number {
  return Math.max(0, Math.round(css * dpr));
}

/** Sizes a canvas's backing store to its CSS box in device pixels; touches it only on change (a resize clears it). */
export function sizeCanvas(canvas: { width: number; height: number }, cssWidth: number, cssHeight: number, dpr: number): boolean {
  const w = deviceSize(cssWidth, dpr);
  const h = deviceSize(cssHeight, dpr);
  if (canvas.width === w && canvas.height === h) return false;
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return true;
}

/**
 * Calls `changed` with the new ratio whenever the device pixel ratio changes (a move to another
 * screen, browser zoom). A resolution query matches one ratio only, so it is renewed each time.
 */
export function watchPixelRatio(changed: (dpr: number) => void): () => void {
  let query: MediaQueryList | null = null;
  const update = () => {
    const dpr = pixelRatio();
    query?.removeEventListener('change', update);
    query = matchMedia(`(resolution: ${dpr}dppx)`);
    query.addEventListener('change', update);
    changed(dpr);
  };
  update();
  return () => query?.removeEventListener('change', update);
}
