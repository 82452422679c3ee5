/**
 * The maths keypad that replaces the phone keyboard: digits, + − × ÷ ^, brackets, the slot's own variables
 * only, e, π, the question family's functions (their keys are a column of the function table), √, a fraction,
 * x², backspace, caret left/right and "next box".
 * One keypad serves a whole answer form; it follows the focused box (`attach`), so a number box shows no
 * letters and a layer box shows its `u`. Taps never move focus out of the box (no keyboard pops up: the
 * boxes have inputmode="none" while the keypad is on).
 */
import { FUNCTION_TABLE, functionSpec, type KeypadPad } from '../../../shared/math/functions';
import { h } from '../app/dom';
import { applyKey, type Key } from './keypad-edit';
import './keypad.css';
import { fitKeyLabel } from './key-fit';

export interface KeypadTarget {
  input: HTMLInputElement;
  /** Variables this box may use (none for a number). */
  vars: readonly string[];
  /** A number box: only the functions a number can use. */
  numeric: boolean;
  /** The text changed through a key. */
  onEdit(): void;
  /** The "next box" key. */
  onNext(): void;
}

export interface Keypad {
  el: HTMLElement;
  attach(target: KeypadTarget): void;
  setDisabled(disabled: boolean): void;
}

/** The pad a family's questions use (the keys on it by default come from the function table). */
function padOf(family: string): KeypadPad {
  if (family === 'activation') return 'activation';
  if (family === 'backprop' || family === 'gradient-flow') return 'number';
  return 'calculus';
}

/** The keyed functions of the table, in its order, with the name each key types (`ln` for log). */
const KEYED = FUNCTION_TABLE.flatMap((f) => (f.key ? [{ spec: f, typed: f.key.typed ?? f.name }] : []));
const LABELS: Record<string, string> = Object.fromEntries(KEYED.map(({ spec, typed }) => [typed, spec.key?.label ?? typed]));
/** What a number box may use. */
const NUMBER_FUNCTIONS: readonly string[] = KEYED.filter(({ spec }) => spec.key?.pads.includes('number')).map(({ typed }) => typed);
/** Any name of a keyed function followed by `(`: a function a task mentions gets its key. */
const NAMED = new RegExp(`\\b(${KEYED.flatMap(({ spec }) => [spec.name, ...spec.aliases]).sort((a, b) => b.length - a.length).join('|')})\\(`, 'g');

/**
 * The function keys for a question, read from the function table (shared/math/functions.ts): the keys of the
 * family's pad plus any function its task mentions (a teacher's task with `cosh` gets a cosh key), in the table's
 * order, at most 8 (with √ among the digits) so the letter rows never scroll.
 */
export function functionKeys(family: string, taskText: string): string[] {
  const pad = padOf(family);
  const named = new Set<string>();
  for (const m of taskText.matchAll(NAMED)) named.add(functionSpec(m[1] as string)?.name ?? '');
  return KEYED.filter(({ spec }) => spec.key?.pads.includes(pad) || named.has(spec.name)).map(({ typed }) => typed).slice(0, 8);
}

interface KeySpec {
  label: string;
  aria: string;
  key: Key | 'next';
  wide?: boolean;
  cls?: string;
}

const k = (label: string, aria: string, key: Key | 'next', extra: Partial<KeySpec> = {}): KeySpec => ({ label, aria, key, ...extra });

const FIXED: KeySpec[] = [
  ...['7', '8', '9'].map((d) => k(d, d, { kind: 'digit', value: d })),
  k('(', 'open bracket', { kind: 'open' }), k(')', 'close bracket', { kind: 'close' }),
  k('^', 'power', { kind: 'op', value: '^' }, { cls: 'op' }), k('⌫', 'Delete', { kind: 'back' }, { cls: 'ctl' }),
  ...['4', '5', '6'].map((d) => k(d, d, { kind: 'digit', value: d })),
  k('×', 'times', { kind: 'op', value: '*' }, { cls: 'op' }), k('÷', 'divided by', { kind: 'op', value: '/' }, { cls: 'op' }),
  k('x²', 'squared', { kind: 'square' }, { cls: 'op' }), k('a/b', 'fraction', { kind: 'fraction' }, { cls: 'op' }),
  ...['1', '2', '3'].map((d) => k(d, d, { kind: 'digit', value: d })),
  k('+', 'plus', { kind: 'op', value: '+' }, { cls: 'op' }), k('−', 'minus', { kind: 'op', value: '-' }, { cls: 'op' }),
  k('π', 'pi', { kind: 'symbol', value: 'pi' }, { cls: 'sym' }), k('e', 'e', { kind: 'symbol', value: 'e' }, { cls: 'sym' }),
  k('0', '0', { kind: 'digit', value: '0' }), k('.', 'point', { kind: 'digit', value: '.' }),
  k('√', 'square root', { kind: 'fn', name: 'sqrt' }, { cls: 'fn' }),
  k('←', 'caret left', { kind: 'left' }, { cls: 'ctl' }), k('→', 'caret right', { kind: 'right' }, { cls: 'ctl' }),
  k('next ⇥', 'next box', 'next', { wide: true, cls: 'ctl' }),
];

/**
 * A key's accessible name: its spoken word, after the visible label when that has letters the word does not
 * contain ("x², squared", "a/b, fraction"), so the name holds what is seen (WCAG 2.5.3 Label in Name); a symbol
 * such as × or π is named by its word alone.
 */
export function keyName(spec: Pick<KeySpec, 'label' | 'aria'>): string {
  const letters = spec.label.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  if (letters === '' || /^\p{Script=Greek}+$/u.test(letters) || spec.aria.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '').includes(letters)) return spec.aria;
  return `${spec.label}, ${spec.aria}`;
}

/** A keypad whose letter row shows `functions` (see functionKeys) and the attached box's variables. */
export function createKeypad(functions: readonly string[]): Keypad {
  const letters = h('div', { class: 'keypad-letters' });
  const fixed = h('div', { class: 'keypad-fixed' });
  const el = h('div', { class: 'keypad', role: 'group', 'aria-label': 'Maths keys', id: 'keypad' }, letters, fixed);
  let target: KeypadTarget | null = null;
  let disabled = false;

  const press = (spec: KeySpec): void => {
    if (!target || disabled) return;
    const t = target;
    if (spec.key === 'next') return t.onNext();
    const input = t.input;
    const caret = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? caret;
    const next = applyKey({ text: input.value, caret }, spec.key, end);
    input.value = next.text;
    input.setSelectionRange(next.caret, next.caret);
    if (document.activeElement !== input) input.focus({ preventScroll: true });
    t.onEdit();
  };
  const button = (spec: KeySpec): HTMLButtonElement => {
    const b = h('button', {
      type: 'button', tabindex: '-1', class: ['key', spec.cls, spec.wide ? 'wide' : ''].filter(Boolean).join(' '),
      'aria-label': keyName(spec), 'data-key': spec.label,
    }, spec.label);
    // Keeps the caret (and focus) in the box: without it a tap would blur the input.
    b.addEventListener('pointerdown', (ev) => ev.preventDefault());
    b.addEventListener('mousedown', (ev) => ev.preventDefault());
    b.addEventListener('click', () => press(spec));
    fitKeyLabel(b);
    return b;
  };
  fixed.append(...FIXED.map(button));

  const drawLetters = (t: KeypadTarget): void => {
    const fns = t.numeric ? functions.filter((f) => NUMBER_FUNCTIONS.includes(f)) : functions;
    const specs = [
      ...t.vars.slice(0, 6).map((v) => k(v, `variable ${v}`, { kind: 'symbol', value: v }, { cls: 'var' })),
      ...fns.map((f) => k(LABELS[f] ?? f, f, { kind: 'fn', name: f }, { cls: 'fn' })),
    ];
    letters.replaceChildren(...specs.map(button));
    letters.dataset.count = String(specs.length);
  };

  return {
    el,
    attach(t) {
      const changed = !target || target.numeric !== t.numeric || target.vars.join() !== t.vars.join();
      target = t;
      if (changed) drawLetters(t);
    },
    setDisabled(d) {
      disabled = d;
      el.querySelectorAll('button').forEach((b) => (b.disabled = d));
    },
  };
}
