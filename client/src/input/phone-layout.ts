/**
 * Small layout helpers for answering on a phone: a prompt too wide for a 360 px screen shrinks to fit instead of
 * being cut off, and the folded diagram scrolls into view when the player opens it.
 */

/** Shrinks `el`'s font (down to 60 %) while its content is wider than the element; never grows it back. */
export function fitWide(el: HTMLElement): void {
  if (typeof ResizeObserver !== 'function') return;
  let scale = 1;
  const fit = (): void => {
    if (!el.isConnected || el.clientWidth === 0) return;
    const ratio = el.clientWidth / el.scrollWidth;
    if (ratio >= 0.995 || scale <= 0.6) return;
    scale = Math.max(0.6, scale * ratio * 0.98);
    el.style.fontSize = `${Math.round(scale * 100)}%`;
  };
  const watch = new ResizeObserver(fit);
  watch.observe(el);
  // KaTeX arrives later and replaces the fallback text: its width is what matters.
  new MutationObserver(fit).observe(el, { childList: true, subtree: true });
}

/** `onOpen` when the player opens the fold (not when the page folds it), then brings it into view. */
export function foldable(details: HTMLDetailsElement, onOpen: () => void): void {
  let asked = false;
  details.querySelector('summary')?.addEventListener('click', () => (asked = true));
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    onOpen();
    if (asked) details.scrollIntoView({ block: 'nearest' });
    asked = false;
  });
}
