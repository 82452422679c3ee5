/**
 * The host's game settings (setup page, before the lobby): each topic with its own difficulty, how many
 * questions, seconds per question, how chain answers are entered, variants, leaderboard, scoring, own tasks.
 */
import { FAMILIES, type Difficulty, type Family } from '../../../../shared/questions/types';
import type { RoomSettings } from '../../../../shared/protocol/schemas';
import { defaultSeconds, MAX_SECONDS, MIN_SECONDS } from '../../../../shared/timing/question-seconds';
import { h } from '../../app/dom';
import { familyLabel } from '../family-labels';
import { parseTeacherTasks } from './teacher-tasks';

export interface SettingsForm {
  el: HTMLElement;
  /** The settings as typed, or a message saying what to fix. */
  read(): { ok: true; settings: RoomSettings } | { ok: false; error: string };
}

/** Difficulty 1…5 in words (the setup page's choices, the lobby's topic line). */
export const LEVELS = ['easy', 'gentle', 'medium', 'hard', 'expert'];

function levelOf(value: string): Difficulty {
  return Math.min(5, Math.max(1, Math.round(Number(value) || 2))) as Difficulty;
}

/** Builds the form prefilled with `s`; `onChange` fires after any edit. */
export function createSettingsForm(s: RoomSettings, onChange: () => void = () => undefined): SettingsForm {
  const gen = s.source.kind === 'generated' ? s.source : { families: ['chain'] as Family[], difficulty: 2 as Difficulty, difficulties: undefined };
  const topicRows = FAMILIES.map((f) => {
    const level = gen.difficulties?.[f] ?? gen.difficulty;
    // The table's time for this topic at its level (shared/timing/question-seconds.ts); the host may change it,
    // and a changed time is sent as this topic's own. Until changed, it follows the difficulty.
    const seconds = h('input', { type: 'number', name: 'topic-seconds', 'data-family': f, min: MIN_SECONDS, max: MAX_SECONDS, step: 5,
      value: s.secondsByFamily?.[f] ?? defaultSeconds(f, level), 'aria-label': `Seconds for ${familyLabel(f)}` });
    if (s.secondsByFamily?.[f] !== undefined) seconds.dataset.edited = 'true';
    seconds.addEventListener('input', () => (seconds.dataset.edited = 'true'));
    const difficulty = h('select', { name: 'topic-difficulty', 'data-family': f, 'aria-label': `Difficulty of ${familyLabel(f)}` },
      LEVELS.map((name, i) => h('option', { value: i + 1, selected: i + 1 === level }, `${i + 1} · ${name}`)));
    difficulty.addEventListener('change', () => {
      if (seconds.dataset.edited !== 'true') seconds.value = String(defaultSeconds(f, levelOf(difficulty.value)));
    });
    return h('div', { class: 'topic-row' },
      h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'family', value: f, checked: gen.families.includes(f) }), familyLabel(f)),
      difficulty,
      h('span', { class: 'topic-seconds' }, seconds, h('span', { class: 'muted', 'aria-hidden': 'true' }, 's')));
  });
  const num = (id: string, label: string, value: number, min: number, max: number, hint: string): HTMLElement =>
    h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { type: 'number', id, value, min, max, step: 1, 'aria-describedby': `${id}-hint` }),
      h('small', { class: 'muted', id: `${id}-hint` }, hint));
  const select = (id: string, label: string, value: string, options: Array<[string, string]>, wide = false): HTMLElement =>
    h('div', { class: wide ? 'field wide' : 'field' }, h('label', { for: id }, label),
      h('select', { id }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  const tasksText = s.source.kind === 'tasks' ? s.source.tasks.map((t) => JSON.stringify(t)).join('\n') : '';
  const form = h('form', { class: 'stack', id: 'settings-form' },
    h('fieldset', { class: 'topics' }, h('legend', { class: 'big' }, 'Topics, their difficulty and time per question'),
      h('p', { class: 'muted small', id: 'topic-time-hint' }, 'Each topic’s time is suggested for its difficulty (typing a network’s gradients takes longer than 2x cos(x²)); change any of them.'),
      h('div', { class: 'topic-grid' }, topicRows)),
    h('div', { class: 'setup-grid' },
      num('set-count', 'Number of questions', s.questionCount, 1, 50, '1 to 50'),
      h('div', { class: 'field' }, h('label', { for: 'set-seconds' }, 'Same time for every question (optional)'),
        h('input', { type: 'number', id: 'set-seconds', value: s.secondsPerQuestion ?? '', min: MIN_SECONDS, max: MAX_SECONDS, step: 5, placeholder: 'each topic’s own', 'aria-describedby': 'set-seconds-hint' }),
        h('small', { class: 'muted', id: 'set-seconds-hint' }, `Seconds, ${MIN_SECONDS} to ${MAX_SECONDS}; leave empty to use each topic’s time`)),
      select('set-entry', 'Students answer', s.entryMode, [['layers', 'each box and then the whole derivative'], ['final', 'only the whole derivative']], true),
      select('set-names', 'Names on the big screen', s.names ?? 'nicknames', [['nicknames', 'Students’ own nicknames'], ['generated', 'Hide names: a made-up name each (Curious Otter)']], true),
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
  const secondsByFamily: Partial<Record<Family, number>> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name=topic-seconds]')) {
    const f = input.dataset.family as Family;
    const sel = form.querySelector<HTMLSelectElement>(`select[name=topic-difficulty][data-family="${f}"]`);
    const n = Math.round(Number(input.value));
    // Only a time the host changed is sent: otherwise the table (one source of truth) decides on the server.
    if (families.includes(f) && Number.isFinite(n) && input.value !== '' && n !== defaultSeconds(f, levelOf(sel?.value ?? '2'))) {
      secondsByFamily[f] = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, n));
    }
  }
  const everySeconds = val('set-seconds');
  const settings: RoomSettings = {
    source: tasks.tasks.length > 0
      ? { kind: 'tasks', tasks: tasks.tasks.slice(0, 50) }
      : { kind: 'generated', families, difficulty: (first ? difficulties[first] : undefined) ?? 2, difficulties },
    questionCount: int('set-count', 1, 50),
    ...(everySeconds === '' ? {} : { secondsPerQuestion: int('set-seconds', MIN_SECONDS, MAX_SECONDS) }),
    ...(Object.keys(secondsByFamily).length > 0 ? { secondsByFamily } : {}),
    entryMode: val('set-entry') === 'final' ? 'final' : 'layers',
    ...(val('set-names') === 'generated' ? { names: 'generated' as const } : {}),
    variants: val('set-variants') === 'per-player' ? 'per-player' : 'same',
    speedScoring: form.querySelector<HTMLInputElement>('#set-speed')?.checked ?? true,
    leaderboardEvery: int('set-board', 0, 50),
  };
  return { ok: true, settings };
}
