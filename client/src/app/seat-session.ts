/**
 * A seat in a room, as a page holds it: the room's state stream (`state`, `you`), answering, resuming the seat
 * after a network blip (the resume token, kept in storage by session.ts) and leaving. The phone (player-screen.ts)
 * and the party page (party-screen.ts) are this session with their own screens; the party page adds the
 * creator's host key (host-key.ts).
 */
import type { AnswerState, PlayerPhaseView, SeatGrant, SubmitAnswer, YouView } from '../../../shared/protocol';
import { errorMessage, SubmissionKeys, type Connection, type Result } from '../net/connection';
import { toast } from './dom';
import { goHome } from './navigate';
import { phaseKeyOf, RoomSession, type SessionScreen } from './room-session';
import { resumeInfo, saveResume } from './session';

export abstract class SeatSession<Screen extends SessionScreen> extends RoomSession<Screen> {
  state: PlayerPhaseView;
  you: YouView;
  /** The idempotency key of each answer sent (the same answer sent again keeps its key). */
  private readonly keys = new SubmissionKeys();
  /**
   * The phase (phaseKeyOf) in which `you` was last sent. The server sends a phase's view to the room and then each
   * player's own `you` (server/room-runtime/shell.ts, in slices in a large room), so for a moment a reveal can be
   * on screen with the `you` of the question before it: without the answer that closed the round, or the typing
   * taken at time-up. A reveal waits for its own `you` (youSettled) rather than saying "No answer".
   */
  private youPhase: string;

  constructor(conn: Connection, code: string, grant: SeatGrant, route: string) {
    super(conn, code, route);
    this.state = grant.state;
    this.you = grant.you;
    this.youPhase = phaseKeyOf(grant.state);
    conn.on('state', (s) => this.setState(s));
    conn.on('you', (y) => {
      this.you = y;
      this.youPhase = phaseKeyOf(this.state);
      this.screen?.update();
    });
    conn.on('kicked', () => this.leave('The host removed you from this game.'));
  }

  /** After the seat came back on a new connection (the party creator re-claims the host key here). */
  protected afterResume(): Promise<void> {
    return Promise.resolve();
  }

  /** On leaving for good, before the connection closes (the party creator forgets the host key here). */
  protected forget(): void {}

  /** Whether `you` was sent in the phase on screen (see youPhase). */
  get youSettled(): boolean {
    return this.youPhase === phaseKeyOf(this.state);
  }

  protected phaseKey(): string {
    return phaseKeyOf(this.state);
  }

  /** Sends an answer for the open question; the screen shows the verdicts from the ack. */
  submit(payload: SubmitAnswer): Promise<Result<AnswerState>> {
    // Keyed and resent while its outcome is unknown: an answer counts once, and is never refused for itself.
    return this.conn.requestOnce('answer:submit', { ...payload, key: this.keys.for(payload) }).then((res) => {
      if (res.ok) this.you = { ...this.you, answer: res.data };
      return res;
    });
  }

  leave(message?: string): void {
    saveResume('player', null);
    this.forget();
    void this.conn.request('room:leave', {}, 1500).finally(() => this.close());
    this.left();
    history.replaceState(null, '', '#/');
    goHome();
    if (message) toast(message, 6000);
  }

  private setState(s: PlayerPhaseView): void {
    this.state = s;
    if (s.phase === 'question') this.conn.hintServerNow(s.timer.serverNow);
    this.show();
  }

  /** Resumes the seat with the saved resume token (glossary: resume a seat). */
  protected async afterReconnect(): Promise<void> {
    const info = resumeInfo('player');
    if (!info) return;
    const res = await this.conn.request('room:resume', { code: info.code, resumeToken: info.token });
    if (!res.ok) {
      if (res.error === 'bad-token' || res.error === 'room-not-found' || res.error === 'kicked') this.leave(errorMessage(res.error));
      return;
    }
    await this.afterResume();
    this.you = res.data.you;
    this.state = res.data.state;
    this.youPhase = phaseKeyOf(res.data.state);
    this.redraw();
  }
}
