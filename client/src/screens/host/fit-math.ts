/**
 * Formulas on the projector must never be cut off or scroll: `typesetFit` typesets LaTeX into a box and shrinks
 * it until it fits the box's width and (max-)height. KaTeX is rendered in inline mode with \displaystyle, which
 * looks like display maths but lets a long formula break after a top-level operator or relation, so it wraps
 * before it shrinks. A ResizeObserver refits on every size change (window resize, 4K ↔ 720p).
 *
 * It shrinks no further than the legible floor (`floorPx`). A formula that does not fit there asks the screen for
 * more room (`onTight`), step by step; once the screen has none left to give, it shrinks below the floor, as the
 * last resort: small is still better than cut off. A fit is exact: not a pixel of the formula is left outside its
 * box (a piece KaTeX cannot break, a fraction or a matrix, would otherwise show clipped by a few pixels).
 */
import { loadMath } from '../../app/math';
import { prosePieces } from '../../app/prose';

export interface FitOptions {
  /** Smallest font scale before giving up (the box then clips; the browser test catches that). */
  minScale?: number;
  /** Largest font scale, relative to the box's own font size. */
  maxScale?: number;
  /** Set as the box's accessible name until KaTeX's MathML arrives (plain text of the same formula). */
  fallback?: string;
  /**
   * Called when the formula does not fit even at the legible floor (`floorPx`). Returns true when the screen gives
   * the box more room (hides the diagram for this slide, widens the box), after which the box refits by itself;
   * false (or no callback) when it has no more to give: the formula then shrinks below the floor to fit.
   */
  onTight?: () => boolean;
}

/**
 * The smallest text the projector may show, CSS px: 28 px on a 1920×1080 screen (read from the back row), in
 * proportion on other screens, with 1 px to spare. Formulas, result bars and diagram labels all keep to it.
 */
export function floorPx(): number {
  return 29 * Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
}

/** The smallest scale a fit ever goes to, below the floor (a last resort that keeps the formula whole). */
const LAST_RESORT_SCALE = 0.2;

/**
 * Marks a box that cannot fit at the floor (tests and the layout read it) and asks the screen for more room;
 * returns whether more room is coming. Every time: the screen's first answer (a wider slot) may not be enough,
 * and its next one is different. When the room given leaves the box's size as it was, `refit` runs once more.
 */
function askForRoom(el: HTMLElement, tight: boolean, onTight: (() => boolean) | undefined, refit: () => void): boolean {
  if (!tight) {
    delete el.dataset.fitTight;
    return false;
  }
  el.dataset.fitTight = 'true';
  const size = `${el.clientWidth}x${el.clientHeight}`;
  const more = onTight?.() === true;
  if (more) requestAnimationFrame(() => {
    if (el.isConnected && `${el.clientWidth}x${el.clientHeight}` === size) refit();
  });
  return more;
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
    // The size this fit is for (before any room the screen gives: that is a new size, and a new fit).
    lastSize = `${el.clientWidth}x${el.clientHeight}`;
    el.dataset.fitFor = `${el.clientWidth}`;
    // Over 1 when the formula sticks out. Sizes are read as whole pixels, rounded either way: a formula as wide as
    // its box, or a box as tall as the formula it takes its height from, is not sticking out.
    const over = (): number => Math.max((inner.scrollWidth - 1) / availW, (inner.offsetHeight - 1) / availH);
    // Shrinks towards `floor` until the formula fits. Line breaks move as it shrinks, so the ratio is only a
    // guide: each round takes at least 2 % off, and stops at the floor.
    const shrink = (floor: number): void => {
      for (let i = 0; i < 16; i++) {
        const o = over();
        if (o <= 1 || scale <= floor) return;
        scale = Math.max(floor, Math.min(scale * 0.98, (scale / o) * 0.99));
        inner.style.fontSize = `${scale * 100}%`;
      }
    };
    shrink(minScale);
    const tight = over() > 1;
    if (katex && !askForRoom(el, tight, opts.onTight, fit) && tight) shrink(Math.min(minScale, LAST_RESORT_SCALE));
    el.dataset[FIT_ATTR] = scale.toFixed(2);
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
  const pieces = prosePieces(prose);
  el.replaceChildren();
  void loadMath().then((m) => {
    for (const piece of pieces) {
      if ('text' in piece) {
        el.append(document.createTextNode(piece.text));
        continue;
      }
      const span = document.createElement('span');
      span.className = 'prose-math';
      m.renderLatex(span, piece.latex, { display: false });
      if (!piece.after) {
        el.append(span);
        continue;
      }
      const run = document.createElement('span');
      run.className = 'prose-math-run';
      run.append(span, piece.after);
      el.append(run);
    }
  });
}

/**
 * Shrinks a block of ordinary content (the results bars) until it fits its box's height, not below the legible
 * floor while the screen can give it more room (`onTight`, as for `typesetFit`); refits on every size change. The
 * box must have a bounded height and hide overflow.
 */
export function fitBlock(el: HTMLElement, onTight?: () => boolean): () => void {
  let last = '';
  const fit = (): void => {
    if (!el.isConnected || el.clientHeight === 0) return;
    let scale = 1;
    el.style.fontSize = '';
    last = `${el.clientWidth}x${el.clientHeight}`;
    el.dataset.fitFor = last;
    const shrink = (floor: number): void => {
      for (let i = 0; i < 12 && el.scrollHeight > el.clientHeight * 0.98 && scale > floor; i++) {
        scale = Math.max(floor, scale * Math.max(0.8, (el.clientHeight / el.scrollHeight) ** 0.5));
        el.style.fontSize = `${scale}em`;
      }
    };
    const minScale = Math.min(1, floorPx() / parseFloat(getComputedStyle(el).fontSize));
    shrink(minScale);
    const tight = el.scrollHeight > el.clientHeight + 1;
    if (!askForRoom(el, tight, onTight, fit) && tight) shrink(Math.min(minScale, LAST_RESORT_SCALE));
    el.dataset.fitScale = scale.toFixed(2);
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
