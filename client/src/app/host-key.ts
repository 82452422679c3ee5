/**
 * The host key as a page holds it (the projector, host-screen.ts, and the party creator, party-screen.ts): the
 * host's view stream (`host:state`, `host:progress`), claiming the room again with the key, host commands, and
 * forgetting the key. The key stays in this browser (session.ts); the server keeps only its hash.
 */
import type { HostCommand, HostView } from '../../../shared/protocol';
import { errorMessage, type Connection, type Result } from '../net/connection';
import { rememberFinished } from '../screens/host/remember-finished';
import { toast } from './dom';
import { saveResume } from './session';

export class HostKey {
  view: HostView;

  /** `changed`: called after the stream brought a new view or new counts. */
  constructor(
    private readonly conn: Connection,
    private readonly code: string,
    readonly secret: string,
    view: HostView,
    changed: () => void,
  ) {
    this.view = view;
    conn.hintServerNow(view.serverNow);
    rememberFinished(view, secret);
    conn.on('host:state', (v) => {
      this.set(v);
      changed();
    });
    conn.on('host:progress', (p) => {
      if (this.view.phase !== 'question' || p.index !== this.view.index) return;
      this.view = { ...this.view, answered: p.answered, drafts: p.drafts ?? 0, connectedCount: p.connected, playerCount: p.players };
      changed();
    });
  }

  /** Claims the room again with the key (after a reconnection); the view is the room's as it is now. */
  async claim(): Promise<Result<HostView>> {
    const res = await this.conn.request('host:claim', { code: this.code, hostSecret: this.secret });
    if (res.ok) this.set(res.data);
    return res;
  }

  /** Sends a host command; a refusal other than a stale one is shown. True when it was applied. */
  async command(cmd: HostCommand): Promise<boolean> {
    const res = await this.conn.request('host:command', cmd);
    if (!res.ok) {
      if (res.error !== 'stale-command') toast(errorMessage(res.error));
      return false;
    }
    this.set(res.data);
    return true;
  }

  /** Forgets the saved key (a new game, or the creator leaving the party). */
  forget(): void {
    saveResume('host', null);
  }

  private set(v: HostView): void {
    // A finished game goes on this browser's list of hosted games once, with its host key for the report.
    if (v.phase === 'finished' && this.view.phase !== 'finished') rememberFinished(v, this.secret);
    this.view = v;
    this.conn.hintServerNow(v.serverNow);
  }
}
