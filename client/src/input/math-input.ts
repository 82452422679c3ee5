/**
 * A text input for a maths expression, with the keypad phones lack (^ ( ) sqrt sin cos exp ln x u), a live
 * KaTeX preview of what was typed, and parse errors shown while typing. Checking an answer is never done here:
 * the validator only says whether the text is a readable, allowed expression.
 */
import { h } from '../app/dom';
import { loadMath } from '../app/math';

/** validateExpression's signature (shared/check); passed in so this module does not pull in mathjs itself. */
export type Validator = (src: string, vars: readonly string[]) => { ok: true } | { ok: false; error: string };

export interface MathInputOptions {
  label: string;
  vars: readonly string[];
  validate: Validator;
  /** Called on Enter. */
  onEnter?: () => void;
  keypad?: boolean;
  placeholder?: string;
}

export interface MathInput {
  el: HTMLElement;
  input: HTMLInputElement;
  value(): string;
  focus(): void;
  setDisabled(disabled: boolean): void;
}

let uid = 0;

/** Builds the input, its preview and (optionally) the keypad. */
export function createMathInput(opts: MathInputOptions): MathInput {
  const id = `mi-${++uid}`;
  const input = h('input', {
    type: 'text', id, class: 'expr-input', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
    inputmode: 'text', enterkeyhint: 'send', placeholder: opts.placeholder ?? 'e.g. 2*x*cos(x^2)',
    'aria-describedby': `${id}-preview`,
  });
  const preview = h('div', { class: 'preview', id: `${id}-preview`, 'aria-live': 'polite' });
  const refresh = (): void => updatePreview(preview, input.value, opts);
  input.addEventListener('input', refresh);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      opts.onEnter?.();
    }
  });
  const el = h('div', { class: 'math-input' }, h('label', { for: id }, opts.label), input, preview);
  if (opts.keypad !== false) el.append(buildKeypad(input, opts.vars, refresh));
  refresh();
  return {
    el,
    input,
    value: () => input.value.trim(),
    focus: () => input.focus(),
    setDisabled: (d) => {
      input.disabled = d;
      el.querySelectorAll('button').forEach((b) => (b.disabled = d));
    },
  };
}

function updatePreview(preview: HTMLElement, src: string, opts: MathInputOptions): void {
  const text = src.trim();
  preview.classList.remove('invalid');
  if (text === '') {
    preview.replaceChildren(h('span', { class: 'muted' }, 'Preview appears here'));
    return;
  }
  const res = safeValidate(opts.validate, text, opts.vars);
  if (!res.ok) {
    preview.classList.add('invalid');
    preview.replaceChildren(h('span', { class: 'error-text', 'data-parse-error': '' }, `⚠ ${res.error}`));
    return;
  }
  preview.replaceChildren(document.createTextNode(text));
  loadMath().then(
    (m) => {
      const latex = m.exprToLatex(text, opts.vars);
      if (latex === null || preview.textContent !== text) return;
      const span = h('span', { 'data-preview': '' });
      m.renderLatex(span, latex, { display: false });
      preview.replaceChildren(span);
    },
    () => undefined,
  );
}

function safeValidate(validate: Validator, src: string, vars: readonly string[]): { ok: true } | { ok: false; error: string } {
  try {
    return validate(src, vars);
  } catch {
    return { ok: false, error: 'Cannot read this expression.' };
  }
}

const KEYS: Array<[label: string, insert: string]> = [
  ['^', '^'], ['(', '('], [')', ')'], ['×', '*'], ['÷', '/'], ['⌫', ''],
  ['√', 'sqrt('], ['sin', 'sin('], ['cos', 'cos('], ['exp', 'exp('], ['ln', 'ln('], ['−', '-'],
];

function buildKeypad(input: HTMLInputElement, vars: readonly string[], refresh: () => void): HTMLElement {
  const varKeys = [...new Set(['x', 'u', ...vars])].slice(0, 6).map((v) => [v, v] as [string, string]);
  const pad = h('div', { class: 'keypad', role: 'group', 'aria-label': 'Maths keys' });
  for (const [label, insert] of [...KEYS, ...varKeys]) {
    const btn = h('button', {
      type: 'button', tabindex: '-1', 'aria-label': label === '⌫' ? 'Delete' : `Insert ${insert}`,
    }, label);
    // pointerdown + preventDefault keeps the caret (and the phone keyboard) in the input.
    btn.addEventListener('pointerdown', (ev) => ev.preventDefault());
    btn.addEventListener('click', () => {
      if (label === '⌫') backspace(input);
      else insertAtCaret(input, insert);
      refresh();
    });
    pad.append(btn);
  }
  return pad;
}

function insertAtCaret(input: HTMLInputElement, text: string): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  input.setRangeText(text, start, end, 'end');
  input.focus();
}

function backspace(input: HTMLInputElement): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  if (start !== end) input.setRangeText('', start, end, 'end');
  else if (start > 0) input.setRangeText('', start - 1, start, 'end');
  input.focus();
}
