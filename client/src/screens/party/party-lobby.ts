/**
 * The party lobby, on every player's page: the room's URL to send to friends (the page's own origin, or the
 * laptop's LAN address when it was opened as localhost), who is in, and for the creator the Start button.
 */
import { h, mountScreen, replace, toast } from '../../app/dom';
import { fetchJoinOrigin } from '../../app/join-origin';
import { startLobbyMusic } from '../host/lobby-music';
import { muteButton, play } from '../host/sound';
import { creatorName, groupList, partyShell, type PartyContext, type PartyScreen } from './party-shell';

export function renderPartyLobby(ctx: PartyContext): PartyScreen {
  const link = h('input', { type: 'text', id: 'party-link', class: 'party-link', readonly: true, 'aria-label': 'Link for your friends' });
  const showAt = (origin: string): void => void (link.value = `${origin}/join/${ctx.code}`);
  showAt(location.origin);
  void fetchJoinOrigin().then((origin) => {
    if (origin) showAt(origin);
  });
  const copy = h('button', { type: 'button', id: 'copy-link', onclick: () => {
    link.select();
    void navigator.clipboard?.writeText(link.value).then(() => toast('Link copied.'), () => toast('Select the link and copy it.'));
  } }, 'Copy link');
  const group = h('div', {});
  const status = h('p', { class: 'muted', id: 'party-lobby-status' });
  const start = ctx.isCreator ? h('button', { type: 'button', class: 'primary', id: 'start-game' }, 'Start the game ▶') : null;
  start?.addEventListener('click', () => {
    start.disabled = true;
    void ctx.command({ type: 'start' }).finally(() => (start.disabled = false));
  });
  const s = ctx.state;
  const settings = s.phase === 'lobby' ? s.settings : null;
  let count = ctx.state.party?.players.length ?? 0;
  const paint = (): void => {
    replace(group, groupList(ctx, { scores: false }));
    const n = ctx.state.party?.players.length ?? 0;
    if (n > count) play('join');
    count = n;
    status.textContent = `${n} player${n === 1 ? '' : 's'} in. ` +
      (ctx.isCreator ? 'Start when everyone is here; friends can still join later.' : `Waiting for ${creatorName(ctx.state)} to start.`);
  };
  const body = h('main', { class: 'party-lobby' },
    h('section', { class: 'card stack' },
      h('h1', {}, 'Your party'),
      h('p', {}, 'Send this link to your friends: they open it, type a nickname and join. Everyone plays on their own screen.'),
      h('div', { class: 'row party-link-row' }, link, copy),
      h('p', { class: 'muted' }, 'Or the code ', h('strong', { class: 'code', id: 'room-code-display' }, ctx.code), ' on the home page.'),
      settings ? h('p', { class: 'muted' }, `${settings.questionCount} questions, ${settings.secondsPerQuestion === null ? 'each timed for its topic' : `${settings.secondsPerQuestion} s each`}` +
        `${settings.speedScoring ? ', faster answers score more' : ', no speed bonus'}.`) : null,
      // The creator holds the host key: leaving would strand the party, so only friends get Leave.
      h('div', { class: 'row' }, start, ctx.isCreator ? null : h('button', { type: 'button', class: 'ghost small', onclick: () => ctx.leave() }, 'Leave'))),
    h('section', { class: 'card stack' }, h('h2', {}, 'Players'), group, status));
  mountScreen('page', partyShell('party-lobby', [h('span', { class: 'pill' }, 'Party'), h('span', { class: 'muted' }, 'Code ', h('span', { class: 'code' }, ctx.code))], [muteButton()], body));
  paint();
  start?.focus();
  // Music while friends join: off by default on a phone (sound.ts), one switch in the top bar.
  const music = startLobbyMusic();
  return { update: paint, destroy: () => music.stop() };
}
