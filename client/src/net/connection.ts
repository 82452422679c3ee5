/**
 * The one place that speaks Socket.IO. Typed with shared/protocol.ts; every request has an ack timeout; the
 * socket reconnects by itself after a network blip and tells the screens so they can resume their seat; the
 * server clock offset is measured with `time:ping` so countdowns follow the server's deadline, not the phone's.
 */
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  TASKS_ANSWER_MS,
  type Ack,
  type AckFn,
  type ClientToServerEvents,
  type RoomSettings,
  type ServerToClientEvents,
} from '../../../shared/protocol';
import { ERROR_MESSAGES, type ErrorCode } from '../../../shared/protocol/errors';

type ArenaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends AckFn<infer T> ? T : never;

/** A request's outcome: the server's ack, or a local failure (no ack in time, socket offline). */
export type Result<T> = Ack<T> | { ok: false; error: 'timeout' | 'offline'; detail?: string };

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export const REQUEST_TIMEOUT_MS = 8000;
/** How long an answer is sent again (same key) while its outcome is unknown, before the player is asked to retry. */
export const RESEND_BUDGET_MS = 45_000;
const RESEND_PAUSE_MS = 500;

/**
 * How long to wait for a request carrying `settings`: with own questions the server solves them first, and
 * answers within TASKS_ANSWER_MS (solved, or refused e.g. `tasks-unavailable`); a shorter wait would call a
 * room that is being made "no answer".
 */
export function settingsTimeout(settings: RoomSettings): number {
  return settings.source.kind === 'tasks' ? TASKS_ANSWER_MS + REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
}

const DEVICE_KEY = 'arena.device';

/**
 * This browser's device id (kept in localStorage): the server allows one seat per device per room and bars a
 * kicked device. Without storage (private mode), a fresh id per page load.
 */
export function deviceId(): string {
  const fresh = (): string => {
    const bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  try {
    const kept = localStorage.getItem(DEVICE_KEY);
    if (kept && /^[A-Za-z0-9_-]{8,100}$/.test(kept)) return kept;
    const id = fresh();
    localStorage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    return fresh();
  }
}

/** A random idempotency key (OpKeySchema: 24 characters of [A-Za-z0-9_-]); works without a secure context. */
export function newKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * One key per submission: the same payload asked for again (the player presses Send after a failure whose
 * outcome was unknown) gets the key it had, so the server recognises it as the same submission.
 */
export class SubmissionKeys {
  private last: { body: string; key: string } | null = null;

  for(payload: object): string {
    const body = JSON.stringify(payload);
    if (this.last?.body !== body) this.last = { body, key: newKey() };
    return this.last.key;
  }
}

/** No answer, or `unconfirmed`: the request may or may not have been applied, and resending it (same key) is safe. */
export function outcomeUnknown(res: Result<unknown>): boolean {
  return !res.ok && (res.error === 'timeout' || res.error === 'offline' || res.error === 'unconfirmed');
}

/** A message for a person for any refusal or local failure. */
export function errorMessage(error: ErrorCode | 'timeout' | 'offline'): string {
  if (error === 'timeout') return 'The server did not answer in time. Check your connection and try again.';
  if (error === 'offline') return 'You are offline. Reconnecting…';
  return ERROR_MESSAGES[error] ?? 'Something went wrong.';
}

/** A live connection to the game server (same origin as the page). */
export class Connection {
  private readonly socket: ArenaSocket;
  private offsetMs = 0;
  private connectedOnce = false;
  private readonly reconnectHandlers = new Set<() => void>();
  private readonly statusHandlers = new Set<(s: ConnectionStatus, message?: string) => void>();

  constructor(url: string = location.origin) {
    this.socket = io(url, {
      auth: { protocolVersion: PROTOCOL_VERSION, deviceId: deviceId() },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => {
      // A server-side disconnect does not auto-reconnect in socket.io; a blip does.
      if (reason === 'io server disconnect') this.socket.connect();
      this.emitStatus('reconnecting');
    });
    // A planned restart: say so now; the socket comes back by itself and the screens resume their seat.
    this.socket.on('server:restarting', (info) => this.emitStatus('reconnecting', info.message));
    this.socket.on('connect_error', (err: Error) => {
      if (err.message === 'version-mismatch' || err.message === 'rate-limited') {
        this.emitStatus('refused', errorMessage(err.message));
      } else this.emitStatus('reconnecting');
    });
  }

  /** Resolves once connected (or rejects after `timeoutMs`). */
  ready(timeoutMs = 10_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Could not reach the game server.')), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sends a client→server event and waits for its ack (or a timeout). Never throws. */
  async request<E extends EventName>(event: E, payload: PayloadOf<E>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Result<DataOf<E>>> {
    if (!this.socket.connected) {
      try {
        await this.ready(timeoutMs);
      } catch {
        return { ok: false, error: 'offline' };
      }
    }
    try {
      // The typed emitWithAck cannot infer the ack through the generic event name; the shapes are the protocol's.
      const timed = this.socket.timeout(timeoutMs);
      const emit = timed.emitWithAck.bind(timed) as unknown as (e: E, p: PayloadOf<E>) => Promise<Ack<DataOf<E>>>;
      const res = await emit(event, payload);
      if (res && typeof res === 'object' && 'ok' in res) return res;
      return { ok: false, error: 'internal' };
    } catch {
      return { ok: false, error: 'timeout' };
    }
  }

  /**
   * Sends a request that carries an idempotency key and sends it again, unchanged, while its outcome is unknown
   * (no ack, offline, `unconfirmed`), for up to `budgetMs`: the server applies it at most once, so the answer that
   * finally comes is the one the first send would have had. Never throws.
   */
  async requestOnce<E extends EventName>(event: E, payload: PayloadOf<E>, budgetMs = RESEND_BUDGET_MS): Promise<Result<DataOf<E>>> {
    const deadline = Date.now() + budgetMs;
    for (;;) {
      const res = await this.request(event, payload, Math.max(1000, Math.min(REQUEST_TIMEOUT_MS, deadline - Date.now())));
      if (!outcomeUnknown(res) || Date.now() + RESEND_PAUSE_MS >= deadline) return res;
      await new Promise((resolve) => setTimeout(resolve, RESEND_PAUSE_MS));
    }
  }

  /** Subscribes to a server→client event; returns the unsubscribe function. */
  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): () => void {
    // socket.io's listener typing is narrower than a generic event name allows; the handler type is the protocol's.
    const s = this.socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
    s.on(event, handler);
    return () => s.off(event, handler);
  }

  /** Called after every reconnection (not the first connect): re-claim the room or resume the seat. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  onStatus(handler: (s: ConnectionStatus, message?: string) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  /** The server's clock now, corrected by the measured offset. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  /** Adopts a view's `serverNow` as a rough offset until a ping measures it properly. */
  hintServerNow(serverNow: number): void {
    if (!this.measured && Number.isFinite(serverNow)) this.offsetMs = serverNow - Date.now();
  }

  private measured = false;

  /** Measures the clock offset: three pings, keeping the one with the shortest round trip. */
  async syncClock(): Promise<void> {
    let best: { rtt: number; offset: number } | null = null;
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const res = await this.request('time:ping', { clientNow: t0 }, 3000);
      const t1 = Date.now();
      if (!res.ok) continue;
      const sample = { rtt: t1 - t0, offset: res.data.serverNow - (t0 + t1) / 2 };
      if (!best || sample.rtt < best.rtt) best = sample;
    }
    if (best) {
      this.offsetMs = best.offset;
      this.measured = true;
    }
  }

  close(): void {
    this.reconnectHandlers.clear();
    this.statusHandlers.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private onConnect(): void {
    this.emitStatus('connected');
    void this.syncClock();
    if (this.connectedOnce) for (const h of [...this.reconnectHandlers]) h();
    this.connectedOnce = true;
  }

  private emitStatus(s: ConnectionStatus, message?: string): void {
    for (const h of [...this.statusHandlers]) h(s, message);
  }
}
