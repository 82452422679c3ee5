/**
 * One answer box (a final expression, a layer, a matrix cell or a number) with its live preview: the typeset
 * maths the checker will read, or the reason it cannot read it. Readability is shared/check/readable.ts, the
 * rule the server refuses with, so what the preview accepts is what the server accepts. Checking an answer is
 * never done here.
 */
import { readSlot, varsFor, type Readability, type Slot, type SlotRules } from '../../../shared/check/readable';
import { normalizeInput } from '../../../shared/math/normalize';
import { h } from '../app/dom';
import { loadMath } from '../app/math';
import type { Keypad } from './keypad';

export type EntryMode = 'keypad' | 'keyboard';

export interface MathInputOptions {
  label: string;
  /** Visually hidden label (a layer row or a matrix cell is labelled by its surroundings). */
  hideLabel?: boolean;
  slot: Slot;
  rules: SlotRules;
  keypad: Keypad;
  mode: EntryMode;
  placeholder?: string;
  /** A preview shared by several boxes (matrix cells): drawn only while this box has focus. */
  sharedPreview?: HTMLElement;
  /** Prefix for the shared preview's message ("Entry (1, 2): "). */
  where?: string;
  onChange(): void;
  onFocus(): void;
  onNext(): void;
  onEnter(): void;
}

export interface MathInput {
  el: HTMLElement;
  input: HTMLInputElement;
  slot: Slot;
  value(): string;
  readability(): Readability;
  focus(): void;
  setDisabled(disabled: boolean): void;
  setMode(mode: EntryMode): void;
  /** Points the keypad at this box without focusing it. */
  attach(): void;
  /** Puts text back (after a reload) and redraws the preview. */
  setValue(text: string): void;
}

let uid = 0;

/** Builds the box and its preview; attaches the keypad while it has focus. */
export function createMathInput(opts: MathInputOptions): MathInput {
  const id = `mi-${++uid}`;
  const numeric = varsFor(opts.rules, opts.slot).length === 0;
  const input = h('input', {
    type: 'text', id, class: numeric ? 'expr-input number-input' : 'expr-input', autocomplete: 'off', autocapitalize: 'off',
    autocorrect: 'off', spellcheck: 'false', enterkeyhint: 'next', placeholder: opts.placeholder ?? '',
    'aria-describedby': `${id}-preview`,
  });
  const preview = opts.sharedPreview ?? h('div', { class: 'preview', id: `${id}-preview`, 'aria-live': 'polite' });
  if (opts.sharedPreview) input.setAttribute('aria-describedby', preview.id);
  let state: Readability = readSlot(opts.rules, opts.slot, '');
  const refresh = (): void => {
    state = readSlot(opts.rules, opts.slot, input.value);
    input.classList.toggle('unreadable', !state.ok && !state.empty);
    input.setAttribute('aria-invalid', String(!state.ok && !state.empty));
    if (!opts.sharedPreview || document.activeElement === input) drawPreview(preview, input.value, state, opts.where ?? '', varsFor(opts.rules, opts.slot));
    opts.onChange();
  };
  const attach = (): void => opts.keypad.attach({
    input, vars: varsFor(opts.rules, opts.slot), numeric, onEdit: refresh, onNext: opts.onNext,
  });
  input.addEventListener('input', refresh);
  input.addEventListener('focus', () => {
    attach();
    if (opts.sharedPreview) drawPreview(preview, input.value, state, opts.where ?? '', varsFor(opts.rules, opts.slot));
    opts.onFocus();
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      opts.onEnter();
    }
  });
  const label = h('label', { for: id, class: opts.hideLabel ? 'sr-only' : '' }, opts.label);
  const el = h('div', { class: 'math-input' }, label, input, opts.sharedPreview ? null : preview);
  const setMode = (mode: EntryMode): void => {
    // "none" keeps the system keyboard away while the keypad is up; a number box with the keyboard gets the
    // full text keyboard, which has a minus sign on every phone (many decimal pads have none).
    input.inputMode = mode === 'keypad' ? 'none' : 'text';
  };
  setMode(opts.mode);
  if (!opts.sharedPreview) drawPreview(preview, '', state, '');
  return {
    el,
    input,
    slot: opts.slot,
    value: () => input.value.trim(),
    readability: () => state,
    focus: () => {
      input.focus({ preventScroll: true });
      attach();
    },
    setDisabled: (d) => (input.disabled = d),
    setMode,
    attach,
    setValue: (text) => {
      input.value = text;
      refresh();
    },
  };
}

function drawPreview(preview: HTMLElement, src: string, state: Readability, where: string, vars?: readonly string[]): void {
  const text = src.trim();
  preview.classList.toggle('invalid', !state.ok && !state.empty);
  if (text === '') {
    preview.replaceChildren(h('span', { class: 'muted' }, where ? `${where}preview appears here` : 'Preview appears here'));
    return;
  }
  if (!state.ok) {
    preview.replaceChildren(h('span', { class: 'error-text', 'data-parse-error': '' }, `⚠ ${where}${state.error}`));
    return;
  }
  // What the checker reads: its own normalisation (× → *, − → -, π → pi) before the LaTeX.
  const read = normalizeInput(text);
  preview.replaceChildren(h('span', { class: 'preview-text' }, read));
  preview.dataset.src = read;
  loadMath().then(
    (m) => {
      // Read with the slot's variables, exactly as the checker reads it (2xy → 2·x·y).
      const latex = m.exprToLatex(read, vars);
      if (latex === null || preview.dataset.src !== read) return;
      const span = h('span', { 'data-preview': '' });
      m.renderLatex(span, latex, { display: false });
      preview.replaceChildren(...(where ? [h('span', { class: 'muted' }, where)] : []), span);
    },
    () => undefined,
  );
}
