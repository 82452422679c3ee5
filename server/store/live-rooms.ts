/**
 * Live rooms on disk, so a crash or a restart loses no acknowledged change. Each room is a snapshot of its pure
 * state (written when it is created and at every phase change) plus the events accepted since, in order; on start
 * the snapshot is loaded and the events replayed through the same pure machine. Writes are synchronous
 * (better-sqlite3) and happen before the change is acknowledged; WAL with synchronous=NORMAL survives a killed
 * process (not a power cut, which may lose the last transactions).
 * A heartbeat row says when the process was last alive, so the downtime can be given back to an open question.
 */
import type Database from 'better-sqlite3';
import type { RoomEvent, RoomState } from '../rooms/types';
import { LEDGER_WINDOW_MS, type OpLedger } from './op-ledger';
import { decodeRoom, decodeState, encodeEvent, encodeState, type LoadedRoom } from './stored-room';

export type { LoadedRoom, RefusedRoom, StoredRoom } from './stored-room';

/**
 * The room log. SQLite's writes are synchronous (they throw before the change is applied); the cluster's Redis log
 * returns promises, which the registry chains per room and the handlers await before acknowledging.
 */
export interface LiveRoomStore {
  append(code: string, seq: number, at: number, event: RoomEvent): void | Promise<void>;
  /** Replaces the room's snapshot and drops the events it already contains. */
  snapshot(code: string, seq: number, owner: string, state: RoomState, at: number): void | Promise<void>;
  remove(code: string): void | Promise<void>;
  /** Every stored room, each read at the current state version or refused (store/stored-room.ts). */
  loadAll(): LoadedRoom[];
  heartbeat(at: number): void;
  /** When the process was last alive (the last heartbeat), or null on a fresh data folder. */
  lastAlive(): number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS live_rooms (
  code TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  owner TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  state_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS live_events (
  code TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  event_json TEXT NOT NULL,
  PRIMARY KEY (code, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS live_ops (
  code TEXT NOT NULL,
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (code, key)
) WITHOUT ROWID;
`;

/** `ledger`: the keys of the operations that stored each event are kept with it (in the same transaction). */
export function liveRoomStore(db: Database.Database, ledger?: OpLedger): LiveRoomStore {
  db.exec(SCHEMA);
  const insertEvent = db.prepare('INSERT OR REPLACE INTO live_events (code, seq, at, event_json) VALUES (?, ?, ?, ?)');
  const insertOp = db.prepare('INSERT OR REPLACE INTO live_ops (code, key, at) VALUES (?, ?, ?)');
  const dropOpsBefore = db.prepare('DELETE FROM live_ops WHERE code = ? AND at < ?');
  const dropOps = db.prepare('DELETE FROM live_ops WHERE code = ?');
  const opsOf = db.prepare<[string], { key: string; at: number }>('SELECT key, at FROM live_ops WHERE code = ?');
  const appendKeyed = db.transaction((code: string, seq: number, at: number, json: string, key: string) => {
    insertEvent.run(code, seq, at, json);
    insertOp.run(code, key, at);
  });
  const upsertRoom = db.prepare(
    'INSERT INTO live_rooms (code, seq, owner, updated_at, state_json) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (code) DO UPDATE SET seq = excluded.seq, owner = excluded.owner, updated_at = excluded.updated_at, state_json = excluded.state_json',
  );
  const dropEventsUpTo = db.prepare('DELETE FROM live_events WHERE code = ? AND seq <= ?');
  const dropRoom = db.prepare('DELETE FROM live_rooms WHERE code = ?');
  const dropEvents = db.prepare('DELETE FROM live_events WHERE code = ?');
  const rooms = db.prepare<[], { code: string; seq: number; owner: string; state_json: string }>('SELECT code, seq, owner, state_json FROM live_rooms');
  const eventsOf = db.prepare<[string, number], { seq: number; at: number; event_json: string }>(
    'SELECT seq, at, event_json FROM live_events WHERE code = ? AND seq > ? ORDER BY seq',
  );
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const getMeta = db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?');
  const snapshot = db.transaction((code: string, seq: number, owner: string, state: RoomState, at: number) => {
    upsertRoom.run(code, seq, owner, at, encodeState(state));
    dropEventsUpTo.run(code, seq);
    dropOpsBefore.run(code, at - LEDGER_WINDOW_MS);
  });
  const remove = db.transaction((code: string) => {
    dropRoom.run(code);
    dropEvents.run(code);
    dropOps.run(code);
  });
  return {
    append(code, seq, at, event) {
      const key = ledger?.keyFor(code, at);
      if (key === undefined) insertEvent.run(code, seq, at, encodeEvent(event));
      else appendKeyed(code, seq, at, encodeEvent(event), key);
    },
    snapshot(code, seq, owner, state, at) {
      snapshot(code, seq, owner, state, at);
      ledger?.trim(code, at);
    },
    remove(code) {
      remove(code);
      ledger?.forget(code);
    },
    loadAll: () =>
      rooms.all().map((r) => {
        const opKeys = opsOf.all(r.code).map((o): [string, number] => [o.key, o.at]);
        ledger?.load(r.code, opKeys);
        const events = eventsOf.all(r.code, r.seq).map((e) => ({ seq: e.seq, at: e.at, json: e.event_json }));
        return decodeRoom({ code: r.code, owner: r.owner, seq: r.seq, opKeys }, decodeState(r.state_json), events);
      }),
    heartbeat: (at) => void setMeta.run('alive_at', at),
    lastAlive: () => getMeta.get('alive_at')?.value ?? null,
  };
}
