/**
 * The lobby on the projector, one 16:9 frame: the game's title and topics on top; the code in huge letters, the
 * join URL and a QR code big enough to scan from the back row; the players as they arrive, large, filling the
 * lower half (text, never HTML), each arrival with a pop; music while the class joins (lobby-music.ts, one sound
 * switch in the control bar); start / lock / kick. Settings were chosen on the setup page, out of sight.
 */
import QRCode from 'qrcode';
import { h, mountScreen, replace, toast } from '../../app/dom';
import { fetchJoinOrigin } from '../../app/join-origin';
import type { RoomSettings } from '../../../../shared/protocol/schemas';
import { familyLabel } from '../family-labels';
import { mistakeName } from '../../app/mistakes';
import { LEVELS } from './settings-form';
import type { HostContext, HostScreen } from './host-context';
import { startLobbyMusic } from './lobby-music';
import { bindLetterKeys, bindStepKeys, keyCap } from './step-keys';
import { extraTimePanel } from './extra-time-panel';
import { muteButton, play } from './sound';

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
  const players = h('ul', { class: 'players lobby-players', id: 'lobby-players', 'aria-live': 'polite' });
  let known = new Set(v.players.map((p) => p.playerId));
  const count = h('span', { class: 'stat' });
  const lockBtn = h('button', { type: 'button', id: 'lock-button', 'aria-keyshortcuts': 'L' });
  const startBtn = h('button', { type: 'button', class: 'primary', id: 'start-game', 'aria-keyshortcuts': 'ArrowRight Space' }, 'Start game ▶', keyCap('→'));
  const toggleLock = (): void => void ctx.command({ type: 'lock', locked: !ctx.view.locked });
  lockBtn.addEventListener('click', toggleLock);
  const extra = extraTimePanel(ctx);
  const start = async (): Promise<void> => {
    if (startBtn.disabled) return;
    if (ctx.view.playerCount === 0) return toast('Wait for at least one player to join.');
    startBtn.disabled = true;
    await ctx.command({ type: 'start' });
    startBtn.disabled = false;
  };
  startBtn.addEventListener('click', () => void start());
  const paint = (): void => {
    const view = ctx.view;
    const arrived = view.players.filter((p) => !known.has(p.playerId));
    if (arrived.length > 0) play('join');
    known = new Set(view.players.map((p) => p.playerId));
    replace(players, view.players.length === 0 ? h('li', { class: 'muted waiting-note' }, 'Waiting for players…') : view.players.map((p) =>
      h('li', { 'data-player': p.playerId, class: [p.connected ? '' : 'muted', arrived.includes(p) ? 'arrived' : ''].join(' ').trim() || null }, p.nickname,
        h('button', { type: 'button', class: 'ghost small', 'aria-label': `Remove ${p.nickname}`, title: 'Remove',
          onclick: () => void ctx.command({ type: 'kick', playerId: p.playerId }) }, '✕'))));
    replace(count, h('span', { class: 'num', id: 'player-count' }, String(view.playerCount)), h('span', { class: 'lbl' }, view.playerCount === 1 ? 'player' : 'players'));
    replace(lockBtn, view.locked ? 'Locked: let players in' : 'Lock the room', keyCap('L'));
    lockBtn.setAttribute('aria-pressed', String(view.locked));
    extra.paint();
  };
  mountScreen('projector', h('div', { class: 'host-shell', id: 'host-lobby' },
    h('header', { class: 'host-bar top lobby-title' },
      h('div', { class: 'lobby-heading' }, h('h1', { id: 'lobby-title' }, 'Chain Rule Arena'), h('p', { class: 'muted', id: 'lobby-topics' }, topicsLine(v.settings))),
      count),
    h('main', { class: 'lobby-main' },
      h('div', { class: 'lobby-grid' },
        h('div', { class: 'lobby-qr' }, qr, h('p', { class: 'muted center', style: 'margin:0' }, 'Scan to join')),
        h('div', { class: 'lobby-join' },
          h('p', { class: 'muted big', style: 'margin:0' }, 'Join at ', hostText, ' with the code'),
          h('div', { class: 'host-code', id: 'room-code-display', 'aria-label': `Game code ${v.code.split('').join(' ')}` }, v.code),
          urlText)),
      players),
    h('footer', { class: 'host-bar bottom', id: 'host-controls' }, startBtn, lockBtn, extra.el, playLink(v.mode),
      h('span', { class: 'spacer' }), muteButton())));
  paint();
  startBtn.focus();
  const music = startLobbyMusic();
  const unbindKeys = bindStepKeys({ next: () => void start(), back: () => undefined });
  const unbindLetters = bindLetterKeys({ l: toggleLock, x: () => extra.toggle() });
  return {
    update: paint,
    destroy: () => {
      unbindKeys();
      unbindLetters();
      music.stop();
    },
  };
}

/** "Nested chains (medium) · Backprop (hard) · 6 questions", for the lobby's heading. */
export function topicsLine(s: RoomSettings): string {
  const src = s.source;
  const aimed = s.followUp?.mistakes ?? [];
  // A follow-up round ("Practise these", server/rooms/follow-up.ts) says what it practises.
  const topics = aimed.length > 0
    ? [`Practice: ${aimed.map((m) => mistakeName(m)).join(', ')}`]
    : src.kind === 'generated'
      ? src.families.map((f) => `${familyLabel(f)} (${LEVELS[(src.difficulties?.[f] ?? src.difficulty) - 1] ?? ''})`)
      : ['Your own questions'];
  const count = s.source.kind === 'tasks' ? s.source.tasks.length : s.questionCount;
  return [...topics, `${count} question${count === 1 ? '' : 's'}`].join(' · ');
}

/** Party mode: the host plays too, in a second tab that resumes the seat created with the room. */
export function playLink(mode: 'classroom' | 'party'): HTMLElement | null {
  if (mode !== 'party') return null;
  return h('a', { class: 'button', href: '/#/play', target: '_blank', rel: 'noopener', id: 'open-my-seat' }, 'Open my answer screen ↗');
}
