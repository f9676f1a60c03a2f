/**
 * Shared links in the page: opening the scenario a URL fragment carries (on startup and when the
 * hash changes), and making a link for what is on screen. The codec lives in the engine
 * (decodeLink/encodeLink); this only connects it to location, history and the clipboard.
 */
import { decodeLink, encodeLink, hasLink, type DecodedLink } from '../../engine/index';
import type { Simulation } from '../state/simulation.svelte';

type OpenedLink = Extract<DecodedLink, { ok: true }>;

export interface LinkHandlers {
  /** A link was opened and is on screen (the App may pick a view or the picker entry). */
  opened(link: OpenedLink): void;
  /** No link (or a broken one) at startup: open the default scenario. */
  fallback(): void;
}

export class ShareLinks {
  /** Why the last link could not be opened (shown as text in a dismissible banner). */
  error = $state<string | null>(null);
  /** What is on screen instead of the broken link's scenario. */
  errorNote = $state('');
  /** Short status for the copy button, read out by screen readers. */
  status = $state('');
  /** The link, shown selected in a read-only field when the clipboard cannot be written. */
  fallbackLink = $state<string | null>(null);

  /**
   * Opens the scenario in a fragment. Returns false (and sets `error`) for a damaged link or
   * one whose scenario is invalid; true when it is on screen.
   */
  openFragment(fragment: string, sim: Simulation, handlers: Pick<LinkHandlers, 'opened'>): boolean {
    const link = decodeLink(fragment);
    if (!link.ok) {
      this.error = link.message;
      return false;
    }
    if (!sim.load(link.document)) {
      // Not expected: decodeLink already validated; say so rather than show nothing.
      this.error = sim.issues.map((i) => `${i.path}: ${i.message}`).join('; ') || 'the scenario could not be loaded';
      return false;
    }
    this.error = null;
    if (link.time !== undefined) {
      // A link to a moment opens paused there, as the sender saw it.
      sim.pause();
      sim.seek(link.time);
    } else {
      sim.play();
    }
    handlers.opened(link);
    return true;
  }

  /**
   * Reads location.hash at startup and follows later hash changes. Returns the cleanup.
   * A broken link at startup falls back to the default scenario; a broken link pasted later
   * leaves the current scenario on screen. Either way the banner says why.
   */
  start(sim: Simulation, handlers: LinkHandlers): () => void {
    const hash = location.hash;
    if (!hasLink(hash) || !this.openFragment(hash, sim, handlers)) {
      handlers.fallback();
      this.errorNote = 'The default scenario is shown instead.';
    }
    const onHashChange = () => {
      if (hasLink(location.hash) && !this.openFragment(location.hash, sim, handlers)) this.errorNote = 'The scenario on screen is unchanged.';
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }

  dismiss(): void {
    this.error = null;
  }

  /**
   * Puts a link to the current document and moment in the address bar (without reloading or
   * adding a history entry) and on the clipboard. Without clipboard access the link is shown
   * in a field, selected, for the person to copy.
   */
  async copy(sim: Simulation, view?: string): Promise<void> {
    this.fallbackLink = null;
    this.status = '';
    const encoded = encodeLink(sim.document, { time: Math.round(sim.time), view });
    if (!encoded.ok) {
      this.status = `No link made: ${encoded.message}`;
      return;
    }
    // Keep other page parameters (such as embed) out: the link is for the full app.
    history.replaceState(history.state, '', `#${encoded.fragment}`);
    const url = location.href;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      this.status = 'Link copied';
    } catch {
      this.fallbackLink = url;
      this.status = 'The clipboard is not available here: the link is selected in the field below, ready to copy';
    }
  }
}
