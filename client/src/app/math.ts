/**
 * Math rendering and question views, loaded lazily. The views engineer owns client/src/views/; this module
 * reaches it only through import.meta.glob so the app still builds (showing plain LaTeX via KaTeX and no
 * drawing) if a view file is absent, and so KaTeX, Phaser and their CSS stay out of the first load.
 */
import type { MountQuestionView, QuestionView, ViewOptions } from '../views/contract';
import type { PublicQuestion } from '../../../shared/questions/types';

interface MathRender {
  renderLatex(el: HTMLElement, latex: string, opts?: { display?: boolean }): void;
  /** With `vars` (the answer box's variables) a typed answer is read exactly as the checker reads it. */
  exprToLatex(expr: string, vars?: readonly string[]): string | null;
  /** A run of maths in a feedback sentence, in the sentences' own notation too (views/notation-tex.ts). */
  feedbackLatex(run: string): string | null;
}

const renderModules = import.meta.glob<MathRender>('../views/math-render.ts');
const viewModules = import.meta.glob<{ mountQuestionView: MountQuestionView }>('../views/index.ts');

let mathPromise: Promise<MathRender> | null = null;

/** The KaTeX helpers: the views engineer's when present, else a direct KaTeX fallback. */
export function loadMath(): Promise<MathRender> {
  mathPromise ??= (async () => {
    const load = renderModules['../views/math-render.ts'];
    if (load) {
      const m = await load();
      return {
        renderLatex: (el, latex, opts) => m.renderLatex(el, latex, opts),
        exprToLatex: (e, vars) => spaceCommands(m.exprToLatex(e, vars)),
        feedbackLatex: (run) => spaceCommands(m.feedbackLatex(run)),
      };
    }
    const [{ default: katex }] = await Promise.all([import('katex'), import('katex/dist/katex.min.css')]);
    return {
      renderLatex(el, latex, opts) {
        katex.render(latex, el, { displayMode: opts?.display ?? false, throwOnError: false, output: 'htmlAndMathml' });
      },
      exprToLatex: () => null,
      feedbackLatex: () => null,
    };
  })();
  return mathPromise;
}

/**
 * The KaTeX fonts a question screen sets its prompt in (upright and italic letters, and the larger brackets and
 * the bold of the worked steps): fetched ahead with KaTeX itself, so that a question opens without a download.
 */
const QUESTION_FONTS = ['16px KaTeX_Main', 'italic 16px KaTeX_Math', 'bold 16px KaTeX_Main', '16px KaTeX_Size1', '16px KaTeX_Size2'];

/** KaTeX, its CSS and the fonts a question uses, loaded now (while a phone waits in the lobby). */
export function prefetchMath(): Promise<void> {
  return loadMath().then(async () => {
    await Promise.all(QUESTION_FONTS.map((f) => document.fonts.load(f).catch(() => [])));
  });
}

/**
 * A control word glued to a letter (`\cdotx`) is an unknown macro to KaTeX; mathjs's toTex can emit that when a
 * custom handler prints a bare variable, so a space is put back.
 */
export function spaceCommands(tex: string | null): string | null {
  return tex === null ? null : tex.replace(/\\(cdots|cdot|times)(?=[A-Za-z0-9])/g, '\\$1 ');
}

/** Renders LaTeX into `el`; until KaTeX arrives (or if it fails) the raw text is shown. */
export function renderMath(el: HTMLElement, latex: string, display = false, fallbackText?: string): void {
  el.textContent = fallbackText ?? latex;
  el.classList.add('math-fallback');
  loadMath().then(
    (m) => {
      el.classList.remove('math-fallback');
      m.renderLatex(el, latex, { display });
    },
    () => undefined,
  );
}

/** Renders an expression as maths (LaTeX when it can be read, else the text itself); `vars` as in exprToLatex. */
export function renderExpr(el: HTMLElement, expr: string, vars?: readonly string[]): void {
  el.textContent = expr;
  loadMath().then(
    (m) => {
      const latex = m.exprToLatex(expr, vars);
      if (latex !== null) m.renderLatex(el, latex, { display: false });
    },
    () => undefined,
  );
}

/** Renders a run of maths from a feedback sentence (as typed until KaTeX arrives, and if nothing reads it). */
export function renderNotation(el: HTMLElement, run: string): void {
  el.textContent = run;
  loadMath().then(
    (m) => {
      const latex = m.feedbackLatex(run);
      if (latex !== null) m.renderLatex(el, latex, { display: false });
    },
    () => undefined,
  );
}

/**
 * Mounts the question's drawing (chain boxes, graph, tree, curve) into `container` if the views module exists;
 * resolves to null otherwise, and the screen shows the prompt alone.
 */
export async function mountView(
  container: HTMLElement,
  question: PublicQuestion,
  options: ViewOptions,
): Promise<QuestionView | null> {
  const load = viewModules['../views/index.ts'];
  if (!load) return null;
  try {
    const mod = await load();
    return mod.mountQuestionView(container, question, options);
  } catch (err) {
    console.warn('question view failed to mount', err);
    return null;
  }
}
