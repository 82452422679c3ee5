/**
 * The Socket.IO protocol of Chain Rule Arena: typed events, payload schemas, acks, error codes and views.
 *
 * Event flow
 * ----------
 * Connect with `io(url, { auth: { protocolVersion: PROTOCOL_VERSION } })`. Another version gets a
 * `connect_error` whose `message` is `'version-mismatch'` (and `data.code`). Too many connections from one
 * address: `'rate-limited'`.
 *
 * Every client→server event takes a payload and an ack callback; the ack is `{ ok: true, data }` or
 * `{ ok: false, error: ErrorCode, detail? }` (show `ERROR_MESSAGES[error]`; a refusal never changes the room,
 * except `unconfirmed`, which is not a refusal: the outcome is unknown, resend the same request).
 *
 * Host (teacher laptop / projector):
 *   emit 'room:create' {mode, settings, nickname?}  → ack {code, hostSecret, host: HostView, player?}
 *     Keep `hostSecret` (localStorage). In party mode `nickname` is required and `player` is your seat.
 *   after any reconnect: emit 'host:claim' {code, hostSecret} → ack HostView (the socket is host again)
 *   emit 'host:command' {type: 'start'|'skip'|'next'|'pause'|'resume'|'end'|'lock'|'kick'|'settings', ...}
 *     → ack HostView. Send `expect: {phase, index}` with skip/next so a double click cannot skip twice.
 *   on 'host:state' HostView      full snapshot on every change (coalesced, at most a few per second)
 *   on 'host:progress' HostProgress  live answered counts while a question is open (throttled)
 *   report: GET /api/rooms/:code/report.csv?secret=HOSTSECRET once the game is finished
 *
 * Player (phone):
 *   emit 'room:join' {code, nickname}     → ack {resumeToken, you: YouView, state: PlayerPhaseView}
 *     Keep `resumeToken` (sessionStorage/localStorage) with the code.
 *   after any reconnect / reload: emit 'room:resume' {code, resumeToken} → same ack shape, same seat,
 *     score, streak and verdicts, and the current phase (open question + deadline included).
 *   on 'state' PlayerPhaseView    room-wide phase view: lobby → question → reveal → (leaderboard) → … → finished
 *   on 'you' YouView              your own seat: score, streak, rank, verdicts (after reveal, leaderboard, end)
 *   emit 'answer:submit' {key?, index, layers?: [{layer, input}], final?} → ack AnswerState (your verdicts so far)
 *     `key`: a random idempotency key per submission (8-64 of [A-Za-z0-9_-]). When the ack does not come, or is
 *     `unconfirmed` (not a refusal: the outcome is unknown), send the same payload with the same key again: it is
 *     applied at most once, and a resend of an applied one is acknowledged with its verdicts.
 *     Layers may be sent one by one as boxes are filled, then the final; or all at once. A judged layer is
 *     final; the final answer ends your round. Verdicts say correct/mistake/feedback, never the answer.
 *     An answer that cannot be read (unbalanced brackets, unknown symbols, blank) is refused with
 *     `unreadable-answer` (detail: the reason, e.g. "Box 1: Unbalanced parentheses.") and uses nothing up.
 *   emit 'answer:draft' {index, layers?, final?} → ack {index, held}   while typing (debounced), and once
 *     more at the deadline (the grace covers it). The latest readable draft is taken as the answer when the
 *     round closes without a final; it scores as if submitted when the server received it. Unreadable drafts
 *     are refused (`unreadable-answer`) and the previous readable one is kept. `{index}` alone clears it.
 *   on 'kicked' {error}           removed by the host; forget the resume token.
 *   emit 'room:leave' {}          leave for good (the seat is dropped in the lobby, kept as offline later).
 *   One seat per device (handshake `auth.deviceId`) per room: a second join is refused 'already-seated' once
 *   questions run; in the lobby it replaces the device's earlier seat.
 *
 * Party mode (every player has one page; the creator also holds the host key): phase views carry `party` (the
 * group, who is ready, each player's outcome at the reveal). After a reveal or board each player may
 * emit 'party:ready' {expect: {phase, index}} → ack null; once every connected player is ready the game moves on
 * by itself (the creator may send 'next' sooner). Refused 'not-party' in a classroom.
 *
 * Anyone: emit 'time:ping' {clientNow?} → ack {serverNow, clientNow?} for clock-skew correction.
 *
 * Every ack arrives within ACK_DEADLINE_MS: an operation still unfinished then is answered `unconfirmed` (it may
 * still apply; never a refusal). A request with own questions (`source.kind: 'tasks'`: room:create, the host's
 * 'settings') is answered within TASKS_ANSWER_MS, `tasks-unavailable` when the server cannot solve tasks now.
 *
 * A question closes at its deadline plus a short grace for latency, when every seated player has given a final
 * answer or been offline for more than 10 s (a Wi-Fi blip is not an answer), or on the host's skip.
 * The host moves on with 'next' (reveal → leaderboard → next question → … → finished).
 * On 'server:restarting' keep everything: after the restart, resume with the token / claim with the secret.
 * Times are epoch ms of the server clock; views carry `serverNow`.
 */
import type { ErrorCode } from './protocol/errors';
import type { ClientEventsTable, ClientToServerEventsOf } from './protocol/events';
import type { HostProgress, HostView, PlayerPhaseView, YouView } from './protocol/views';

export * from './protocol/errors';
export * from './protocol/events';
export * from './protocol/schemas';
export * from './protocol/views';

/** Bumped on every change of this file's wire shapes; sent in the handshake `auth`. */
export const PROTOCOL_VERSION = 3;

/** A payload whose JSON is longer than this is refused with `bad-payload` (and changes nothing). */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/** Socket.IO `maxHttpBufferSize`: a packet larger than this closes the connection (the client reconnects). */
export const MAX_PACKET_BYTES = 64 * 1024;

/** Answers arriving up to this long after the deadline still count (network latency). */
export const ANSWER_GRACE_MS = 500;

/**
 * A request with a task list (own questions) is answered within this, solved or refused (waiting for a worker
 * included): clients wait at least this long for its ack.
 */
export const TASKS_ANSWER_MS = 20_000;

/** The server's last-resort bound on any ack: past it, an unfinished operation is answered `unconfirmed`. */
export const ACK_DEADLINE_MS = 30_000;

/** Handshake `auth` object. */
export interface HandshakeAuth {
  protocolVersion: number;
  /**
   * A random id the browser keeps (localStorage), 8-100 characters of [A-Za-z0-9_-]: one seat per device per room,
   * and a kick bars the device. Without it the connection is its own device.
   */
  deviceId?: string;
}

/** Every client event with its payload and ack, derived from the event table (protocol/events.ts). */
export type ClientToServerEvents = ClientToServerEventsOf<ClientEventsTable>;

export interface ServerToClientEvents {
  state: (view: PlayerPhaseView) => void;
  you: (you: YouView) => void;
  'host:state': (view: HostView) => void;
  'host:progress': (progress: HostProgress) => void;
  kicked: (info: { error: ErrorCode }) => void;
  /** The server is shutting down for a restart: keep your seat/host secret; the connection comes back by itself. */
  'server:restarting': (info: { message: string }) => void;
}

/** No inter-server events: one process hosts a room. */
export type InterServerEvents = Record<string, never>;

/**
 * Per-socket identity. A socket is bound to at most one room (`code`): joining or claiming another room drops
 * every role in the first. In it, it may hold a seat (`playerId`) and, in party mode or as a host, the SHA-256 of
 * the host key it presented (`hostKeyHash`, checked against the room's on every host command: the socket itself
 * grants nothing). Never the key itself: Socket.IO keeps this data for connection-state recovery (in Redis in a
 * cluster), and only hashes of secrets outlive the request that presented them.
 */
export interface SocketData {
  code?: string;
  playerId?: string;
  hostKeyHash?: string;
  address?: string;
  device?: string;
}
