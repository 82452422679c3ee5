/**
 * The right input for a question: an expression box, one box per layer before the product (layer-by-layer
 * mode), a grid of boxes for a matrix, or a number box. Every box has the maths keypad and a live preview.
 * The form owns the dock at the bottom of the phone (the reason Submit is disabled, the Submit button, the
 * keypad/keyboard switch and the keypad), and keeps Submit disabled while any required text cannot be read.
 */
import { publicSlotRules, type Readability, type Slot, type SubmittedParts } from '../../../shared/check/readable';
import type { AnswerInput, LayerInputs } from '../../../shared/check/types';
import type { PublicQuestion } from '../../../shared/questions/types';
import { ANSWER_MAX_CHARS } from '../../../shared/limits';
import { h } from '../app/dom';
import { exprBoxes, gridBoxes, numberBox, type BoxOptions } from './answer-boxes';
import { createKeypad, functionKeys } from './keypad';
import { createMathInput, type EntryMode, type MathInput } from './math-input';

export interface AnswerFormOptions extends BoxOptions {
  /** The screen's Submit/Check button: placed in the dock, enabled only when everything can be read. */
  submit: HTMLButtonElement;
  onSubmit(): void;
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
    // The name starts with the visible words (WCAG 2.5.3 Label in Name): a voice user says what they see.
    toggle.setAttribute('aria-label', m === 'keypad' ? 'ABC: use the phone keyboard' : 'f(x) keys: use the maths keys');
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
  // Keys work from the first tap even before any box was focused (the first box takes them).
  boxes[0]?.attach();

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
      if (typeof text === 'string' && text !== '') boxes[i]?.setValue(text.slice(0, ANSWER_MAX_CHARS));
    });
    restoring = false;
  }
  return {
    el,
    dock,
    read: () => built.read(),
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
