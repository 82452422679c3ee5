/**
 * The one table of client→server events: for each, its payload schema (zod, parsed before any room code sees the
 * payload), the type of its ack's data, and its rate-limit class. Everything else about an event is derived from
 * this table (shared/protocol.ts `ClientToServerEvents`, the server's handler registration in
 * server/net/handlers.ts, the room operations' answers in server/net/room-ops.ts, the test harness's `call`), so
 * a new event is one entry here and a handler the compiler then asks for; a mismatch is a compile error.
 */
import type { z } from 'zod';
import type { ErrorCode } from './errors';
import {
  ClaimHostSchema,
  CreateRoomSchema,
  DraftAnswerSchema,
  HostCommandSchema,
  JoinRoomSchema,
  LeaveRoomSchema,
  PingSchema,
  ReadySchema,
  ResumePlayerSchema,
  SubmitAnswerSchema,
} from './schemas';
import type { AnswerState, HostView, PlayerPhaseView, YouView } from './views';

export type AckError = { ok: false; error: ErrorCode; detail?: string };
export type Ack<T> = { ok: true; data: T } | AckError;
export type AckFn<T> = (response: Ack<T>) => void;

export interface SeatGrant {
  /** Opaque; lets this player return to the same seat after a reload. */
  resumeToken: string;
  you: YouView;
  state: PlayerPhaseView;
}

/** Ack of `answer:draft`: the draft is held and counts at time-up unless an answer is submitted. */
export interface DraftSaved {
  index: number;
  /** False when the draft was cleared (nothing typed). */
  held: boolean;
}

export interface CreatedRoom {
  code: string;
  /** Keep secret: whoever holds it controls the room. */
  hostSecret: string;
  host: HostView;
  /** Party mode: the creator's own seat. */
  player?: SeatGrant;
}

/** Ack of `time:ping`. */
export interface Pong {
  serverNow: number;
  clientNow?: number;
}

/**
 * What an event costs besides the per-socket event bucket every event is charged from:
 * - `event`: nothing more;
 * - `attempt`: a guess at a room code or secret: a failure that gives one away is charged to the address
 *   (server/net/attempts.ts), so codes and secrets cannot be brute-forced;
 * - `create`: a new room: the address's and the socket's room-creation budget.
 */
export type RateLimitClass = 'event' | 'attempt' | 'create';

/** The ack's data type, carried by the table at the type level only (the function is never called). */
export type AckType<T> = (data: T) => void;
export const ack = <T>(): AckType<T> => () => {};

export interface EventSpec {
  payload: z.ZodType;
  ack: AckType<never>;
  limit: RateLimitClass;
}

export const CLIENT_EVENTS = {
  'room:create': { payload: CreateRoomSchema, ack: ack<CreatedRoom>(), limit: 'create' },
  'room:join': { payload: JoinRoomSchema, ack: ack<SeatGrant>(), limit: 'attempt' },
  'room:resume': { payload: ResumePlayerSchema, ack: ack<SeatGrant>(), limit: 'attempt' },
  'room:leave': { payload: LeaveRoomSchema, ack: ack<null>(), limit: 'event' },
  'host:claim': { payload: ClaimHostSchema, ack: ack<HostView>(), limit: 'attempt' },
  'host:command': { payload: HostCommandSchema, ack: ack<HostView>(), limit: 'event' },
  'answer:submit': { payload: SubmitAnswerSchema, ack: ack<AnswerState>(), limit: 'event' },
  'answer:draft': { payload: DraftAnswerSchema, ack: ack<DraftSaved>(), limit: 'event' },
  'party:ready': { payload: ReadySchema, ack: ack<null>(), limit: 'event' },
  'time:ping': { payload: PingSchema, ack: ack<Pong>(), limit: 'event' },
} as const satisfies Record<string, EventSpec>;

/** Any table of the same form: the derivations below take one, so a test can show a table with one more event. */
export type EventTable = Readonly<Record<string, EventSpec>>;
export type ClientEventsTable = typeof CLIENT_EVENTS;
export type ClientEvent = keyof ClientEventsTable;

/** What the client sends for event `E` (before the schema's defaults and transforms). */
export type PayloadIn<E extends keyof T, T extends EventTable = ClientEventsTable> = z.input<T[E]['payload']>;
/** What a handler of `E` receives: the payload as the schema parsed it. */
export type PayloadOut<E extends keyof T, T extends EventTable = ClientEventsTable> = z.output<T[E]['payload']>;
/** The data of `E`'s successful ack. */
export type AckOf<E extends keyof T, T extends EventTable = ClientEventsTable> = T[E]['ack'] extends AckType<infer D> ? D : never;

/** The Socket.IO typing of a table: every event takes its payload and an ack callback. */
export type ClientToServerEventsOf<T extends EventTable> = {
  [E in keyof T & string]: (payload: PayloadIn<E, T>, ack: AckFn<AckOf<E, T>>) => void;
};
