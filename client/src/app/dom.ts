/**
 * A tiny element builder. Every string becomes a text node (never HTML), so nicknames and other hostile text
 * cannot inject markup anywhere in the app.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/** Creates `<tag>` with attributes (`on*` keys become listeners, booleans toggle) and text/element children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (flattening arrays, skipping empty values, strings as text nodes). */
export function append(el: Element, children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all of `el`'s children. */
export function replace(el: Element, ...children: Array<Child | Child[]>): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * Sets `el`'s text only when it differs: a clock rewrites its text several times a second, and each write, even of
 * the same words, is a frame to lay out, paint and composite (on the projector and on every phone).
 */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** True when the player asked the OS for less motion; views and reveal animations honour it. */
export function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A ✓/✗ verdict that never relies on colour alone. */
export function verdictBadge(correct: boolean, words?: string): HTMLElement {
  return h(
    'span',
    { class: `verdict ${correct ? 'right' : 'wrong'}`, 'data-verdict': correct ? 'right' : 'wrong' },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, correct ? '✓' : '✗'),
    words ?? (correct ? 'Right' : 'Wrong'),
  );
}

/** Brief, non-blocking message (connection lost, kicked…), announced to screen readers. */
export function toast(message: string, ms = 4000): void {
  const el = h('div', { class: 'toast', role: 'status' }, message);
  document.body.append(el);
  setTimeout(() => el.remove(), ms);
}

/** The app's single mount point. */
export function appRoot(): HTMLElement {
  const el = document.getElementById('app');
  if (!el) throw new Error('index.html lacks #app');
  return el;
}

/** Clears the app and sets the screen mode (projector type scale or phone). */
export function mountScreen(mode: 'projector' | 'phone' | 'page', ...children: Array<Child | Child[]>): HTMLElement {
  document.body.classList.toggle('projector', mode === 'projector');
  const root = appRoot();
  replace(root, ...children);
  // A new screen starts at its top: a phone scrolled down to its keypad must open the reveal on the verdict.
  if (window.scrollY !== 0 || window.scrollX !== 0) window.scrollTo(0, 0);
  return root;
}
