/**
 * The player's session on a phone: join or resume a seat, follow the room's phase, answer, and come back to the
 * right screen after a reload or a network blip (the resume token is kept in storage).
 */
import type { PlayerPhaseView, SeatGrant, YouView } from '../../../../shared/protocol';
import { h, mountScreen, toast } from '../../app/dom';
import { saveResume, resumeInfo } from '../../app/session';
import { Connection, errorMessage, SubmissionKeys, type Result } from '../../net/connection';
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

class PlayerSession implements PlayerContext {
  state: PlayerPhaseView;
  you: YouView;
  private screen: PhaseScreen | null = null;
  private screenKey = '';
  /** The idempotency key of each answer sent (the same answer sent again keeps its key). */
  private readonly keys = new SubmissionKeys();

  constructor(readonly conn: Connection, readonly code: string, grant: SeatGrant) {
    this.state = grant.state;
    this.you = grant.you;
    conn.on('state', (s) => this.setState(s));
    conn.on('you', (y) => this.setYou(y));
    conn.on('kicked', () => this.leave('The host removed you from this game.'));
    conn.onReconnect(() => void this.resume());
    conn.onStatus((s, message) => {
      document.body.classList.toggle('offline', s === 'reconnecting');
      if (s === 'refused' && message) toast(message, 8000);
    });
    this.redraw();
    void loadPhaseModules().catch(() => undefined);
  }

  redraw(): void {
    // The player went back to another screen (e.g. home): keep the seat, draw nothing until they return.
    if (!location.hash.startsWith('#/play')) return;
    this.screen?.destroy();
    this.screenKey = keyOf(this.state);
    this.screen = renderPhase(this);
  }

  /** Sends an answer for the open question; the screen shows the verdicts from the ack. */
  submit(payload: Parameters<PlayerContext['submit']>[0]): ReturnType<PlayerContext['submit']> {
    // Keyed and resent while its outcome is unknown: an answer counts once, and is never refused for itself.
    return this.conn.requestOnce('answer:submit', { ...payload, key: this.keys.for(payload) }).then((res) => {
      if (res.ok && this.you) this.you = { ...this.you, answer: res.data };
      return res;
    });
  }

  leave(message?: string): void {
    saveResume('player', null);
    void this.conn.request('room:leave', {}, 1500).finally(() => this.close());
    active = null;
    history.replaceState(null, '', '#/');
    goHome();
    if (message) toast(message, 6000);
  }

  close(): void {
    this.screen?.destroy();
    this.conn.close();
  }

  private setState(s: PlayerPhaseView): void {
    this.state = s;
    if (s.phase === 'question') this.conn.hintServerNow(s.timer.serverNow);
    if (keyOf(s) !== this.screenKey || !location.hash.startsWith('#/play')) this.redraw();
    else this.screen?.update();
  }

  private setYou(y: YouView): void {
    this.you = y;
    this.screen?.update();
  }

  private async resume(): Promise<void> {
    const info = resumeInfo('player');
    if (!info) return;
    const res: Result<SeatGrant> = await this.conn.request('room:resume', { code: info.code, resumeToken: info.token });
    if (!res.ok) {
      if (res.error === 'bad-token' || res.error === 'room-not-found' || res.error === 'kicked') this.leave(errorMessage(res.error));
      return;
    }
    this.you = res.data.you;
    this.state = res.data.state;
    this.redraw();
  }
}

function keyOf(s: PlayerPhaseView): string {
  return s.phase === 'lobby' || s.phase === 'finished' ? s.phase : `${s.phase}:${s.index}`;
}
