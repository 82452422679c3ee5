/**
 * The lobby on the projector: the code in huge letters, the join URL, a QR code big enough to scan from the back
 * row, the players as they arrive (text, never HTML), and start / lock / kick. Settings were chosen on the setup
 * page before this screen, out of the students' sight.
 */
import QRCode from 'qrcode';
import { h, mountScreen, replace, toast } from '../../app/dom';
import { fetchJoinOrigin } from '../../app/join-origin';
import type { HostContext, HostScreen } from './host-phases';

/** Mounts the lobby. */
export function renderLobby(ctx: HostContext): HostScreen {
  const v = ctx.view;
  const qr = h('div', { class: 'qr', role: 'img' });
  const urlText = h('p', { class: 'muted', style: 'margin:0;word-break:break-all', id: 'join-url' });
  const hostText = h('span', { class: 'host-url' });
  const showJoinAt = (origin: string): void => {
    const url = `${origin}${v.joinPath}`;
    urlText.textContent = url;
    hostText.textContent = origin.replace(/^https?:\/\//, '');
    qr.setAttribute('aria-label', `QR code for ${url}`);
    void QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
      .then((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const el = doc.documentElement;
        if (el.nodeName === 'svg') qr.replaceChildren(document.importNode(el, true));
      });
  };
  showJoinAt(location.origin);
  // Opened as localhost on the teacher's laptop: phones need the laptop's LAN address instead.
  void fetchJoinOrigin().then((origin) => {
    if (origin) showJoinAt(origin);
  });
  const players = h('ul', { class: 'players', id: 'lobby-players', 'aria-live': 'polite' });
  const count = h('span', { class: 'stat' });
  const lockBtn = h('button', { type: 'button', id: 'lock-button' });
  const startBtn = h('button', { type: 'button', class: 'primary', id: 'start-game' }, 'Start game ▶');
  lockBtn.addEventListener('click', () => void ctx.command({ type: 'lock', locked: !ctx.view.locked }));
  const start = async (): Promise<void> => {
    if (ctx.view.playerCount === 0) return toast('Wait for at least one player to join.');
    startBtn.disabled = true;
    await ctx.command({ type: 'start' });
    startBtn.disabled = false;
  };
  startBtn.addEventListener('click', () => void start());
  const paint = (): void => {
    const view = ctx.view;
    replace(players, view.players.length === 0 ? h('li', { class: 'muted' }, 'Waiting for players…') : view.players.map((p) =>
      h('li', { 'data-player': p.playerId, class: p.connected ? null : 'muted' }, p.nickname,
        h('button', { type: 'button', class: 'ghost small', 'aria-label': `Remove ${p.nickname}`, title: 'Remove',
          onclick: () => void ctx.command({ type: 'kick', playerId: p.playerId }) }, '✕'))));
    replace(count, h('span', { class: 'num', id: 'player-count' }, String(view.playerCount)), h('span', { class: 'lbl' }, view.playerCount === 1 ? 'player' : 'players'));
    lockBtn.textContent = view.locked ? 'Locked: let players in' : 'Lock the room';
    lockBtn.setAttribute('aria-pressed', String(view.locked));
  };
  mountScreen('projector', h('div', { class: 'page wide', id: 'host-lobby' },
    h('div', { class: 'lobby-grid' },
      h('div', { class: 'stack', style: 'align-items:center' }, qr, h('p', { class: 'muted center' }, 'Scan to join')),
      h('div', { class: 'stack' },
        h('p', { class: 'muted big', style: 'margin:0' }, 'Join at ', hostText, ' with the code'),
        h('div', { class: 'host-code', id: 'room-code-display', 'aria-label': `Game code ${v.code.split('').join(' ')}` }, v.code),
        urlText,
        h('div', { class: 'row', style: 'margin-top:1vh' }, count, startBtn, lockBtn, playLink(v.mode)),
        players))));
  paint();
  startBtn.focus();
  return { update: paint, destroy: () => undefined };
}

/** Party mode: the host plays too, in a second tab that resumes the seat created with the room. */
export function playLink(mode: 'classroom' | 'party'): HTMLElement | null {
  if (mode !== 'party') return null;
  return h('a', { class: 'button', href: '/#/play', target: '_blank', rel: 'noopener', id: 'open-my-seat' }, 'Open my answer screen ↗');
}
