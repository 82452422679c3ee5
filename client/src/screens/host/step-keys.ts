import { h } from '../../app/dom';

/**
 * Keys for stepping through a reveal: → / Space / PageDown / Enter forward (presenter clickers send PageDown
 * and PageUp), ← / PageUp / Backspace back; with `down`/`up`, ↓ and ↑ too (the projector's worked steps, while
 * → always moves the game on). Ignored while typing in a field or with a modifier held.
 */
export function bindStepKeys(on: { next(): void; back(): void; down?: () => void; up?: () => void }): () => void {
  const handler = (ev: KeyboardEvent): void => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.repeat) return;
    const t = ev.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const forward = ev.key === 'ArrowRight' || ev.key === 'PageDown' || ev.key === ' ' || (ev.key === 'Enter' && t?.tagName !== 'BUTTON');
    const back = ev.key === 'ArrowLeft' || ev.key === 'PageUp' || ev.key === 'Backspace';
    const down = on.down && ev.key === 'ArrowDown' ? on.down : on.up && ev.key === 'ArrowUp' ? on.up : null;
    if (down) {
      ev.preventDefault();
      return down();
    }
    if (!forward && !back) return;
    ev.preventDefault();
    if (forward) on.next();
    else on.back();
  };
  document.addEventListener('keydown', handler);
  return () => document.removeEventListener('keydown', handler);
}

/**
 * The key of a control, shown on it (a key cap after its label, as legible as the label on a projector), so every action's key is seen where the
 * action is; hidden from screen readers, which read `aria-keyshortcuts` instead.
 */
export function keyCap(key: string): HTMLElement {
  return h('kbd', { class: 'key-cap', 'aria-hidden': 'true' }, key);
}

/**
 * Letter keys for the host's other actions (P pause, T +30 s, X extra time, L lock, E end …), each shown in the
 * screen's key hint, so every action has a key (docs/accessibility.md#keyboard). Ignored while typing or with a
 * modifier held; keys are matched case-insensitively.
 */
export function bindLetterKeys(keys: Record<string, () => void>): () => void {
  const handler = (ev: KeyboardEvent): void => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.repeat) return;
    const t = ev.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const action = keys[ev.key.toLowerCase()];
    if (!action) return;
    ev.preventDefault();
    action();
  };
  document.addEventListener('keydown', handler);
  return () => document.removeEventListener('keydown', handler);
}
