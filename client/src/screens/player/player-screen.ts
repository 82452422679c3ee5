/**
 * The player's session on a phone: join or resume a seat, follow the room's phase, answer, and come back to the
 * right screen after a reload or a network blip (the resume token is kept in storage).
 */
import type { SeatGrant } from '../../../../shared/protocol';
import { h, mountScreen, toast } from '../../app/dom';
import { saveResume, resumeInfo } from '../../app/session';
import { Connection, errorMessage } from '../../net/connection';
import { SeatSession } from '../../app/seat-session';
import { goHome } from '../../app/navigate';
import { loadPhaseModules, renderPhase } from './player-phases';
import type { PhaseScreen, PlayerContext } from './player-shell';

let active: PlayerSession | null = null;

/** Joins room `code` as `nickname`; `onError` shows a refusal on the join form. */
export async function joinGame(code: string, nickname: string, onError: (msg: string) => void): Promise<void> {
  active?.close();
  const conn = new Connection();
  const res = await conn.request('room:join', { code, nickname });
  if (!res.ok) {
    conn.close();
    onError(errorMessage(res.error));
    return;
  }
  // A party room: every player, on a laptop or a phone, gets the one-screen party page.
  if (res.data.state.party !== undefined) return (await import('../party/party-screen')).joinPartySession(conn, code, res.data, nickname);
  saveResume('player', { code, token: res.data.resumeToken, nickname });
  history.replaceState(null, '', '#/play');
  active = new PlayerSession(conn, code, res.data);
}

/** Picks the seat saved in storage back up (after a reload). */
export async function resumePlayer(): Promise<void> {
  const info = resumeInfo('player');
  if (!info) return goHome();
  if (active && active.code === info.code) return active.redraw();
  active?.close();
  mountScreen('phone', h('div', { class: 'page narrow waiting' }, h('p', { class: 'big' }, 'Reconnecting to your game…')));
  const conn = new Connection();
  const res = await conn.request('room:resume', { code: info.code, resumeToken: info.token });
  if (!res.ok) {
    conn.close();
    if (res.error !== 'timeout' && res.error !== 'offline') saveResume('player', null);
    goHome(info.code);
    toast(errorMessage(res.error));
    return;
  }
  active = new PlayerSession(conn, info.code, res.data);
}

class PlayerSession extends SeatSession<PhaseScreen> implements PlayerContext {
  constructor(conn: Connection, code: string, grant: SeatGrant) {
    super(conn, code, grant, '#/play');
    this.redraw();
    void loadPhaseModules().catch(() => undefined);
  }

  protected render(): PhaseScreen {
    return renderPhase(this);
  }

  protected left(): void {
    active = null;
  }
}
