/**
 * Measures a projector screen in the page: does the page scroll, is any text or drawing outside the viewport
 * or clipped by a box it sits in, is any formula wider than its box, and (when asked) is any text smaller than
 * a minimum size. Returns the problems as sentences, so a failing test says what and where.
 *
 * `inspectScreen` first waits, in the page, until the screen has settled (every formula box typeset and fitted
 * to its width, the diagram laid out for its panel and its render loop asleep, fonts loaded), finishes any
 * entrance animation and checks that the diagram's canvas is not blank: one round trip per screen, which is most
 * of what a walk through hundreds of screens costs on a busy machine.
 */
import type { Page } from 'playwright-core';

export interface Measure {
  problems: string[];
  /** Formula boxes and diagrams that had to shrink to fit, as "id:scale". */
  shrunk: string[];
  /** Smallest effective text size seen, CSS px. */
  minFont: number;
  /** The LaTeX typeset in each formula box, by the box's id (KaTeX's MathML annotation): what the screen shows. */
  tex: Record<string, string>;
  /** The family the diagram draws, if there is one. */
  family: string | null;
  /** Time spent in the page: waiting for the screen to settle, then measuring it (ms). */
  waitedMs: number;
  measuredMs: number;
}

export interface InspectOptions {
  /** Text under this size (CSS px) is a problem; 0 skips the size check. */
  minFontPx: number;
  /** Wait this long at most for the screen to settle first (0: measure at once, as it is). */
  settleMs: number;
}

/** Runs the checks on the current screen; `minFontPx` 0 skips the size check. */
export function measureScreen(page: Page, minFontPx: number): Promise<Measure> {
  return inspectScreen(page, { minFontPx, settleMs: 0 });
}

/** Waits for the screen to settle (see above), then measures it. */
export function inspectScreen(page: Page, options: InspectOptions): Promise<Measure> {
  return page.evaluate(async ({ minFontPx: minFont, settleMs }) => {
    const problems: string[] = [];
    const shrunk: string[] = [];
    const t0 = performance.now();
    const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
    const hostView = (): HTMLElement | null => document.querySelector<HTMLElement>('#host-view');
    const showsView = (): boolean => {
      const host = hostView();
      return !!host && !host.hidden && host.getClientRects().length > 0 && !!host.querySelector('.cra-view');
    };
    const unsettled = (): string | null => {
      const boxes = [...document.querySelectorAll<HTMLElement>('.fit-box')]
        .filter((b) => b.getClientRects().length > 0 && !(b.dataset.typeset === 'true' && b.dataset.fitFor === String(b.clientWidth)));
      if (boxes.length > 0) return `formula boxes not fitted: ${boxes.map((b) => `#${b.id} typeset=${b.dataset.typeset} fitFor=${b.dataset.fitFor} width=${b.clientWidth}`).join(', ')}`;
      if ([...document.querySelectorAll<HTMLElement>('#class-stats, #summary-left')].some((b) => b.clientHeight > 0 && b.dataset.fitFor !== `${b.clientWidth}x${b.clientHeight}`)) return 'the results not fitted';
      if (document.fonts.status !== 'loaded') return 'fonts loading';
      const host = hostView();
      if (host && !host.hidden && host.getClientRects().length > 0) {
        const view = host.querySelector<HTMLElement>('.cra-view');
        const r = host.getBoundingClientRect();
        if (view?.dataset.laidFor !== `${Math.floor(r.width)}x${Math.floor(r.height)}`) return `diagram not laid out for its panel (${JSON.stringify(view?.dataset)})`;
        if (view.dataset.loop !== 'asleep') return 'the diagram\'s render loop is awake';
      }
      return null;
    };
    if (settleMs > 0) {
      const until = performance.now() + settleMs;
      let why = unsettled();
      while (why !== null && performance.now() < until) {
        await frame();
        why = unsettled();
      }
      if (why !== null) return { problems: [`never settled in ${settleMs} ms: ${why}`], shrunk, minFont: 0, tex: {}, family: null, waitedMs: settleMs, measuredMs: 0 };
      // The slide's entrance animation would leave it half faded in.
      document.getAnimations().forEach((a) => a.finish());
      if (showsView()) {
        // Render on change only: asleep, the canvas still shows its drawing (boxes, arrows), not only labels.
        const c = document.querySelector<HTMLCanvasElement>('#host-view canvas');
        const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
        let ink = -1;
        if (c && probe) {
          probe.canvas.width = 160;
          probe.canvas.height = 90;
          probe.drawImage(c, 0, 0, 160, 90);
          const px = probe.getImageData(0, 0, 160, 90).data;
          ink = 0;
          for (let i = 3; i < px.length; i += 4) if ((px[i] ?? 0) > 0) ink++;
        }
        if (ink <= 20) problems.push(`the diagram's canvas is blank (${ink} inked pixels)`);
      }
    }
    const t1 = performance.now();
    let smallest = Infinity;
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const de = document.documentElement;
    if (de.scrollHeight > vh + 1) problems.push(`page scrolls vertically (${de.scrollHeight} > ${vh})`);
    if (de.scrollWidth > vw + 1) problems.push(`page scrolls horizontally (${de.scrollWidth} > ${vw})`);
    const name = (el: Element): string => {
      const id = el.closest('[id]')?.id ?? '?';
      return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} in #${id} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    };
    const hasText = (el: Element): boolean =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').replace(/[\s\u200b]/g, '') !== '');
    // Each element's style and box are read once: a formula-heavy screen has thousands of nested elements.
    const styles = new Map<Element, CSSStyleDeclaration>();
    const style = (el: Element): CSSStyleDeclaration => {
      let cs = styles.get(el);
      if (!cs) styles.set(el, (cs = getComputedStyle(el)));
      return cs;
    };
    const rects = new Map<Element, DOMRect>();
    const rect = (el: Element): DOMRect => {
      let r = rects.get(el);
      if (!r) rects.set(el, (r = el.getBoundingClientRect()));
      return r;
    };
    const clips = (el: Element): boolean => {
      const cs = style(el);
      return cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
    };
    const scaleOf = (el: Element): number => {
      const view = el.closest<HTMLElement>('.cra-view');
      return view?.dataset.fitScale ? Number(view.dataset.fitScale) : 1;
    };
    for (const el of document.querySelectorAll('#app *')) {
      if (el.closest('.katex-mathml') || !hasText(el)) continue;
      const cs = style(el);
      // checkVisibility: also false inside a closed <details> (its content is skipped, yet still has boxes).
      if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0 || !el.checkVisibility()) continue;
      const r = rect(el);
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        problems.push(`outside the viewport: ${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
        continue;
      }
      // A glyph's box includes its font's ascent and descent, a little more than its ink: maths gets that slack.
      const slack = el.closest('.katex') ? Math.max(2, parseFloat(cs.fontSize) * 0.2) : 2;
      for (let a = el.parentElement; a && a.id !== 'app'; a = a.parentElement) {
        if (!clips(a) || a.classList.contains('katex-mathml')) continue;
        const b = rect(a);
        if (r.left < b.left - 2 || r.right > b.right + 2 || r.top < b.top - slack || r.bottom > b.bottom + slack) {
          const box = (q: DOMRect): string => [q.left, q.top, q.right, q.bottom].map((n) => Math.round(n)).join(',');
          problems.push(`cut off by ${a.tagName.toLowerCase()}.${a.className} [${box(b)}]: ${name(el)} [${box(r)}]`);
          break;
        }
      }
      // The size the audience sees: the typeset font size (a formula's fit shrinks it) times the scale a diagram
      // was fitted to its panel with. Nothing is exempt: formulas and diagram labels keep to the floor too.
      const base = el.closest('.katex') ?? el;
      const size = parseFloat(style(base).fontSize) * scaleOf(el);
      smallest = Math.min(smallest, size);
      if (minFont > 0 && size < minFont - 0.5) problems.push(`text ${size.toFixed(1)} px < ${minFont}: ${name(el)}`);
    }
    for (const box of document.querySelectorAll<HTMLElement>('.fit-box')) {
      const inner = box.firstElementChild as HTMLElement | null;
      if (!inner) continue;
      if (inner.scrollWidth > box.clientWidth + 2) problems.push(`formula wider than its box #${box.id}: ${inner.scrollWidth} > ${box.clientWidth}`);
      if (inner.offsetHeight > box.clientHeight + 2) problems.push(`formula taller than its box #${box.id}: ${inner.offsetHeight} > ${box.clientHeight}`);
      if (Number(box.dataset.fitScale ?? '1') < 1) shrunk.push(`${box.id}:${box.dataset.fitScale}`);
    }
    for (const view of document.querySelectorAll<HTMLElement>('.cra-view')) {
      if (view.dataset.fitScale) shrunk.push(`diagram:${view.dataset.fitScale}`);
      // The drawing's canvas stays inside its panel (a scaled and shifted drawing whose box was not cut to the
      // panel reached past it and was clipped).
      const panel = view.getBoundingClientRect();
      for (const canvas of view.querySelectorAll('canvas')) {
        const c = canvas.getBoundingClientRect();
        // 3 px of slack for a scaled canvas's sub-pixel rounding; the fault this catches was 11–65 px.
        if (c.width > 0 && (c.bottom > panel.bottom + 3 || c.right > panel.right + 3 || c.top < panel.top - 3 || c.left < panel.left - 3)) {
          problems.push(`the diagram's canvas reaches past its panel by ${Math.round(Math.max(c.bottom - panel.bottom, c.right - panel.right, panel.top - c.top, panel.left - c.left))} px`);
        }
      }
      const scrolls = /auto|scroll/.test(getComputedStyle(view).overflow);
      if (scrolls && (view.scrollHeight > view.clientHeight + 2 || view.scrollWidth > view.clientWidth + 2)) problems.push('the diagram scrolls');
    }
    // --- Overlapping and truncated text (issue 24) in the blocks people read out: the reveal's results, the board,
    // the podium, the lobby's players and the control bars. Each line of text is a box (a text node's line boxes;
    // a typeset formula as one box); two boxes that are not one inside the other must not overlap, and no text
    // may end in an ellipsis (text-overflow) or be cut by a box narrower than it.
    const READ = '#class-stats, .board, .host-podium, #lobby-players, .host-bar';
    const boxes: Array<{ r: DOMRect; el: Element; what: string }> = [];
    for (const block of document.querySelectorAll(READ)) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || (n.textContent ?? '').trim() === '' || parent.closest('.katex-mathml')) continue;
        const cs = getComputedStyle(parent);
        if (cs.visibility === 'hidden' || Number(cs.opacity) === 0 || !parent.checkVisibility()) continue;
        const katex = parent.closest('.katex');
        if (katex) {
          if (!boxes.some((b) => b.el === katex)) boxes.push({ r: katex.getBoundingClientRect(), el: katex, what: name(katex) });
          continue;
        }
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ r, el: parent, what: name(parent) });
        for (let a: Element | null = parent; a && a !== block.parentElement; a = a.parentElement) {
          if (getComputedStyle(a).textOverflow === 'ellipsis' && a.scrollWidth > a.clientWidth + 1) {
            problems.push(`text cut with an ellipsis: ${name(a)} (${a.scrollWidth} > ${a.clientWidth})`);
            break;
          }
        }
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        // Line boxes include the font's leading: a small vertical touch between rows is not an overlap.
        if (dx > 2 && dy > Math.min(a.r.height, b.r.height) * 0.25) {
          problems.push(`text overlaps: ${a.what} and ${b.what}`);
          if (problems.length > 40) break;
        }
      }
    }
    if (problems.length > 0 && showsView()) {
      const v = hostView()?.querySelector<HTMLElement>('.cra-view');
      problems.push(`(diagram: ${JSON.stringify({ data: v?.dataset, inner: (v?.firstElementChild as HTMLElement | null)?.style.cssText })})`);
    }
    const tex: Record<string, string> = {};
    for (const box of document.querySelectorAll<HTMLElement>('.fit-box[id]')) {
      const annotation = box.querySelector('.katex-mathml annotation');
      if (annotation) tex[box.id] = annotation.textContent ?? '';
    }
    const family = document.querySelector<HTMLElement>('#host-view .cra-view')?.dataset.family ?? null;
    return { problems, shrunk, minFont: smallest, tex, family, waitedMs: t1 - t0, measuredMs: performance.now() - t1 };
  }, options);
}
