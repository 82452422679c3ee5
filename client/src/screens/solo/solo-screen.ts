/**
 * Solo practice: pick topics and a starting difficulty, race the clock. Questions are generated and checked in
 * the browser (shared/questions + shared/check), so no server is needed once this chunk has loaded.
 */
import { FAMILIES, type Difficulty, type Family } from '../../../../shared/questions/types';
import { h, mountScreen } from '../../app/dom';
import { go } from '../../app/routes';
import { bestKey, readBest, type SoloConfig } from './solo-run';
import { playRun } from './solo-play';
import { familyLabel } from '../family-labels';
import { dueItems, loadQueue } from './review-queue';
import { downloadQueue } from './solo-end';


const DURATIONS_S = [60, 180, 300];

/** Draws the setup form. */
export function showSolo(initial?: SoloConfig): void {
  const chosen = new Set<Family>(initial?.families ?? ['chain', 'nested']);
  const chips = FAMILIES.map((f) => h('label', { class: 'chip' },
    h('input', { type: 'checkbox', name: 'family', value: f, checked: chosen.has(f) }), familyLabel(f)));
  const diff = segmented('difficulty', [1, 2, 3, 4, 5].map((d) => [String(d), String(d)]), String(initial?.difficulty ?? 2));
  const dur = segmented('duration', DURATIONS_S.map((s) => [String(s), `${s / 60} min`]), String((initial?.durationMs ?? 180_000) / 1000));
  const best = h('p', { class: 'muted', id: 'solo-best' });
  const error = h('p', { class: 'error-text', role: 'alert' });
  const form = h('form', { class: 'card stack' },
    h('fieldset', { class: 'field', style: 'border:0;padding:0;margin:0' }, h('legend', { class: 'big' }, 'Topics'), h('div', { class: 'checks' }, chips)),
    h('div', { class: 'field' }, h('div', { class: 'big', id: 'diff-label' }, 'Starting difficulty'), diff),
    h('div', { class: 'field' }, h('div', { class: 'big', id: 'dur-label' }, 'Time'), dur),
    best, reviewNote(), error,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'solo-go' }, 'Start the run'),
      h('button', { type: 'button', class: 'ghost', onclick: () => go('') }, 'Back')));
  const read = (): SoloConfig => ({
    families: [...form.querySelectorAll<HTMLInputElement>('input[name=family]:checked')].map((i) => i.value as Family),
    difficulty: Number(form.querySelector<HTMLInputElement>('input[name=difficulty]:checked')?.value ?? 2) as Difficulty,
    durationMs: Number(form.querySelector<HTMLInputElement>('input[name=duration]:checked')?.value ?? 180) * 1000,
  });
  const showBest = (): void => {
    const b = readBest(localStorage, bestKey(read()));
    best.textContent = b > 0 ? `Personal best for these topics: ${b} points` : 'No personal best yet for these topics.';
  };
  form.addEventListener('change', showBest);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const config = read();
    if (config.families.length === 0) return void (error.textContent = 'Choose at least one topic.');
    playRun(config, () => showSolo(config));
  });
  mountScreen('page', h('div', { class: 'page narrow' },
    h('header', { class: 'brand' }, h('div', { class: 'brand-mark', 'aria-hidden': 'true' }, '∂'), h('h1', {}, 'Solo practice')),
    form));
  showBest();
  form.querySelector<HTMLElement>('#solo-go')?.focus();
}

function segmented(name: string, options: Array<[string, string]>, value: string): HTMLElement {
  return h('div', { class: 'segmented', role: 'radiogroup', 'aria-labelledby': name === 'difficulty' ? 'diff-label' : 'dur-label' },
    options.map(([v, label]) => h('label', {}, h('input', { type: 'radio', name, value: v, checked: v === value }), label)));
}

/** What the review queue holds, and the JSON export; the run itself opens with the due items. */
function reviewNote(): HTMLElement | null {
  const q = loadQueue(localStorage);
  if (q.items.length === 0) return null;
  const due = dueItems({ ...q, session: q.session + 1 }).length;
  return h('div', { class: 'row', id: 'solo-review-note' },
    h('p', { class: 'muted', style: 'margin:0' },
      `Review queue: ${q.items.length} topic${q.items.length === 1 ? '' : 's'} you missed${due > 0 ? `; the run opens with ${due}` : ''}.`),
    h('button', { type: 'button', class: 'ghost small', onclick: () => downloadQueue(q) }, 'Export (JSON)'));
}
