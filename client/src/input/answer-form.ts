/**
 * The right input for a question: an expression (with keypad and preview), a grid for a matrix, number boxes
 * for values, and, in layer-by-layer mode, one input per layer of the chain before the final product.
 */
import type { PublicQuestion } from '../../../shared/questions/types';
import type { AnswerInput, LayerInputs } from '../../../shared/check/types';
import { h } from '../app/dom';
import { renderExpr } from '../app/math';
import { createMathInput, type MathInput, type Validator } from './math-input';

export interface AnswerFormOptions {
  validate: Validator;
  /** Ask for each layer's local derivative (evaluated at its input) before the product. */
  layerByLayer: boolean;
  onSubmit: () => void;
  /** The layer whose input has focus (outermost = 0), for highlighting in the question view. */
  onActiveLayer?: (layer: number | undefined) => void;
}

export interface AnswerForm {
  el: HTMLElement;
  read(): { answer: AnswerInput; layers?: LayerInputs };
  /** True when every required box has something in it. */
  complete(): boolean;
  focus(): void;
  setDisabled(disabled: boolean): void;
}

/** Builds the form for `q`'s answerKind. */
export function createAnswerForm(q: PublicQuestion, opts: AnswerFormOptions): AnswerForm {
  if (q.answerKind === 'matrix') return gridForm(q, opts, 'expr');
  if (q.answerKind === 'value') return q.shape && q.shape.length > 0 ? gridForm(q, opts, 'value') : valueForm(opts);
  return exprForm(q, opts);
}

function exprForm(q: PublicQuestion, opts: AnswerFormOptions): AnswerForm {
  const vars = q.vars ?? ['x'];
  const layers = opts.layerByLayer && q.layers && q.layers.length > 1 ? q.layers : [];
  const layerInputs: MathInput[] = [];
  const wrap = h('div', { class: 'layer-inputs' });
  layers.forEach((layer, i) => {
    const mi = createMathInput({
      label: `Layer ${i + 1}: f′(u) at u = ${layer.inner}, where f(u) = ${layer.fn}`, vars, validate: opts.validate, keypad: false,
      placeholder: `f′(u) with u = ${layer.inner}`,
      onEnter: () => (layerInputs[i + 1] ?? final).focus(),
    });
    const fn = h('span', { class: 'pill' });
    renderExpr(fn, layer.fn);
    const inner = h('span', { class: 'pill' });
    renderExpr(inner, layer.inner);
    const row = h('div', { class: 'layer-row', 'data-layer': i },
      h('div', { class: 'layer-label', 'aria-hidden': 'true' }, h('strong', {}, `Layer ${i + 1}`), 'f(u) =', fn, 'u =', inner), mi.el);
    mi.input.addEventListener('focus', () => markActive(wrap, row, i, opts));
    layerInputs.push(mi);
    wrap.append(row);
  });
  const final = createMathInput({
    label: layers.length ? 'The product: the whole derivative' : 'Your answer', vars, validate: opts.validate,
    onEnter: opts.onSubmit,
  });
  const finalRow = h('div', { class: 'layer-row final' }, final.el);
  final.input.addEventListener('focus', () => markActive(wrap, finalRow, undefined, opts));
  wrap.append(finalRow);
  return {
    el: wrap,
    read: () => {
      const out: { answer: AnswerInput; layers?: LayerInputs } = { answer: final.value() };
      if (layerInputs.length) out.layers = layerInputs.map((m) => m.value() || null);
      return out;
    },
    complete: () => final.value() !== '',
    focus: () => (layerInputs[0] ?? final).focus(),
    setDisabled: (d) => [...layerInputs, final].forEach((m) => m.setDisabled(d)),
  };
}

function markActive(wrap: HTMLElement, row: HTMLElement, layer: number | undefined, opts: AnswerFormOptions): void {
  wrap.querySelectorAll('.layer-row.active').forEach((r) => r.classList.remove('active'));
  row.classList.add('active');
  opts.onActiveLayer?.(layer);
}

function valueForm(opts: AnswerFormOptions): AnswerForm {
  const input = h('input', {
    type: 'text', inputmode: 'decimal', class: 'value-input', id: 'value-input', autocomplete: 'off',
    placeholder: 'e.g. -0.0497', enterkeyhint: 'send',
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      opts.onSubmit();
    }
  });
  const el = h('div', { class: 'stack' },
    h('label', { for: 'value-input' }, 'Your answer (a number)'), input,
    h('p', { class: 'muted' }, 'Give 3 significant figures: −0.0497, 1.25, 3.00e-4.'));
  return {
    el,
    read: () => ({ answer: input.value.trim() }),
    complete: () => input.value.trim() !== '',
    focus: () => input.focus(),
    setDisabled: (d) => (input.disabled = d),
  };
}

function gridForm(q: PublicQuestion, opts: AnswerFormOptions, kind: 'expr' | 'value'): AnswerForm {
  const [rows = 1, cols = 1] = q.shape && q.shape.length === 1 ? [q.shape[0] ?? 1, 1] : (q.shape ?? [1, 1]);
  const cells: HTMLInputElement[][] = [];
  const grid = h('div', { class: 'matrix-grid', role: 'group', 'aria-label': `${rows} by ${cols} answer grid`,
    style: `grid-template-columns: repeat(${cols}, minmax(0, 1fr))` });
  for (let r = 0; r < rows; r++) {
    cells.push([]);
    for (let c = 0; c < cols; c++) {
      const input = h('input', {
        type: 'text', autocomplete: 'off', spellcheck: 'false', 'data-cell': `${r},${c}`,
        inputmode: kind === 'value' ? 'decimal' : 'text', 'aria-label': `Row ${r + 1}, column ${c + 1}`,
      });
      input.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') {
          ev.preventDefault();
          opts.onSubmit();
        }
      });
      cells[r]?.push(input);
      grid.append(input);
    }
  }
  const hint = kind === 'value' ? 'Numbers, 3 significant figures.' : `Expressions in ${(q.vars ?? []).join(', ')}.`;
  const el = h('div', { class: 'stack' }, h('label', {}, `Your answer: ${rows} × ${cols}`), grid, h('p', { class: 'muted' }, hint));
  const flat = (): HTMLInputElement[] => cells.flat();
  return {
    el,
    read: () => {
      const values = cells.map((row) => row.map((i) => i.value.trim()));
      const shape1d = q.shape?.length === 1;
      return { answer: shape1d ? values.map((r) => r[0] ?? '') : values };
    },
    complete: () => flat().every((i) => i.value.trim() !== ''),
    focus: () => flat()[0]?.focus(),
    setDisabled: (d) => flat().forEach((i) => (i.disabled = d)),
  };
}
