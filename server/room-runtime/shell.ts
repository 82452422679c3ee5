/**
 * The thin shell around one room's pure state machine: it applies transitions and performs their effects
 * (emits through a transport, timers through the clock, the report through the store). It sees the network
 * only through `RoomTransport`, so the same shell runs under Socket.IO and in tests.
 */
import type { ServerToClientEvents } from '../../shared/protocol';
import type { Clock, Disposable } from '../clock';
import type { ErrorLog } from '../log';
import { transition } from '../rooms/machine';
import { getEntry } from '../rooms/table';
import type { PlayerRecord, RoomDeps, RoomEffect, RoomEvent, RoomState, Transition } from '../rooms/types';
import { hostProgress, hostView, playerPhaseView, youView } from '../rooms/views';

type Emit = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

export interface RoomTransport {
  /** Sends to every player socket of the room at once (one encode, one broadcast). */
  players: Emit;
  player(playerId: string): Emit;
  host: Emit;
  /** Removes a kicked player's sockets from the room. */
  drop(playerId: string): void;
}

/**
 * One accepted event on its way to disk; `seq` counts the room's events. `phaseChanged`: a quiet moment follows
 * (reveal, next question, pause), a good time to fold the event log into a snapshot.
 */
export interface Durable {
  code: string;
  seq: number;
  at: number;
  event: RoomEvent;
  state: RoomState;
  phaseChanged: boolean;
}

export interface RoomSink {
  /** The game ended: keep its report. */
  finished(state: Extract<RoomState, { phase: 'finished' }>): void;
  /** An effect failed; the room goes on. The registry binds the room's code (a child logger per room). */
  error: ErrorLog;
  /**
   * Makes an accepted event durable before any effect (ack, emit) happens; throws if it could not, and the event
   * is then undone (the caller gets `internal`), so nobody is told of a change a crash would lose.
   */
  persist(change: Durable): void;
}

/** Coalescing windows: a class joining at once must not cost one full host snapshot per join. */
export const HOST_REFRESH_MS = 250;
export const LOBBY_REFRESH_MS = 500;
export const PROGRESS_MS = 250;
/** Per-player sends after a reveal go out in slices, so 2,000 of them do not hold the event loop at once. */
export const YOU_SLICE = 250;

export class RoomShell {
  private deadlineTimer: Disposable | null = null;
  private wakeTimer: Disposable | null = null;
  private readonly pending = new Map<'host' | 'lobby' | 'progress', Disposable>();
  private readonly slices = new Set<Disposable>();
  private closed = false;

  constructor(
    public state: RoomState,
    private readonly deps: RoomDeps,
    private readonly clock: Clock,
    private readonly transport: RoomTransport,
    private readonly sink: RoomSink,
    /** Events of this room already on disk (0 for a new room). */
    private seq = 0,
  ) {}

  get code(): string {
    return this.state.code;
  }

  /** Applies an event. Refusals change nothing; a bug becomes the `internal` refusal, never a thrown error. */
  dispatch(event: RoomEvent): Transition {
    if (this.closed) return { ok: false, error: 'room-closed' };
    let result: Transition;
    // One reading of the clock: the replay after a crash applies the event at the logged time, so the logged time
    // must be the one the transition saw (else an answer's points can differ by one after a restore).
    const now = this.clock.now();
    try {
      result = transition(this.state, event, now, this.deps);
    } catch (err) {
      this.sink.error(`transition ${event.type}`, err, { event: event.type });
      return { ok: false, error: 'internal' };
    }
    if (!result.ok) return result;
    // A re-check that changed nothing (a stale timer) is not worth a write.
    if (result.state !== this.state || event.type === 'restore') {
      const phaseChanged = event.type === 'restore' || result.effects.some((e) => e.type === 'phase');
      try {
        this.sink.persist({ code: this.state.code, seq: this.seq + 1, at: now, event, state: result.state, phaseChanged });
      } catch (err) {
        this.sink.error(`persist ${event.type}`, err, { event: event.type });
        return { ok: false, error: 'internal' };
      }
      this.seq++;
    }
    this.state = result.state;
    for (const effect of result.effects) this.perform(effect);
    return result;
  }

  /** The number of this room's events on disk. */
  get persisted(): number {
    return this.seq;
  }

  player(id: string): PlayerRecord | undefined {
    return getEntry(this.state.players, id);
  }

  close(): void {
    this.closed = true;
    this.cancelTimers();
    for (const t of this.pending.values()) t.dispose();
    this.pending.clear();
    for (const t of this.slices) t.dispose();
    this.slices.clear();
  }

  private perform(effect: RoomEffect): void {
    try {
      this.apply(effect);
    } catch (err) {
      this.sink.error(`effect ${effect.type}`, err);
    }
  }

  private apply(effect: RoomEffect): void {
    switch (effect.type) {
      case 'phase':
        return this.sendPhase();
      case 'you':
        return this.sendYou(effect.playerIds);
      case 'roster':
        this.later('host', HOST_REFRESH_MS, () => this.sendHost());
        if (this.state.phase === 'lobby') this.later('lobby', LOBBY_REFRESH_MS, () => this.sendLobby());
        return;
      case 'progress':
        return this.later('progress', PROGRESS_MS, () => this.sendProgress());
      case 'schedule':
        this.deadlineTimer?.dispose();
        this.deadlineTimer = this.clock.setTimeout(() => this.dispatch({ type: 'deadline' }), effect.at - this.clock.now());
        return;
      case 'wake':
        this.wakeTimer?.dispose();
        this.wakeTimer = this.clock.setTimeout(() => this.dispatch({ type: 'wake' }), effect.at - this.clock.now());
        return;
      case 'cancel-timer':
        return this.cancelTimers();
      case 'kicked':
        this.transport.player(effect.playerId)('kicked', { error: 'kicked' });
        this.transport.drop(effect.playerId);
        return;
      case 'seat-gone':
        this.transport.drop(effect.playerId);
        return;
      case 'finished':
        if (this.state.phase === 'finished') this.sink.finished(this.state);
        return;
      default:
        return assertNever(effect);
    }
  }

  private cancelTimers(): void {
    this.deadlineTimer?.dispose();
    this.deadlineTimer = null;
    this.wakeTimer?.dispose();
    this.wakeTimer = null;
  }

  private sendPhase(): void {
    const now = this.clock.now();
    const s = this.state;
    // Each player's question and reveal are built for their own variant.
    if ((s.phase === 'question' || s.phase === 'reveal') && s.settings.variants === 'per-player' && s.settings.source.kind === 'generated') {
      for (const id of s.order) {
        const p = getEntry(s.players, id);
        if (p) this.transport.player(id)('state', playerPhaseView(s, now, p));
      }
    } else {
      this.transport.players('state', playerPhaseView(s, now));
    }
    this.pending.get('host')?.dispose();
    this.pending.delete('host');
    this.sendHost();
  }

  private sendYou(ids: string[] | 'all', from = 0): void {
    const list = ids === 'all' ? this.state.order : ids;
    const end = Math.min(list.length, from + YOU_SLICE);
    for (let i = from; i < end; i++) {
      const id = list[i] as string;
      const p = getEntry(this.state.players, id);
      if (p?.connected) this.transport.player(id)('you', youView(this.state, p));
    }
    if (end >= list.length || this.closed) return;
    // The rest on a later turn of the event loop, built from the state current then.
    const slice = this.clock.setTimeout(() => {
      this.slices.delete(slice);
      this.perform({ type: 'you', playerIds: list.slice(end) });
    }, 0);
    this.slices.add(slice);
  }

  private sendHost(): void {
    this.transport.host('host:state', hostView(this.state, this.clock.now()));
  }

  private sendLobby(): void {
    if (this.state.phase === 'lobby') this.transport.players('state', playerPhaseView(this.state, this.clock.now()));
  }

  private sendProgress(): void {
    const progress = hostProgress(this.state);
    if (progress) this.transport.host('host:progress', progress);
  }

  /** Runs `fn` once after `ms`, however many times it is asked for meanwhile. */
  private later(key: 'host' | 'lobby' | 'progress', ms: number, fn: () => void): void {
    if (this.pending.has(key) || this.closed) return;
    this.pending.set(
      key,
      this.clock.setTimeout(() => {
        this.pending.delete(key);
        try {
          fn();
        } catch (err) {
          this.sink.error(`refresh ${key}`, err);
        }
      }, ms),
    );
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled effect: ${JSON.stringify(value)}`);
}
