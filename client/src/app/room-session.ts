/**
 * A seat in a room, as a page holds it: the connection, the room's state stream (`state`, `you`), answering,
 * coming back after a network blip (the seat's resume token, kept in storage by session.ts) and leaving. The
 * phone (player-screen.ts) and the party page (party-screen.ts) are this session with their own screens; the
 * party page adds the creator's host key. One place, so the two cannot drift apart again.
 */
import type { AnswerState, PlayerPhaseView, SeatGrant, SubmitAnswer, YouView } from '../../../shared/protocol';
import { errorMessage, SubmissionKeys, type Connection, type Result } from '../net/connection';
import { toast } from './dom';
import { goHome } from './navigate';
import { resumeInfo, saveResume } from './session';

/** A mounted phase screen: `update` redraws what changed within the phase (you, counts). */
export interface SessionScreen {
  update(): void;
  destroy(): void;
}

export abstract class RoomSession<Screen extends SessionScreen> {
  state: PlayerPhaseView;
  you: YouView;
  protected screen: Screen | null = null;
  private screenKey = '';
  /** The idempotency key of each answer sent (the same answer sent again keeps its key). */
  private readonly keys = new SubmissionKeys();

  /** `route`: the page's hash (`#/play`, `#/party`); the session draws only while the page is there. */
  constructor(
    readonly conn: Connection,
    readonly code: string,
    grant: SeatGrant,
    private readonly route: string,
  ) {
    this.state = grant.state;
    this.you = grant.you;
    conn.on('state', (s) => this.setState(s));
    conn.on('you', (y) => {
      this.you = y;
      this.screen?.update();
    });
    conn.on('kicked', () => this.leave('The host removed you from this game.'));
    conn.onReconnect(() => void this.resume());
    conn.onStatus((s, message) => {
      document.body.classList.toggle('offline', s === 'reconnecting');
      if (s === 'refused' && message) toast(message, 8000);
    });
  }

  /** The screen for the current phase. */
  protected abstract render(): Screen;

  /** After the seat came back on a new connection (the party creator re-claims the host key here). */
  protected afterResume(): Promise<void> {
    return Promise.resolve();
  }

  /** On leaving for good, before the connection closes (the party creator forgets the host key here). */
  protected forget(): void {}

  /** Whether a new state of the same phase redraws when the page is not on the session's route. */
  protected redrawOffRoute = true;

  /** Draws the screen for the current phase (the page may have gone elsewhere, e.g. home: then nothing). */
  redraw(): void {
    if (!location.hash.startsWith(this.route)) return;
    this.screen?.destroy();
    this.screenKey = keyOf(this.state);
    this.screen = this.render();
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

  close(): void {
    this.screen?.destroy();
    this.conn.close();
  }

  /** The page's module forgets this session (its `active` session). */
  protected abstract left(): void;

  private setState(s: PlayerPhaseView): void {
    this.state = s;
    if (s.phase === 'question') this.conn.hintServerNow(s.timer.serverNow);
    const offRoute = this.redrawOffRoute && !location.hash.startsWith(this.route);
    if (keyOf(s) !== this.screenKey || offRoute) this.redraw();
    else this.screen?.update();
  }

  private async resume(): Promise<void> {
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
    this.redraw();
  }
}

/** A phase screen is redrawn when this changes, updated otherwise. */
function keyOf(s: PlayerPhaseView): string {
  return s.phase === 'lobby' || s.phase === 'finished' ? s.phase : `${s.phase}:${s.index}`;
}
