/**
 * The boxes of each kind of answer form: expression (with one box per layer in layer-by-layer mode), a single
 * number, or a grid (matrix or vector). Each says which boxes are required, how to word what blocks Submit, and
 * what may be held as a draft.
 */
import type { Readability, Slot, SubmittedParts } from '../../../shared/check/readable';
import type { AnswerInput, LayerInputs } from '../../../shared/check/types';
import { displayOrder, layerFunction, layerHeading, layerName, takesVariable } from '../../../shared/questions/layer-label';
import type { PublicQuestion } from '../../../shared/questions/types';
import { h } from '../app/dom';
import { renderExpr } from '../app/math';
import type { MathInput } from './math-input';

export type BoxFactory = (label: string, slot: Slot, extra?: { hideLabel?: boolean; placeholder?: string; sharedPreview?: HTMLElement; where?: string; onFocus?: () => void }) => MathInput;

export interface Built {
  el: HTMLElement;
  read(): { answer: AnswerInput; layers?: LayerInputs };
  required(b: MathInput): boolean;
  describe(b: MathInput, r: Exclude<Readability, { ok: true }>): string;
  draft(): SubmittedParts | null;
}

/** What the boxes read of the form's options (answer-form.ts `AnswerFormOptions` extends it). */
export interface BoxOptions {
  /** Ask for each layer's local derivative before the product. */
  layerByLayer: boolean;
  /** The layer whose box has focus (outermost = 0), for highlighting in the question view. */
  onActiveLayer?(layer: number | undefined): void;
}

export function exprBoxes(q: PublicQuestion, opts: BoxOptions, box: BoxFactory): Built {
  const layers = opts.layerByLayer && q.layers && q.layers.length > 1 ? q.layers : [];
  const wrap = h('div', { class: 'layer-inputs' });
  const mark = (row: HTMLElement, layer: number | undefined): void => {
    wrap.querySelectorAll('.layer-row.active').forEach((r) => r.classList.remove('active'));
    row.classList.add('active');
    opts.onActiveLayer?.(layer);
  };
  const variable = q.vars?.[0] ?? 'x';
  const n = layers.length;
  // The boxes run as the diagram reads, innermost first; each keeps its wire index (0 = outermost) in data-layer.
  const byIndex = new Map<number, MathInput>();
  for (const i of displayOrder(n)) {
    const layer = layers[i];
    if (!layer) continue;
    const own = takesVariable(layer, variable);
    const fnText = layerFunction(layer, variable);
    const fn = h('span', { class: 'pill' });
    renderExpr(fn, fnText);
    const row = h('div', { class: 'layer-row', 'data-layer': i });
    const label = own
      ? `${layerHeading(i, n)}: the derivative of ${fnText} with respect to ${variable}`
      : `${layerHeading(i, n)}: f′(u) at u = ${layer.inner}, where f(u) = ${layer.fn}`;
    const mi = box(label, { kind: 'layer', index: i }, {
      hideLabel: true, placeholder: own ? `its derivative, in ${variable}` : `f′(u), in u or ${variable}`, onFocus: () => mark(row, i),
    });
    const head = h('strong', {}, layerHeading(i, n));
    if (own) row.append(h('div', { class: 'layer-label', 'aria-hidden': 'true' }, head, `f(${variable}) =`, fn), mi.el);
    else {
      const inner = h('span', { class: 'pill' });
      renderExpr(inner, layer.inner);
      row.append(h('div', { class: 'layer-label', 'aria-hidden': 'true' }, head, 'f(u) =', fn, 'u =', inner), mi.el);
    }
    byIndex.set(i, mi);
    wrap.append(row);
  }
  // Wire order (0 = outermost), which read() and draft() send.
  const layerBoxes = layers.map((_, i) => byIndex.get(i)).filter((b): b is MathInput => b !== undefined);
  const finalRow = h('div', { class: 'layer-row final answer-box' });
  const final = box(layers.length ? 'The product: the whole derivative' : 'Your answer', { kind: 'final' }, {
    placeholder: 'e.g. 2x cos(x^2)', onFocus: () => mark(finalRow, undefined),
  });
  finalRow.append(final.el);
  wrap.append(finalRow);
  return {
    el: wrap,
    read: () => {
      const out: { answer: AnswerInput; layers?: LayerInputs } = { answer: final.value() };
      if (layerBoxes.length) out.layers = layerBoxes.map((m) => m.value() || null);
      return out;
    },
    required: (b) => b === final,
    describe: (b, r) => {
      if (r.empty) return layerBoxes.length ? 'Type the product (the whole derivative) to send.' : 'Type your answer to send it.';
      const i = layerBoxes.indexOf(b);
      return i >= 0 ? `${layerName(i, n)}: ${r.error}` : `Can’t send yet: ${r.error}`;
    },
    draft: () => {
      const typed = [...layerBoxes, final].filter((b) => b.value() !== '');
      if (typed.some((b) => !b.readability().ok)) return null;
      const parts: SubmittedParts = {};
      const ls = layerBoxes.flatMap((b, layer) => (b.value() ? [{ layer, input: b.value() }] : []));
      if (ls.length) parts.layers = ls;
      if (final.value()) parts.final = final.value();
      return parts;
    },
  };
}

export function numberBox(box: BoxFactory): Built {
  const mi = box('Your answer (a number)', { kind: 'number' }, { placeholder: 'e.g. -0.0497' });
  const el = h('div', { class: 'stack answer-box' }, mi.el, h('p', { class: 'muted small-print' }, 'Give 3 significant figures: −0.0497, 1.25, 3.00e-4.'));
  return {
    el,
    read: () => ({ answer: mi.value() }),
    required: () => true,
    describe: (_b, r) => (r.empty ? 'Type your answer to send it.' : `Can’t send yet: ${r.error}`),
    draft: () => (mi.value() === '' ? {} : mi.readability().ok ? { final: mi.value() } : null),
  };
}

export function gridBoxes(q: PublicQuestion, kind: 'expr' | 'matrix' | 'value', box: BoxFactory): Built {
  const [rows = 1, cols = 1] = q.shape && q.shape.length === 1 ? [q.shape[0] ?? 1, 1] : (q.shape ?? [1, 1]);
  const preview = h('div', { class: 'preview', id: 'grid-preview', 'aria-live': 'polite' }, h('span', { class: 'muted' }, 'Tap an entry to type it'));
  const grid = h('div', { class: 'matrix-grid', role: 'group', 'aria-label': `${rows} by ${cols} answer grid`,
    style: `grid-template-columns: repeat(${cols}, minmax(0, 1fr))` });
  const cells: MathInput[][] = [];
  for (let r = 0; r < rows; r++) {
    cells.push([]);
    for (let c = 0; c < cols; c++) {
      const slot: Slot = kind === 'value' ? { kind: 'number' } : { kind: 'cell', row: r, col: c };
      const mi = box(`Row ${r + 1}, column ${c + 1}`, slot, { hideLabel: true, sharedPreview: preview, where: `Entry (${r + 1}, ${c + 1}): ` });
      mi.input.dataset.cell = `${r},${c}`;
      mi.input.setAttribute('aria-label', `Row ${r + 1}, column ${c + 1}`);
      cells[r]?.push(mi);
      grid.append(mi.el);
    }
  }
  const numbers = kind === 'value' || mi0IsNumber(cells);
  const hint = numbers ? 'Numbers, 3 significant figures.' : `Expressions in ${(q.vars ?? []).join(', ')}.`;
  const el = h('div', { class: 'stack answer-box' }, h('label', {}, `Your answer: ${rows} × ${cols}`), grid, preview, h('p', { class: 'muted small-print' }, hint));
  const flat = (): MathInput[] => cells.flat();
  const where = (b: MathInput): string => (b.slot.kind === 'cell' ? `Entry (${b.slot.row + 1}, ${b.slot.col + 1})` : `Entry ${flat().indexOf(b) + 1}`);
  return {
    el,
    read: () => {
      const values = cells.map((row) => row.map((i) => i.value()));
      return { answer: q.shape?.length === 1 ? values.map((r) => r[0] ?? '') : values };
    },
    required: () => true,
    describe: (b, r) => (r.empty ? `Fill every entry: ${where(b)} is empty.` : `${where(b)}: ${r.error}`),
    draft: () => {
      const all = flat();
      if (all.every((b) => b.value() === '')) return {};
      if (!all.every((b) => b.readability().ok)) return null;
      const values = cells.map((row) => row.map((i) => i.value()));
      return { final: q.shape?.length === 1 ? values.map((r) => r[0] ?? '') : values };
    },
  };
}

function mi0IsNumber(cells: MathInput[][]): boolean {
  return cells[0]?.[0]?.input.classList.contains('number-input') ?? false;
}
