/**
 * Home: create a game (classroom or party), join one (code + nickname, prefilled from a join link or QR code),
 * or practise alone. This is in the phone's first load, so it imports nothing heavy.
 */
import { h, mountScreen } from '../app/dom';
import { go, normaliseCode } from '../app/routes';
import { DRILL_LEVELS_TEXT } from '../../../shared/drill/explain';
import { hostedGames, type HostedGame } from '../app/hosted-games';

const NICK_KEY = 'arena.nickname';

/** Draws the home screen; `code` prefills the join form (from `/join/CODE` or `?code=`). */
export function showHome(code = ''): void {
  const joinCard = buildJoin(code);
  mountScreen('page', h('div', { class: 'page' },
    h('header', { class: 'brand' }, h('div', { class: 'brand-mark', 'aria-hidden': 'true' }, '∂'),
      h('h1', {}, 'Chain Rule Arena', h('small', {}, 'Compositions, Jacobians, implicit curves and backprop, live.'))),
    h('div', { class: 'grid-2' }, joinCard, buildCreate(), buildSolo()),
    buildHostedList()));
  const focusTarget = joinCard.querySelector<HTMLInputElement>(code ? '#nickname' : '#room-code');
  focusTarget?.focus();
}

function buildJoin(code: string): HTMLElement {
  const codeInput = h('input', {
    type: 'text', id: 'room-code', class: 'code-input', value: code, maxlength: 8, autocomplete: 'off',
    autocapitalize: 'characters', spellcheck: 'false', inputmode: 'text', required: true, placeholder: 'CODE',
  });
  const nickInput = h('input', {
    type: 'text', id: 'nickname', maxlength: 20, autocomplete: 'nickname', required: true, placeholder: 'Your nickname',
    value: safeGet(NICK_KEY),
  });
  const error = h('p', { class: 'error-text', role: 'alert', id: 'join-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'join-button' }, 'Join game');
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'join-title', novalidate: true },
    h('h2', { id: 'join-title' }, 'Join a game'),
    h('div', { class: 'field' }, h('label', { for: 'room-code' }, 'Game code'), codeInput),
    h('div', { class: 'field' }, h('label', { for: 'nickname' }, 'Nickname'), nickInput),
    error, submit);
  codeInput.addEventListener('input', () => (codeInput.value = normaliseCode(codeInput.value)));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const roomCode = normaliseCode(codeInput.value);
    const nickname = nickInput.value.trim().slice(0, 24);
    if (roomCode.length < 4) return void (error.textContent = 'Type the code shown on the big screen.');
    if (nickname.length === 0) return void (error.textContent = 'Choose a nickname.');
    error.textContent = '';
    safeSet(NICK_KEY, nickname);
    submit.disabled = true;
    submit.textContent = 'Joining…';
    import('./player/player-screen')
      .then((m) => m.joinGame(roomCode, nickname, (msg) => {
        error.textContent = msg;
        submit.disabled = false;
        submit.textContent = 'Join game';
      }))
      .catch(() => {
        error.textContent = 'Could not load the game. Check your connection.';
        submit.disabled = false;
        submit.textContent = 'Join game';
      });
  });
  return form;
}

function buildCreate(): HTMLElement {
  const status = h('p', { class: 'error-text', role: 'alert' });
  const create = (mode: 'classroom' | 'party', nickname?: string, preset?: 'drill'): void => {
    status.textContent = '';
    import('./host/host-screen')
      .then((m) => m.createGame(mode, (msg) => (status.textContent = msg), nickname, preset))
      .catch(() => (status.textContent = 'Could not load the host screen.'));
  };
  const nick = h('input', { type: 'text', id: 'party-nickname', maxlength: 20, value: safeGet(NICK_KEY), placeholder: 'Your nickname' });
  const drill = h('input', { type: 'checkbox', id: 'party-drill' });
  const party = h('form', { class: 'party-form stack', 'aria-label': 'Party game' },
    h('label', { for: 'party-nickname' }, 'Your nickname (you play too)'), nick,
    h('label', { class: 'chip', for: 'party-drill' }, drill, `Interview drill: backprop, Jacobians, activations at ${DRILL_LEVELS_TEXT}, with explain-it prompts`),
    h('button', { type: 'submit', class: 'primary' }, 'Create the party'));
  party.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = nick.value.trim();
    if (!name) return void (status.textContent = 'Choose a nickname.');
    safeSet(NICK_KEY, name);
    create('party', name, drill.checked ? 'drill' : undefined);
  });
  return h('section', { class: 'card stack', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Host a game'),
    h('p', { class: 'muted' }, 'Classroom: put the host screen on the projector, students join on their phones. ' +
      'Party: a private room for a few friends on their own laptops, harder questions.'),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'create-classroom', onclick: () => create('classroom') }, 'Classroom game'),
      h('button', { type: 'button', id: 'create-party', onclick: () => {
        party.classList.add('open');
        nick.focus();
      } }, 'Party with friends')),
    party, status);
}

function buildSolo(): HTMLElement {
  return h('section', { class: 'card stack', 'aria-labelledby': 'solo-title' },
    h('h2', { id: 'solo-title' }, 'Solo practice'),
    h('p', { class: 'muted' }, 'Race the clock on the topics you choose. Every mistake is explained with the worked solution. ' +
      'Works offline once loaded.'),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'start-solo', onclick: () => go('solo') }, 'Practise alone'),
      h('a', { href: '#/reports', id: 'open-reports', class: 'muted' }, 'Reports of past games')));
}

/**
 * The teacher's games on this laptop: the finished games hosted from this browser in the last 90 days, newest
 * first, each a link to its report page (app/hosted-games.ts keeps them; the server keeps only the reports).
 */
function buildHostedList(): HTMLElement | null {
  const games = hostedGames().filter((g) => g.game !== undefined);
  if (games.length === 0) return null;
  return h('section', { class: 'card stack', id: 'my-games', 'aria-labelledby': 'my-games-title', style: 'margin-top:18px' },
    h('h2', { id: 'my-games-title' }, 'Your games on this computer'),
    h('ul', { class: 'stack', style: 'list-style:none;padding:0;margin:0' }, games.map((g) => h('li', {},
      h('a', { href: reportHref(g), 'data-code': g.code, 'data-game': g.game ?? 1, class: 'hosted-game' },
        h('strong', {}, new Date(g.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })),
        ` · ${g.code}${(g.game ?? 1) > 1 ? ` (round ${g.game})` : ''}`),
      h('span', { class: 'muted' }, ` · ${(g.topics ?? []).join(', ') || 'Own questions'} · ${g.players ?? 0} player${g.players === 1 ? '' : 's'} · ${Math.round((g.share ?? 0) * 100)}% right`)))));
}

/** The report page of one game (report-page.ts reads the code and game number from it). */
export const reportHref = (g: Pick<HostedGame, 'code' | 'game'>): string => `#/reports/${g.code}/${g.game ?? 1}`;

function safeGet(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage blocked: the nickname is just not remembered */
  }
}
