/**
 * The host's page (teacher laptop on a projector): create or re-claim a room, then a RoomSession holding its host
 * key (app/host-key.ts): HostView snapshots, commands (guarded with `expect` so a double click cannot skip twice),
 * re-claim after a network blip.
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
import { HostKey } from '../../app/host-key';
import { phaseKeyOf, RoomSession } from '../../app/room-session';
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

/** The projector's session: the room's host key, the screen for the host view's phase, the board's history. */
class HostSession extends RoomSession<HostScreen> implements HostContext {
  readonly history = new BoardHistory();
  private readonly key: HostKey;
  protected override redrawOffRoute = false;

  constructor(conn: Connection, code: string, hostSecret: string, view: HostView) {
    super(conn, code, '#/host', { announceLost: true });
    this.key = new HostKey(conn, code, hostSecret, view, () => this.show());
    this.redraw();
  }

  get view(): HostView {
    return this.key.view;
  }

  get hostSecret(): string {
    return this.key.secret;
  }

  protected render(): HostScreen {
    return renderHostPhase(this);
  }

  protected phaseKey(): string {
    return phaseKeyOf(this.view);
  }

  async command(cmd: HostCommand): Promise<boolean> {
    const applied = await this.key.command(cmd);
    if (applied) this.show();
    return applied;
  }

  /** A guarded skip/next: acts only if the room is still where this screen shows it. */
  advance(type: 'skip' | 'next'): Promise<boolean> {
    const v = this.view;
    const expect = 'index' in v ? { phase: v.phase, index: v.index } : undefined;
    return this.command(expect ? { type, expect } : { type });
  }

  newGame(): void {
    this.key.forget();
    this.close();
    this.left();
    history.replaceState(null, '', '#/');
    goHome();
  }

  /** Claims the room again with the key (the view may have moved on while the connection was down). */
  protected async afterReconnect(): Promise<void> {
    const res = await this.key.claim();
    if (res.ok) this.show();
    else toast(errorMessage(res.error));
  }

  protected left(): void {
    active = null;
  }
}
