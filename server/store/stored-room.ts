/**
 * The versioned shape of a stored room, shared by both live-room stores (SQLite: store/live-rooms.ts, Redis:
 * cluster/redis-room-log.ts). Every snapshot and every event is written with the `STATE_VERSION` of the release
 * that wrote it. Loading upgrades an older version step by step (`UPGRADES`) and checks the result against the
 * current shape; a newer version, a gap in the chain or a shape that does not match is refused with a reason,
 * and the room is left in the store untouched, never replayed (docs/architecture.md, "Stored rooms").
 */
import { z } from 'zod';
import type { RoomEvent, RoomState } from '../rooms/types';

/**
 * Bump on every change of `RoomState` or `RoomEvent` (server/rooms/types.ts) that a stored room could notice,
 * and add the upgrade from the previous version to `UPGRADES`. Version 1 is a room stored before versions were
 * written (bare JSON, the same shape as version 2).
 */
export const STATE_VERSION = 2;

/** Turns a stored snapshot or event of version n into version n + 1. */
export interface Upgrade {
  state(state: unknown): unknown;
  event(event: unknown): unknown;
}

/** `UPGRADES[n]` upgrades version n to n + 1. Entries are never edited once shipped, only appended. */
export const UPGRADES: Readonly<Record<number, Upgrade>> = {
  // Version 1 → 2 only added the version itself; the shapes are the same.
  1: { state: (s) => s, event: (e) => e },
};

/** The codec's settings: tests pass their own version and chain. */
export interface Versions {
  current: number;
  upgrades: Readonly<Record<number, Upgrade>>;
}
const RELEASED: Versions = { current: STATE_VERSION, upgrades: UPGRADES };

const PHASES = ['lobby', 'question', 'reveal', 'leaderboard', 'finished'] as const satisfies ReadonlyArray<RoomState['phase']>;
const EVENT_TYPES = [
  'join',
  'resume',
  'disconnect',
  'leave',
  'host',
  'submit',
  'draft',
  'ready',
  'deadline',
  'wake',
  'restore',
] as const satisfies ReadonlyArray<RoomEvent['type']>;
// Compile-time: a new event type that the list above misses is an error here.
type Missing = Exclude<RoomEvent['type'], (typeof EVENT_TYPES)[number]>;
const _allEventTypes: Missing extends never ? true : Missing = true;

/**
 * The parts of a room every transition relies on. Loose: the machine's own types cover the rest, and a field
 * added within one version (optional, as `ready` was) must not make a stored room unreadable.
 */
const RoomStateShape = z.looseObject({
  code: z.string(),
  hostKeyHash: z.string(),
  mode: z.enum(['classroom', 'party']),
  phase: z.enum(PHASES),
  settings: z.looseObject({}),
  players: z.array(z.record(z.string(), z.looseObject({ id: z.string(), nickname: z.string() }))),
  order: z.array(z.string()),
  rounds: z.array(z.looseObject({ index: z.number() })),
  questions: z.record(z.string(), z.unknown()),
});
const RoomEventShape = z.looseObject({ type: z.enum(EVENT_TYPES) });

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A room as a live-room store gives it back: the snapshot and the events after it, in order. */
export interface StoredRoom {
  code: string;
  owner: string;
  state: RoomState;
  seq: number;
  /** Events after the snapshot, in order. */
  events: Array<{ seq: number; at: number; event: RoomEvent }>;
  /** Keys of the operations the room applied lately, with when (store/op-ledger.ts). */
  opKeys?: Array<[key: string, at: number]>;
}

/** A stored room that this release cannot read (why: `refused`): left in the store, never replayed. */
export interface RefusedRoom {
  code: string;
  refused: string;
}

export type LoadedRoom = StoredRoom | RefusedRoom;

/** A stored room from its decoded snapshot and its events' JSON: the first part that cannot be read refuses it. */
export function decodeRoom(
  head: { code: string; owner: string; seq: number; opKeys?: Array<[string, number]> },
  state: Decoded<RoomState>,
  events: ReadonlyArray<{ seq: number; at: number; json: string }>,
  versions: Versions = RELEASED,
): LoadedRoom {
  if (!state.ok) return { code: head.code, refused: `snapshot: ${state.reason}` };
  const out: StoredRoom['events'] = [];
  for (const e of events) {
    const event = decodeEvent(e.json, versions);
    if (!event.ok) return { code: head.code, refused: `event #${e.seq}: ${event.reason}` };
    out.push({ seq: e.seq, at: e.at, event: event.value });
  }
  return { ...head, state: state.value, events: out };
}

/** The JSON of a snapshot as the SQLite store keeps it. */
export function encodeState(state: RoomState): string {
  return JSON.stringify({ v: STATE_VERSION, state });
}

/** The JSON of an event as both stores keep it. */
export function encodeEvent(event: RoomEvent): string {
  return JSON.stringify({ v: STATE_VERSION, event });
}

/** A stored snapshot (`{v, state}`, or a version-1 bare state) as the current `RoomState`, or why not. */
export function decodeState(json: string, versions: Versions = RELEASED): Decoded<RoomState> {
  return decode(json, 'state', versions, RoomStateShape) as Decoded<RoomState>;
}

/** A stored event (`{v, event}`, or a version-1 bare event) as the current `RoomEvent`, or why not. */
export function decodeEvent(json: string, versions: Versions = RELEASED): Decoded<RoomEvent> {
  return decode(json, 'event', versions, RoomEventShape) as Decoded<RoomEvent>;
}

/** Upgrades `body`, stored at `version`, to the current version and checks its shape. */
export function upgradeState(version: number, body: unknown, versions: Versions = RELEASED): Decoded<RoomState> {
  return upgrade(version, body, 'state', versions, RoomStateShape) as Decoded<RoomState>;
}

function decode(json: string, kind: 'state' | 'event', versions: Versions, shape: z.ZodType): Decoded<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, reason: `the stored ${kind} is not JSON` };
  }
  const versioned = z.object({ v: z.unknown() }).safeParse(parsed);
  if (versioned.success && versioned.data.v !== undefined) {
    return upgrade(versioned.data.v, (parsed as Record<string, unknown>)[kind], kind, versions, shape);
  }
  return upgrade(1, parsed, kind, versions, shape);
}

function upgrade(version: unknown, body: unknown, kind: 'state' | 'event', versions: Versions, shape: z.ZodType): Decoded<unknown> {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: `the stored ${kind} has no valid state version (${JSON.stringify(version)})` };
  }
  if (version > versions.current) {
    return { ok: false, reason: `the stored ${kind} has state version ${version}, newer than this release reads (${versions.current})` };
  }
  let value = body;
  for (let v = version; v < versions.current; v++) {
    const step = versions.upgrades[v];
    if (!step) return { ok: false, reason: `no upgrade of a stored ${kind} from state version ${v} to ${v + 1}` };
    value = step[kind](value);
  }
  const checked = shape.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : kind;
    return { ok: false, reason: `the stored ${kind} does not have the shape of state version ${versions.current} (${where}: ${issue?.message ?? 'invalid'})` };
  }
  return { ok: true, value };
}
