/**
 * The right input for a question: an expression box, one box per layer before the product (layer-by-layer
 * mode), a grid of boxes for a matrix, or a number box. Every box has the maths keypad and a live preview.
 * The form owns the dock at the bottom of the phone (the reason Submit is disabled, the Submit button, the
 * keypad/keyboard switch and the keypad), and keeps Submit disabled while any required text cannot be read.
 */
import { publicSlotRules, type Readability, type Slot, type SubmittedParts } from '../../../shared/check/readable';
import type { AnswerInput, LayerInputs } from '../../../shared/check/types';
import type { PublicQuestion } from '../../../shared/questions/types';
import { h } from '../app/dom';
import { renderExpr } from '../app/math';
import { createKeypad, functionKeys } from './keypad';
import { createMathInput, type EntryMode, type MathInput } from './math-input';

export interface AnswerFormOptions {
  /** Ask for each layer's local derivative before the product. */
  layerByLayer: boolean;
  /** The screen's Submit/Check button: placed in the dock, enabled only when everything can be read. */
  submit: HTMLButtonElement;
  onSubmit(): void;
  /** The layer whose box has focus (outermost = 0), for highlighting in the question view. */
  onActiveLayer?(layer: number | undefined): void;
  /** Any edit, by key or keyboard (drafts, collapsing the diagram). */
  onChange?(): void;
  /** sessionStorage key: what was typed survives a reload of the page during the question. */
  persistKey?: string;
}

export type Readiness = { ok: true } | { ok: false; reason: string };

export interface AnswerForm {
  el: HTMLElement;
  dock: HTMLElement;
  read(): { answer: AnswerInput; layers?: LayerInputs };
  readiness(): Readiness;
  /** What may be held as a draft now: the typed parts when all can be read, `{}` when nothing is typed, null otherwise. */
  draft(): SubmittedParts | null;
  complete(): boolean;
  focus(): void;
  setDisabled(disabled: boolean): void;
  /** A line above the reason (the player's "not sent" warning); null clears it. */
  setNotice(notice: HTMLElement | null): void;
}

const MODE_KEY = 'arena-entry-mode';

function initialMode(): EntryMode {
  try {
    const saved = localStorage.getItem(MODE_KEY);
    if (saved === 'keypad' || saved === 'keyboard') return saved;
  } catch {
    // Storage may be blocked (private mode): fall back to the device's kind.
  }
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches ? 'keypad' : 'keyboard';
}

/** Builds the form for `q`'s answerKind. */
export function createAnswerForm(q: PublicQuestion, opts: AnswerFormOptions): AnswerForm {
  const rules = publicSlotRules(q);
  const keypad = createKeypad(functionKeys(q.family, JSON.stringify(q.task)));
  let mode = initialMode();
  const boxes: MathInput[] = [];
  let active: MathInput | null = null;
  let disabled = false;
  let restoring = false;
  const reason = h('p', { class: 'dock-reason', id: 'submit-reason', 'aria-live': 'polite' });
  const notice = h('div', { class: 'dock-notice' });
  const toggle = h('button', { type: 'button', class: 'ghost small', id: 'keypad-toggle' });
  const dock = h('div', { class: 'answer-dock', id: 'answer-dock' }, notice, reason,
    h('div', { class: 'dock-bar' }, toggle, opts.submit), keypad.el);

  const update = (): void => {
    const r = readiness();
    opts.submit.disabled = disabled || !r.ok;
    reason.textContent = disabled ? '' : r.ok ? '' : r.reason;
    reason.hidden = disabled || r.ok;
  };
  const box = (label: string, slot: Slot, extra: { hideLabel?: boolean; placeholder?: string; sharedPreview?: HTMLElement; where?: string; onFocus?: () => void } = {}): MathInput => {
    const mi = createMathInput({
      label, slot, rules, keypad, mode, ...extra,
      onChange: () => {
        update();
        if (restoring) return;
        reveal();
        save();
        opts.onChange?.();
      },
      onFocus: () => {
        active = mi;
        extra.onFocus?.();
        reveal();
      },
      onNext: () => (boxes[(boxes.indexOf(mi) + 1) % boxes.length] ?? mi).focus(),
      onEnter: () => (mi === boxes[boxes.length - 1] ? opts.onSubmit() : boxes[boxes.indexOf(mi) + 1]?.focus()),
    });
    boxes.push(mi);
    return mi;
  };

  const built = q.answerKind === 'expr' ? exprBoxes(q, opts, box) : q.answerKind === 'value' && !(q.shape && q.shape.length > 0)
    ? numberBox(box) : gridBoxes(q, rules.kind, box);

  const setMode = (m: EntryMode): void => {
    mode = m;
    try {
      localStorage.setItem(MODE_KEY, m);
    } catch {
      // Not remembered across questions; still switched now.
    }
    dock.classList.toggle('keypad-on', m === 'keypad');
    keypad.el.hidden = m !== 'keypad';
    toggle.textContent = m === 'keypad' ? '⌨ ABC' : 'f(x) keys';
    toggle.setAttribute('aria-label', m === 'keypad' ? 'Use the phone keyboard' : 'Use the maths keys');
    boxes.forEach((b) => b.setMode(m));
    fitSpacer();
  };
  const fitSpacer = (): void => {
    const height = mode === 'keypad' && !disabled ? dock.offsetHeight : 0;
    document.documentElement.style.setProperty('--dock-h', `${height}px`);
    reveal();
  };
  /** Keeps the active box, its preview and its message in view above the dock (scroll-margin = dock height). */
  function reveal(): void {
    if (!active || disabled || !active.el.isConnected) return;
    (active.el.closest('.layer-row, .answer-box') ?? active.el).scrollIntoView({ block: 'nearest' });
  }
  toggle.addEventListener('pointerdown', (ev) => ev.preventDefault());
  toggle.addEventListener('click', () => {
    setMode(mode === 'keypad' ? 'keyboard' : 'keypad');
    // Re-focusing shows the system keyboard (or keeps it away) at once.
    (active ?? boxes[0])?.input.blur();
    (active ?? boxes[0])?.input.focus();
  });
  if (typeof ResizeObserver === 'function') {
    const watch = new ResizeObserver(fitSpacer);
    watch.observe(dock);
  }
  // The viewport resizing (rotation, browser bars) can push the active box under the dock.
  const onResize = (): void => {
    if (!el.isConnected) window.removeEventListener('resize', onResize);
    else reveal();
  };
  window.addEventListener('resize', onResize);

  function readiness(): Readiness {
    for (const b of boxes) {
      const r: Readability = b.readability();
      if (r.ok || (r.empty && !built.required(b))) continue;
      return { ok: false, reason: built.describe(b, r) };
    }
    return { ok: true };
  }

  function save(): void {
    if (!opts.persistKey || restoring) return;
    try {
      sessionStorage.setItem(opts.persistKey, JSON.stringify(boxes.map((b) => b.input.value)));
    } catch {
      // Storage full or blocked: the draft on the server still holds the answer.
    }
  }
  const el = h('div', { class: 'answer-form' }, built.el);
  setMode(mode);
  restore();
  update();

  function restore(): void {
    let saved: unknown;
    try {
      saved = opts.persistKey ? JSON.parse(sessionStorage.getItem(opts.persistKey) ?? 'null') : null;
    } catch {
      return;
    }
    if (!Array.isArray(saved) || saved.length !== boxes.length) return;
    restoring = true;
    saved.forEach((text, i) => {
      if (typeof text === 'string' && text !== '') boxes[i]?.setValue(text.slice(0, 400));
    });
    restoring = false;
  }
  return {
    el,
    dock,
    read: built.read,
    readiness,
    draft: () => built.draft(),
    complete: () => readiness().ok,
    focus: () => boxes[0]?.focus(),
    setDisabled: (d) => {
      disabled = d;
      boxes.forEach((b) => b.setDisabled(d));
      keypad.setDisabled(d);
      dock.hidden = d;
      update();
      fitSpacer();
    },
    setNotice: (n) => notice.replaceChildren(...(n ? [n] : [])),
  };
}

type BoxFactory = (label: string, slot: Slot, extra?: { hideLabel?: boolean; placeholder?: string; sharedPreview?: HTMLElement; where?: string; onFocus?: () => void }) => MathInput;

interface Built {
  el: HTMLElement;
  read(): { answer: AnswerInput; layers?: LayerInputs };
  required(b: MathInput): boolean;
  describe(b: MathInput, r: Exclude<Readability, { ok: true }>): string;
  draft(): SubmittedParts | null;
}

function exprBoxes(q: PublicQuestion, opts: AnswerFormOptions, box: BoxFactory): Built {
  const layers = opts.layerByLayer && q.layers && q.layers.length > 1 ? q.layers : [];
  const wrap = h('div', { class: 'layer-inputs' });
  const layerBoxes: MathInput[] = [];
  const mark = (row: HTMLElement, layer: number | undefined): void => {
    wrap.querySelectorAll('.layer-row.active').forEach((r) => r.classList.remove('active'));
    row.classList.add('active');
    opts.onActiveLayer?.(layer);
  };
  layers.forEach((layer, i) => {
    const fn = h('span', { class: 'pill' });
    renderExpr(fn, layer.fn);
    const inner = h('span', { class: 'pill' });
    renderExpr(inner, layer.inner);
    const row = h('div', { class: 'layer-row', 'data-layer': i });
    const mi = box(`Layer ${i + 1}: f′(u) at u = ${layer.inner}, where f(u) = ${layer.fn}`, { kind: 'layer', index: i }, {
      hideLabel: true, placeholder: `f′(u), in u or ${q.vars?.[0] ?? 'x'}`, onFocus: () => mark(row, i),
    });
    row.append(h('div', { class: 'layer-label', 'aria-hidden': 'true' }, h('strong', {}, `Layer ${i + 1}`), 'f(u) =', fn, 'u =', inner), mi.el);
    layerBoxes.push(mi);
    wrap.append(row);
  });
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
      return i >= 0 ? `Layer ${i + 1}: ${r.error}` : `Can’t send yet: ${r.error}`;
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

function numberBox(box: BoxFactory): Built {
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

function gridBoxes(q: PublicQuestion, kind: 'expr' | 'matrix' | 'value', box: BoxFactory): Built {
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
    describe: (b, r) => (r.empty ? `Fill every entry to send (${where(b)} is empty).` : `${where(b)}: ${r.error}`),
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
