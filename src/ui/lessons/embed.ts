/**
 * Page parameters for lessons and the embedded player.
 *
 *   ?embed=1                  the minimal player (also `embed=1` among the fragment's parameters,
 *                             as in `#s=v1.…&embed=1`, so a shared scenario link can be embedded)
 *   ?lesson=<scenario id>     opens that shipped lesson in guided mode
 *
 * Fragment parameters are `&`-separated `key=value` pairs (the share-link format in
 * src/engine/share/link.ts); the link payload itself is never touched here.
 */

export interface PageParams {
  embed: boolean;
  /** A shipped scenario id to start as a lesson, or null. */
  lesson: string | null;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function fragmentParams(hash: string): Map<string, string> {
  const params = new Map<string, string>();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return params;
}

const truthy = (v: string | null | undefined) => v === '1' || v === 'true' || v === '';

export function readPageParams(href: string): PageParams {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { embed: false, lesson: null };
  }
  const fragment = fragmentParams(url.hash);
  const embed = (url.searchParams.has('embed') && truthy(url.searchParams.get('embed'))) || (fragment.has('embed') && truthy(fragment.get('embed')));
  const raw = url.searchParams.get('lesson') ?? fragment.get('lesson') ?? null;
  // An id that could not be a scenario id is ignored (the caller then opens the default).
  const lesson = raw !== null && ID_PATTERN.test(raw) ? raw : null;
  return { embed, lesson };
}

/** The same address without the embed switch: "Open in Streamlab" from an embedded player. */
export function withoutEmbed(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  url.searchParams.delete('embed');
  if (url.hash) {
    // Textual removal, so the link payload (which may contain '+' and '$') is kept byte for byte.
    const kept = url.hash
      .slice(1)
      .split('&')
      .filter((part) => part !== 'embed' && !part.startsWith('embed='));
    url.hash = kept.join('&');
  }
  return url.toString();
}
