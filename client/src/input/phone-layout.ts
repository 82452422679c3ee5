/**
 * Small layout helpers for answering on a phone: a prompt too wide for a 360 px screen shrinks to fit instead of
 * being cut off, and the folded diagram scrolls into view when the player opens it.
 */

/**
 * Shrinks `el`'s font (down to 60 %, then lets it scroll sideways) while its content is wider than `line` (by default `el` itself; an inline
 * formula passes the line it sits in). Measured afresh at the natural size each time: a formula whose box is a hair
 * wider than its ink (KaTeX's √ is) is left alone, where shrinking until its own box fits crept down to 60 %.
 */
export function fitWide(el: HTMLElement, line: HTMLElement = el): void {
  if (typeof ResizeObserver !== 'function') return;
  const fit = (): void => {
    if (!el.isConnected || line.clientWidth === 0) return;
    el.style.fontSize = '';
    el.classList.remove('fit-scrolls');
    const ratio = line.clientWidth / el.scrollWidth;
    if (ratio >= 0.995) return;
    el.style.fontSize = `${Math.round(Math.max(0.6, ratio * 0.98) * 100)}%`;
    // Still wider at 60 % (a formula no line break can split): it scrolls sideways in its own box, never the page.
    if (el.scrollWidth > line.clientWidth + 1) el.classList.add('fit-scrolls');
  };
  new ResizeObserver(fit).observe(line);
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
