/**
 * A party player's session: one page per player, the creator included. The page holds a seat (answers, ready
 * signal) and, for the creator, the host key on the same socket (start, skip, next, end), so there is no second
 * tab. Friends join with the room's URL; a reload of `#/party` resumes the seat (and re-claims the host key when
 * this browser created the room).
 */
import type { HostCommand, HostView, SeatGrant } from '../../../../shared/protocol';
import { h, mountScreen, toast } from '../../app/dom';
import { resumeInfo, saveResume } from '../../app/session';
import { Connection, errorMessage } from '../../net/connection';
import { SeatSession } from '../../app/seat-session';
import { HostKey } from '../../app/host-key';
import { goHome } from '../../app/navigate';
import { renderPartyPhase } from './party-phases';
import type { PartyContext, PartyScreen } from './party-shell';

let active: PartySession | null = null;

/** True when a seat's first view says the room is a party (every party view carries the group). */
export function isPartyGrant(grant: SeatGrant): boolean {
  return grant.state.party !== undefined;
}

/** Adopts the creator's seat and host key, both taken by `room:create` on `conn`. */
export function startPartySession(conn: Connection, code: string, hostSecret: string, host: HostView, grant: SeatGrant, nickname: string): void {
  active?.close();
  saveResume('player', { code, token: grant.resumeToken, nickname });
  history.replaceState(null, '', '#/party');
  active = new PartySession(conn, code, grant, { secret: hostSecret, view: host });
}

/** Adopts a friend's seat, taken by `room:join` on `conn`. */
export function joinPartySession(conn: Connection, code: string, grant: SeatGrant, nickname: string): void {
  active?.close();
  saveResume('player', { code, token: grant.resumeToken, nickname });
  history.replaceState(null, '', '#/party');
  active = new PartySession(conn, code, grant, null);
}

/** Picks the saved seat back up after a reload; the creator's browser re-claims the host key too. */
export async function resumeParty(): Promise<void> {
  const info = resumeInfo('player');
  if (!info) return goHome();
  if (active && active.code === info.code) return active.redraw();
  active?.close();
  mountScreen('page', h('div', { class: 'page narrow waiting' }, h('p', { class: 'big' }, 'Reconnecting to your party…')));
  const conn = new Connection();
  const res = await conn.request('room:resume', { code: info.code, resumeToken: info.token });
  if (!res.ok) {
    conn.close();
    if (res.error !== 'timeout' && res.error !== 'offline') saveResume('player', null);
    history.replaceState(null, '', '#/');
    goHome(info.code);
    toast(errorMessage(res.error));
    return;
  }
  const hostInfo = resumeInfo('host');
  let host: { secret: string; view: HostView } | null = null;
  if (hostInfo && hostInfo.code === info.code) {
    const claimed = await conn.request('host:claim', { code: info.code, hostSecret: hostInfo.token });
    if (claimed.ok) host = { secret: hostInfo.token, view: claimed.data };
  }
  active = new PartySession(conn, info.code, res.data, host);
}

class PartySession extends SeatSession<PartyScreen> implements PartyContext {
  /** The creator's host key on the same connection; null on a friend's page. */
  private readonly hostKey: HostKey | null;
  protected override redrawOffRoute = false;

  constructor(conn: Connection, code: string, grant: SeatGrant, host: { secret: string; view: HostView } | null) {
    super(conn, code, grant, '#/party');
    // The seat's state stream redraws the page; the host view only updates the creator's controls.
    this.hostKey = host ? new HostKey(conn, code, host.secret, host.view, () => this.screen?.update()) : null;
    this.redraw();
  }

  get host(): HostView | null {
    return this.hostKey?.view ?? null;
  }

  get hostSecret(): string | null {
    return this.hostKey?.secret ?? null;
  }

  get isCreator(): boolean {
    return this.hostKey !== null;
  }

  protected render(): PartyScreen {
    return renderPartyPhase(this);
  }

  protected override async afterResume(): Promise<void> {
    await this.hostKey?.claim();
  }

  protected override forget(): void {
    this.hostKey?.forget();
  }

  protected left(): void {
    active = null;
  }

  async ready(): Promise<boolean> {
    const s = this.state;
    if (s.phase !== 'reveal' && s.phase !== 'leaderboard') return false;
    const res = await this.conn.request('party:ready', { expect: { phase: s.phase, index: s.index } });
    if (!res.ok && res.error !== 'stale-command') toast(errorMessage(res.error));
    return res.ok;
  }

  command(cmd: HostCommand): Promise<boolean> {
    return this.hostKey ? this.hostKey.command(cmd) : Promise.resolve(false);
  }

  /** Skip or next, guarded with the screen the player is looking at, so a double click moves on once. */
  advance(type: 'skip' | 'next'): Promise<boolean> {
    const s = this.state;
    return this.command(s.phase === 'lobby' || s.phase === 'finished' ? { type } : { type, expect: { phase: s.phase, index: s.index } });
  }
}
