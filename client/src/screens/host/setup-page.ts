/**
 * The setup page, on the teacher's laptop before anyone joins: topics with a difficulty each, count, seconds,
 * answer mode; named presets kept in localStorage (checked against the settings schema when read back, since
 * storage is outside input). "Open the lobby" creates the room with these settings.
 */
import { RoomSettingsSchema, type RoomSettings } from '../../../../shared/protocol/schemas';
import { h, mountScreen, replace } from '../../app/dom';
import { createSettingsForm } from './settings-form';

const PRESETS_KEY = 'arena.host.presets';
const LAST_KEY = 'arena.host.last-settings';
const MAX_PRESETS = 20;

interface Preset {
  name: string;
  settings: RoomSettings;
}

/** Shows the setup page; `onOpen` gets the settings when the host opens the lobby (and may report an error). */
export function showSetup(mode: 'classroom' | 'party', defaults: RoomSettings, onOpen: (s: RoomSettings) => Promise<string | null>): void {
  const start = loadLast(mode) ?? defaults;
  const error = h('p', { class: 'error-text', role: 'alert', id: 'setup-error' });
  const holder = h('div', {});
  let form = createSettingsForm(start);
  holder.append(form.el);
  const presetSelect = h('select', { id: 'preset-select', 'aria-label': 'Saved presets' });
  const presetName = h('input', { type: 'text', id: 'preset-name', maxlength: 40, placeholder: 'Preset name, e.g. Year 12 revision', 'aria-label': 'Preset name' });
  const paintPresets = (): void => {
    const list = loadPresets();
    replace(presetSelect, h('option', { value: '' }, list.length ? 'Load a saved preset…' : 'No saved presets yet'),
      list.map((p, i) => h('option', { value: i }, p.name)));
  };
  presetSelect.addEventListener('change', () => {
    const p = loadPresets()[Number(presetSelect.value)];
    if (!p) return;
    form = createSettingsForm(p.settings);
    holder.replaceChildren(form.el);
  });
  const saveBtn = h('button', { type: 'button', id: 'save-preset', onclick: () => {
    const read = form.read();
    const name = presetName.value.trim().slice(0, 40);
    if (!read.ok) return void (error.textContent = read.error);
    if (!name) return void (error.textContent = 'Give the preset a name.');
    error.textContent = '';
    savePresets([{ name, settings: read.settings }, ...loadPresets().filter((p) => p.name !== name)].slice(0, MAX_PRESETS));
    paintPresets();
  } }, 'Save as preset');
  const openBtn = h('button', { type: 'button', class: 'primary', id: 'open-lobby' }, 'Open the lobby ▶');
  const open = async (): Promise<void> => {
    const read = form.read();
    if (!read.ok) return void (error.textContent = read.error);
    error.textContent = '';
    openBtn.disabled = true;
    // Own questions are solved on the server before the lobby opens: say so while it works (seconds at most).
    const label = openBtn.textContent;
    openBtn.textContent = read.settings.source.kind === 'tasks' ? 'Checking your questions…' : 'Opening…';
    store(`${LAST_KEY}.${mode}`, JSON.stringify(read.settings));
    const problem = await onOpen(read.settings);
    if (problem) {
      error.textContent = problem;
      openBtn.textContent = label;
      openBtn.disabled = false;
    }
  };
  openBtn.addEventListener('click', () => void open());
  paintPresets();
  mountScreen('page', h('div', { class: 'page', id: 'host-setup' },
    h('h1', {}, mode === 'party' ? 'Set up your party game' : 'Set up your classroom game'),
    h('p', { class: 'muted' }, 'Choose what to play before the class sees the screen. The lobby then shows only the code and the players.'),
    h('div', { class: 'card stack' },
      h('div', { class: 'row' }, presetSelect, presetName, saveBtn),
      holder, error,
      h('div', { class: 'row' }, openBtn))));
  openBtn.focus();
}

function parseSettings(raw: unknown): RoomSettings | null {
  const r = RoomSettingsSchema.safeParse(raw);
  return r.success ? r.data : null;
}

function loadLast(mode: string): RoomSettings | null {
  try {
    return parseSettings(JSON.parse(localStorage.getItem(`${LAST_KEY}.${mode}`) ?? 'null'));
  } catch {
    return null;
  }
}

function loadPresets(): Preset[] {
  try {
    const raw = JSON.parse(localStorage.getItem(PRESETS_KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.slice(0, MAX_PRESETS).flatMap((p: unknown) => {
      const o = p as { name?: unknown; settings?: unknown } | null;
      const settings = parseSettings(o?.settings);
      return typeof o?.name === 'string' && settings ? [{ name: o.name.slice(0, 40), settings }] : [];
    });
  } catch {
    return [];
  }
}

function savePresets(list: Preset[]): void {
  store(PRESETS_KEY, JSON.stringify(list));
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage blocked: presets last for this page only */
  }
}
