/**
 * A page's hold on one room: the connection, the screen for the room's phase (redrawn when the phase or question
 * changes, updated otherwise, drawn only while the page is on its route), coming back after a network blip, and
 * closing. What the page holds in the room is its role: a seat (seat-session.ts: the phone and the party page)
 * and/or the host key (host-key.ts: the projector and the party creator). One place for all three pages, so they
 * cannot drift apart again (docs/architecture.md, "room session").
 */
import type { HostView, PlayerPhaseView } from '../../../shared/protocol';
import type { Connection } from '../net/connection';
import { toast } from './dom';

/** A mounted phase screen: `update` redraws what changed within the phase (you, counts). */
export interface SessionScreen {
  update(): void;
  destroy(): void;
}

export interface RoomSessionOptions {
  /** Say "Connection lost" when the connection drops (the projector, where nobody looks at a status line). */
  announceLost?: boolean;
}

export abstract class RoomSession<Screen extends SessionScreen> {
  protected screen: Screen | null = null;
  private screenKey = '';
  /** Whether a new view of the same phase redraws when the page is not on the session's route. */
  protected redrawOffRoute = true;

  /** `route`: the page's hash (`#/play`, `#/party`, `#/host`); the session draws only while the page is there. */
  constructor(
    readonly conn: Connection,
    readonly code: string,
    private readonly route: string,
    opts: RoomSessionOptions = {},
  ) {
    conn.onReconnect(() => void this.afterReconnect());
    conn.onStatus((s, message) => {
      document.body.classList.toggle('offline', s === 'reconnecting');
      if (s === 'reconnecting' && opts.announceLost) toast('Connection lost. Reconnecting…', 2500);
      if (s === 'refused' && message) toast(message, 8000);
    });
  }

  /** The screen for the current phase. */
  protected abstract render(): Screen;

  /** The phase and question the page shows: the screen is redrawn when this changes, updated otherwise. */
  protected abstract phaseKey(): string;

  /** After the connection came back on a new socket: take the seat or the host key back. */
  protected abstract afterReconnect(): Promise<void>;

  /** The page's module forgets this session (its `active` session). */
  protected abstract left(): void;

  /** Draws the screen for the current phase (the page may have gone elsewhere, e.g. home: then nothing). */
  redraw(): void {
    if (!location.hash.startsWith(this.route)) return;
    this.screen?.destroy();
    this.screenKey = this.phaseKey();
    this.screen = this.render();
  }

  close(): void {
    this.screen?.destroy();
    this.conn.close();
  }

  /** A new view arrived: a new phase or question is drawn afresh, the same one updated. */
  protected show(): void {
    const offRoute = this.redrawOffRoute && !location.hash.startsWith(this.route);
    if (this.phaseKey() !== this.screenKey || offRoute) this.redraw();
    else this.screen?.update();
  }
}

/** The key of a view's phase and question (lobby and finished have no question). */
export function phaseKeyOf(v: PlayerPhaseView | HostView): string {
  return 'index' in v ? `${v.phase}:${v.index}` : v.phase;
}
