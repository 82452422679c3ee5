/**
 * Regions that scroll sideways (a long worked step, a wide prompt or answer, the report's table) must be
 * reachable from the keyboard, or a keyboard user cannot read their end (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Only a region that actually overflows becomes a tab stop, named so a screen
 * reader says why it stops there; it stops being one when it fits again (a rotated phone). docs/accessibility.md.
 */

/** Every element the stylesheets let scroll sideways (styles.css, keypad.css, the report page's table). */
const SCROLLERS = '.steps li, .prompt, .answer-math, .preview, .feedback, .scroll-x, .fit-scrolls';
const MARK = 'data-scroll-focus';

/** Makes the overflowing regions under `root` focusable and the others plain again. */
export function markScrollRegions(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    // Sideways always; up and down only where the style lets it scroll (the sticky prompt of a short screen).
    const overflows = el.scrollWidth > el.clientWidth + 1
      || (el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY));
    const marked = el.hasAttribute(MARK);
    if (overflows && !marked && !el.hasAttribute('tabindex')) {
      el.setAttribute(MARK, '');
      el.tabIndex = 0;
      if (!el.hasAttribute('role')) el.setAttribute('role', 'group');
      if (!el.hasAttribute('aria-label')) el.setAttribute('aria-label', 'Scrollable region');
    } else if (!overflows && marked) {
      el.removeAttribute(MARK);
      el.removeAttribute('tabindex');
      if (el.getAttribute('role') === 'group') el.removeAttribute('role');
      if (el.getAttribute('aria-label') === 'Scrollable region') el.removeAttribute('aria-label');
    }
  }
}

/** Keeps the page's regions marked as screens change, fonts load and the window resizes (once per frame). */
export function watchScrollRegions(): void {
  let queued = false;
  const queue = (): void => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      markScrollRegions();
    });
  };
  new MutationObserver(queue).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('resize', queue);
  document.fonts?.addEventListener('loadingdone', queue);
}
