/**
 * Formulas on the projector must never be cut off or scroll: `typesetFit` typesets LaTeX into a box and shrinks
 * it until it fits the box's width and (max-)height. KaTeX is rendered in inline mode with \displaystyle, which
 * looks like display maths but lets a long formula break after a top-level operator or relation, so it wraps
 * before it shrinks. A ResizeObserver refits on every size change (window resize, 4K ↔ 720p).
 */
import { loadMath } from '../../app/math';

export interface FitOptions {
  /** Smallest font scale before giving up (the box then clips; the browser test catches that). */
  minScale?: number;
  /** Largest font scale, relative to the box's own font size. */
  maxScale?: number;
  /** Set as the box's accessible name until KaTeX's MathML arrives (plain text of the same formula). */
  fallback?: string;
  /**
   * Called when the formula does not fit even at the legible floor (`floorPx`): the screen should give the box
   * more room (hide the diagram for this slide, stack the panels), after which the box refits by itself.
   */
  onTight?: () => void;
}

/**
 * The smallest text the projector may show, CSS px: 28 px on a 1920×1080 screen (read from the back row), in
 * proportion on other screens, with 1 px to spare. Formulas, result bars and diagram labels all keep to it.
 */
export function floorPx(): number {
  return 29 * Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
}

/** Marks a box that cannot fit at the floor (tests and the layout read it) and tells the screen. */
function markTight(el: HTMLElement, tight: boolean, onTight: (() => void) | undefined): void {
  if (tight) el.dataset.fitTight = 'true';
  else delete el.dataset.fitTight;
  // Every time: the screen's first answer (a wider slot) may not be enough, and its next one is different.
  if (tight) onTight?.();
}

/** The scale a box ended at, for tests and for the next fit. */
export const FIT_ATTR = 'fitScale';

/** Typesets `latex` into `el`, scaled to fit; returns a disposer that stops refitting. */
export function typesetFit(el: HTMLElement, latex: string, opts: FitOptions = {}): () => void {
  const maxScale = opts.maxScale ?? 1;
  const inner = document.createElement('span');
  inner.className = 'fit-inner';
  inner.textContent = opts.fallback ?? latex;
  el.classList.add('fit-box');
  el.replaceChildren(inner);
  let lastSize = '';
  let disposed = false;
  const fit = (): void => {
    if (disposed || !el.isConnected || el.clientWidth === 0) return;
    let scale = maxScale;
    inner.style.fontSize = `${scale * 100}%`;
    // The floor is on the typeset size: KaTeX sets its own font size relative to the box's.
    const katex = inner.querySelector('.katex');
    const basePx = katex ? parseFloat(getComputedStyle(katex).fontSize) / scale : 0;
    const minScale = Math.min(maxScale, Math.max(opts.minScale ?? 0, basePx > 0 ? floorPx() / basePx : 0.35));
    // The box's vertical padding is room for glyphs that overhang their line box (fraction bars, radicals).
    const cs = getComputedStyle(el);
    const availH = Math.max(1, el.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom));
    const availW = Math.max(1, el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight));
    for (let i = 0; i < 6; i++) {
      const over = Math.max(inner.scrollWidth / availW, inner.offsetHeight / availH);
      if (over <= 1.005 || scale <= minScale) break;
      scale = Math.max(minScale, (scale / over) * 0.97);
      inner.style.fontSize = `${scale * 100}%`;
    }
    const over = Math.max(inner.scrollWidth / availW, inner.offsetHeight / availH);
    el.dataset[FIT_ATTR] = scale.toFixed(2);
    if (katex) markTight(el, over > 1.005, opts.onTight);
    lastSize = `${el.clientWidth}x${el.clientHeight}`;
    el.dataset.fitFor = `${el.clientWidth}`;
  };
  const observer = new ResizeObserver(() => {
    if (`${el.clientWidth}x${el.clientHeight}` !== lastSize) fit();
  });
  observer.observe(el);
  void loadMath().then((m) => {
    if (disposed) return;
    m.renderLatex(inner, `\\displaystyle ${latex}`, { display: false });
    el.dataset.typeset = 'true';
    fit();
    void document.fonts?.ready.then(fit);
  });
  return () => {
    disposed = true;
    observer.disconnect();
  };
}

/**
 * Prose with inline maths written as `\( … \)`: text stays text (wrapping like prose), each formula is typeset.
 * Used for worked-step sentences and feedback.
 */
export function typesetProse(el: HTMLElement, prose: string): void {
  const parts = prose.split(/\\\((.*?)\\\)/s);
  el.replaceChildren();
  void loadMath().then((m) => {
    parts.forEach((part, i) => {
      if (part === '') return;
      if (i % 2 === 0) el.append(document.createTextNode(part));
      else {
        const span = document.createElement('span');
        span.className = 'prose-math';
        m.renderLatex(span, part, { display: false });
        el.append(span);
      }
    });
  });
}

/**
 * Shrinks a block of ordinary content (the results bars) until it fits its box's height, never below the
 * legible floor (`onTight` is told when that is not enough); refits on every size change. The box must have a bounded height and hide overflow.
 */
export function fitBlock(el: HTMLElement, onTight?: () => void): () => void {
  let last = '';
  const fit = (): void => {
    if (!el.isConnected || el.clientHeight === 0) return;
    let scale = 1;
    el.style.fontSize = '';
    const minScale = Math.min(1, floorPx() / parseFloat(getComputedStyle(el).fontSize));
    for (let i = 0; i < 12 && el.scrollHeight > el.clientHeight * 0.98 && scale > minScale; i++) {
      scale = Math.max(minScale, scale * Math.max(0.8, (el.clientHeight / el.scrollHeight) ** 0.5));
      el.style.fontSize = `${scale}em`;
    }
    el.dataset.fitScale = scale.toFixed(2);
    markTight(el, el.scrollHeight > el.clientHeight + 1, onTight);
    last = `${el.clientWidth}x${el.clientHeight}`;
  };
  const observer = new ResizeObserver(() => {
    if (`${el.clientWidth}x${el.clientHeight}` !== last) fit();
  });
  observer.observe(el);
  // Typeset labels inside arrive after KaTeX loads and change the content's height, not the box's.
  void loadMath().then(() => requestAnimationFrame(fit));
  void document.fonts?.ready.then(fit);
  return () => observer.disconnect();
}
