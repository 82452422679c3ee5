/**
 * The host's session (teacher laptop on a projector): create or re-claim a room, follow HostView snapshots,
 * send commands (guarded with `expect` so a double click cannot skip twice), re-claim after a network blip.
 */
import type { HostCommand, HostView } from '../../../../shared/protocol';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../../../shared/protocol/schemas';
import { h, mountScreen, toast } from '../../app/dom';
import { resumeInfo, saveResume } from '../../app/session';
import { Connection, errorMessage, settingsTimeout } from '../../net/connection';
import { DRILL_SETTINGS } from '../../../../shared/drill/preset';
import { goHome } from '../../app/navigate';
import type { HostContext, HostScreen } from './host-context';
import { renderHostPhase } from './host-phases';
import { BoardHistory } from './board-history';
import { rememberFinished } from './remember-finished';
import './host.css';
import { showSetup } from './setup-page';
import { startPartySession } from '../party/party-screen';

let active: HostSession | null = null;

const PARTY_SETTINGS: RoomSettings = {
  ...DEFAULT_SETTINGS,
  source: { kind: 'generated', families: ['backprop', 'jacobian', 'nested'], difficulty: 3 },
  questionCount: 8,
  leaderboardEvery: 2,
};

/**
 * Shows the setup page, then creates the room with its settings and shows the lobby. Party mode needs the host's
 * own nickname: they play too. `preset` 'drill' starts from the interview drill's settings.
 */
export function createGame(mode: 'classroom' | 'party', onError: (msg: string) => void, nickname?: string, preset?: 'drill'): Promise<void> {
  active?.close();
  active = null;
  // The interview drill (home page's party form) opens the setup page with the drill's settings.
  const initial = preset === 'drill' ? DRILL_SETTINGS : mode === 'party' ? PARTY_SETTINGS : DEFAULT_SETTINGS;
  showSetup(mode, initial, async (settings) => {
    const conn = new Connection();
    const res = await conn.request('room:create', nickname ? { mode, settings, nickname } : { mode, settings }, settingsTimeout(settings));
    if (!res.ok) {
      conn.close();
      onError(errorMessage(res.error));
      return errorMessage(res.error);
    }
    saveResume('host', { code: res.data.code, token: res.data.hostSecret });
    // Party mode: the creator plays on the one party page, with the host key and the seat on this connection.
    if (mode === 'party' && res.data.player && nickname) {
      startPartySession(conn, res.data.code, res.data.hostSecret, res.data.host, res.data.player, nickname);
      return null;
    }
    history.replaceState(null, '', '#/host');
    active = new HostSession(conn, res.data.code, res.data.hostSecret, res.data.host);
    return null;
  });
  return Promise.resolve();
}

/** Re-claims the room saved in storage (after a reload of the host page). */
export async function resumeHost(): Promise<void> {
  const info = resumeInfo('host');
  if (!info) return goHome();
  if (active && active.code === info.code) return active.redraw();
  mountScreen('projector', h('div', { class: 'page wide waiting' }, h('p', { class: 'big' }, 'Reconnecting to your game…')));
  const conn = new Connection();
  const res = await conn.request('host:claim', { code: info.code, hostSecret: info.token });
  if (!res.ok) {
    conn.close();
    if (res.error !== 'timeout' && res.error !== 'offline') saveResume('host', null);
    history.replaceState(null, '', '#/');
    goHome();
    toast(errorMessage(res.error));
    return;
  }
  active = new HostSession(conn, info.code, info.token, res.data);
}

class HostSession implements HostContext {
  private screen: HostScreen | null = null;
  private screenKey = '';
  readonly history = new BoardHistory();

  constructor(readonly conn: Connection, readonly code: string, readonly hostSecret: string, public view: HostView) {
    conn.hintServerNow(view.serverNow);
    conn.on('host:state', (v) => this.setView(v));
    conn.on('host:progress', (p) => {
      if (this.view.phase === 'question' && p.index === this.view.index) {
        this.view = { ...this.view, answered: p.answered, drafts: p.drafts ?? 0, connectedCount: p.connected, playerCount: p.players };
        this.screen?.update();
      }
    });
    conn.onReconnect(() => void this.reclaim());
    rememberFinished(view, hostSecret);
    conn.onStatus((s, message) => {
      document.body.classList.toggle('offline', s === 'reconnecting');
      if (s === 'reconnecting') toast('Connection lost. Reconnecting…', 2500);
      if (s === 'refused' && message) toast(message, 8000);
    });
    this.redraw();
  }

  redraw(): void {
    // The host went back to another screen: keep the room, draw nothing until they return.
    if (!location.hash.startsWith('#/host')) return;
    this.screen?.destroy();
    this.screenKey = keyOf(this.view);
    this.screen = renderHostPhase(this);
  }

  async command(cmd: HostCommand): Promise<boolean> {
    const res = await this.conn.request('host:command', cmd);
    if (!res.ok) {
      if (res.error !== 'stale-command') toast(errorMessage(res.error));
      return false;
    }
    this.setView(res.data);
    return true;
  }

  /** A guarded skip/next: acts only if the room is still where this screen shows it. */
  advance(type: 'skip' | 'next'): Promise<boolean> {
    const v = this.view;
    const expect = 'index' in v ? { phase: v.phase, index: v.index } : undefined;
    return this.command(expect ? { type, expect } : { type });
  }

  newGame(): void {
    saveResume('host', null);
    this.close();
    active = null;
    history.replaceState(null, '', '#/');
    goHome();
  }

  close(): void {
    this.screen?.destroy();
    this.conn.close();
  }

  private setView(v: HostView): void {
    if (v.phase === 'finished' && this.view.phase !== 'finished') rememberFinished(v, this.hostSecret);
    this.view = v;
    this.conn.hintServerNow(v.serverNow);
    if (keyOf(v) !== this.screenKey) this.redraw();
    else this.screen?.update();
  }

  private async reclaim(): Promise<void> {
    const res = await this.conn.request('host:claim', { code: this.code, hostSecret: this.hostSecret });
    if (res.ok) this.setView(res.data);
    else toast(errorMessage(res.error));
  }
}

function keyOf(v: HostView): string {
  return 'index' in v ? `${v.phase}:${v.index}` : v.phase;
}
