/**
 * The host's game settings (setup page, before the lobby): each topic with its own difficulty, how many
 * questions, seconds per question, how chain answers are entered, variants, leaderboard, scoring, own tasks.
 */
import { FAMILIES, type Difficulty, type Family } from '../../../../shared/questions/types';
import type { RoomSettings } from '../../../../shared/protocol/schemas';
import { h } from '../../app/dom';
import { familyLabel } from '../family-labels';
import { parseTeacherTasks } from './teacher-tasks';

export interface SettingsForm {
  el: HTMLElement;
  /** The settings as typed, or a message saying what to fix. */
  read(): { ok: true; settings: RoomSettings } | { ok: false; error: string };
}

const LEVELS = ['easy', 'gentle', 'medium', 'hard', 'expert'];

/** Builds the form prefilled with `s`; `onChange` fires after any edit. */
export function createSettingsForm(s: RoomSettings, onChange: () => void = () => undefined): SettingsForm {
  const gen = s.source.kind === 'generated' ? s.source : { families: ['chain'] as Family[], difficulty: 2 as Difficulty, difficulties: undefined };
  const topicRows = FAMILIES.map((f) => {
    const level = gen.difficulties?.[f] ?? gen.difficulty;
    return h('div', { class: 'topic-row' },
      h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'family', value: f, checked: gen.families.includes(f) }), familyLabel(f)),
      h('select', { name: 'topic-difficulty', 'data-family': f, 'aria-label': `Difficulty of ${familyLabel(f)}` },
        LEVELS.map((name, i) => h('option', { value: i + 1, selected: i + 1 === level }, `${i + 1} · ${name}`))));
  });
  const num = (id: string, label: string, value: number, min: number, max: number, hint: string): HTMLElement =>
    h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { type: 'number', id, value, min, max, step: 1, 'aria-describedby': `${id}-hint` }),
      h('small', { class: 'muted', id: `${id}-hint` }, hint));
  const select = (id: string, label: string, value: string, options: Array<[string, string]>): HTMLElement =>
    h('div', { class: 'field' }, h('label', { for: id }, label),
      h('select', { id }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  const tasksText = s.source.kind === 'tasks' ? s.source.tasks.map((t) => JSON.stringify(t)).join('\n') : '';
  const form = h('form', { class: 'stack', id: 'settings-form' },
    h('fieldset', { class: 'topics' }, h('legend', { class: 'big' }, 'Topics and their difficulty'), h('div', { class: 'topic-grid' }, topicRows)),
    h('div', { class: 'setup-grid' },
      num('set-count', 'Number of questions', s.questionCount, 1, 50, '1 to 50'),
      num('set-seconds', 'Seconds per question', s.secondsPerQuestion, 5, 600, '5 to 600'),
      select('set-entry', 'How chain answers are given', s.entryMode, [['layers', 'Box by box, then the product'], ['final', 'Final answer only']]),
      select('set-variants', 'Same question for everyone?', s.variants, [['same', 'Yes, the same for everyone'], ['per-player', 'No, a variant per player']]),
      select('set-board', 'Show the leaderboard', String(s.leaderboardEvery), [['1', 'After every question'], ['2', 'Every 2 questions'], ['3', 'Every 3 questions'], ['5', 'Every 5 questions'], ['0', 'Only at the end']])),
    h('label', { class: 'chip', style: 'align-self:flex-start' }, h('input', { type: 'checkbox', id: 'set-speed', checked: s.speedScoring }), 'Faster answers score more'),
    h('details', { open: tasksText !== '' }, h('summary', {}, 'Your own questions (optional)'),
      h('p', { class: 'muted' }, 'One per line: a composition like sin(x^2)^3, an equation like x^2 + y^2 = 25, or a JSON task. These replace the topics above.'),
      h('textarea', { id: 'set-tasks', rows: 4, spellcheck: 'false', 'aria-label': 'Your own questions, one per line' }, tasksText)));
  form.addEventListener('change', onChange);
  form.addEventListener('submit', (ev) => ev.preventDefault());
  return { el: form, read: () => readForm(form) };
}

function readForm(form: HTMLElement): { ok: true; settings: RoomSettings } | { ok: false; error: string } {
  const val = (id: string): string => (form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim();
  const int = (id: string, min: number, max: number): number => Math.min(max, Math.max(min, Math.round(Number(val(id)) || min)));
  const families = [...form.querySelectorAll<HTMLInputElement>('input[name=family]:checked')].map((i) => i.value as Family);
  const difficulties: Partial<Record<Family, Difficulty>> = {};
  for (const sel of form.querySelectorAll<HTMLSelectElement>('select[name=topic-difficulty]')) {
    const f = sel.dataset.family as Family;
    const d = Math.min(5, Math.max(1, Math.round(Number(sel.value) || 2))) as Difficulty;
    if (families.includes(f)) difficulties[f] = d;
  }
  const tasks = parseTeacherTasks(val('set-tasks'));
  if (!tasks.ok) return tasks;
  if (tasks.tasks.length === 0 && families.length === 0) return { ok: false, error: 'Choose at least one topic.' };
  const first = families[0];
  const settings: RoomSettings = {
    source: tasks.tasks.length > 0
      ? { kind: 'tasks', tasks: tasks.tasks.slice(0, 50) }
      : { kind: 'generated', families, difficulty: (first ? difficulties[first] : undefined) ?? 2, difficulties },
    questionCount: int('set-count', 1, 50),
    secondsPerQuestion: int('set-seconds', 5, 600),
    entryMode: val('set-entry') === 'final' ? 'final' : 'layers',
    variants: val('set-variants') === 'per-player' ? 'per-player' : 'same',
    speedScoring: form.querySelector<HTMLInputElement>('#set-speed')?.checked ?? true,
    leaderboardEvery: int('set-board', 0, 50),
  };
  return { ok: true, settings };
}
