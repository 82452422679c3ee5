/**
 * The one polite live region every screen speaks through (docs/accessibility.md#announcements): the question's
 * number and prompt, the time left at 30 s and 10 s (never every second), the verdict first, each reveal step.
 * It lives outside #app, so a screen change never removes it mid-sentence, and is visually hidden; screens call
 * `announce` instead of inserting their own status elements, so nothing is read twice.
 */
const ID = 'announcer';

function region(): HTMLElement {
  let el = document.getElementById(ID);
  if (!el) {
    el = document.createElement('div');
    el.id = ID;
    el.className = 'visually-hidden';
    el.setAttribute('aria-live', 'polite');
    el.setAttribute('aria-atomic', 'true');
    document.body.append(el);
  }
  return el;
}

/**
 * Says `text` once, politely. The same words twice in a row are still spoken (the text is cleared first: a
 * region whose text does not change is silent).
 */
export function announce(text: string): void {
  const el = region();
  const words = text.replace(/\s+/g, ' ').trim();
  if (el.textContent === words) el.textContent = '';
  el.textContent = words;
}

/**
 * The thresholds at which the time left is spoken, once each per clock: `check(left)` returns the sentence when
 * `left` has just crossed 30 s or 10 s from above (a clock that starts under 30 s says nothing about 30 s).
 */
export function timeCalls(thresholds: readonly number[] = [30_000, 10_000]): { check(leftMs: number | null): string | null; reset(): void } {
  let last: number | null = null;
  return {
    check(left) {
      if (left === null) return null;
      const before = last;
      last = left;
      if (before === null) return null;
      const crossed = thresholds.find((t) => before > t && left <= t);
      return crossed === undefined ? null : `${crossed / 1000} seconds left.`;
    },
    reset() {
      last = null;
    },
  };
}
