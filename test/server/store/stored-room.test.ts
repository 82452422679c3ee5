/**
 * Stored rooms carry their STATE_VERSION (server/store/stored-room.ts): a room stored by an older release is
 * upgraded and replayed, one stored by a newer release (or in a shape nothing upgrades) is refused with a logged
 * reason and left in the store, never replayed.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../server/clock';
import { RoomRegistry } from '../../../server/room-runtime/registry';
import type { RoomTransport } from '../../../server/room-runtime/shell';
import { liveRoomStore } from '../../../server/store/live-rooms';
import { decodeEvent, decodeState, encodeState, STATE_VERSION, type Versions } from '../../../server/store/stored-room';
import { deps, lobby, T0, withPlayers } from '../rooms/fixture';

const quiet: RoomTransport = { players: () => {}, player: () => () => {}, host: () => {}, drop: () => {} };

/** A registry on `db`'s live rooms, logging its errors into `errors`. */
function registryOn(db: Database.Database, errors: string[]) {
  const store = liveRoomStore(db);
  const registry = new RoomRegistry({
    deps,
    clock: createManualClock(T0 + 1000),
    transport: () => quiet,
    store,
    sink: { finished: () => {}, error: (m) => errors.push(m) },
  });
  return { store, registry };
}

function storeRow(db: Database.Database, code: string, stateJson: string, events: string[] = []): void {
  liveRoomStore(db);
  db.prepare('INSERT INTO live_rooms (code, seq, owner, updated_at, state_json) VALUES (?, 0, ?, ?, ?)').run(code, 'owner', T0, stateJson);
  events.forEach((json, i) => db.prepare('INSERT INTO live_events (code, seq, at, event_json) VALUES (?, ?, ?, ?)').run(code, i + 1, T0, json));
}

describe('versioned room state', () => {
  it('writes the current STATE_VERSION with every snapshot and event', () => {
    const db = new Database(':memory:');
    const store = liveRoomStore(db);
    void store.snapshot('ABCDEF', 0, 'owner', lobby(), T0);
    void store.append('ABCDEF', 1, T0, { type: 'wake' });
    const snap = db.prepare<[], { state_json: string }>('SELECT state_json FROM live_rooms').get();
    const event = db.prepare<[], { event_json: string }>('SELECT event_json FROM live_events').get();
    expect(JSON.parse(snap?.state_json ?? '{}')).toMatchObject({ v: STATE_VERSION, state: { code: 'ABCDEF', phase: 'lobby' } });
    expect(JSON.parse(event?.event_json ?? '{}')).toEqual({ v: STATE_VERSION, event: { type: 'wake' } });
  });

  it('upgrades a room stored before versions (version 1) and replays its events', () => {
    const db = new Database(':memory:');
    const before = lobby();
    const join = { type: 'join', nickname: 'Ada', playerId: 'p0', tokenHash: 'token-ada-0000', device: 'dev-0' };
    // What the release before versions wrote: bare JSON for the snapshot and each event.
    storeRow(db, before.code, JSON.stringify(before), [JSON.stringify(join)]);
    const errors: string[] = [];
    const { registry } = registryOn(db, errors);
    expect(registry.restore()).toBe(1);
    expect(errors).toEqual([]);
    const room = registry.touch(before.code);
    expect(room?.state.order).toEqual(['p0']);
    expect(room?.player('p0')?.nickname).toBe('Ada');
    registry.close();
  });

  it('refuses a room stored by a newer release with a clear log line, and leaves it in the store', () => {
    const db = new Database(':memory:');
    const future = JSON.stringify({ v: STATE_VERSION + 7, state: { ...lobby(), renamedField: true } });
    storeRow(db, 'FUTURE', future);
    const errors: string[] = [];
    const { registry } = registryOn(db, errors);
    expect(registry.restore()).toBe(0);
    expect(registry.touch('FUTURE')).toBeUndefined();
    expect(errors).toEqual([
      `room FUTURE not restored: snapshot: the stored state has state version ${STATE_VERSION + 7}, newer than this release reads (${STATE_VERSION}); left in the store`,
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM live_rooms').get()).toEqual({ n: 1 });
    registry.close();
  });

  it('refuses an event of an unknown shape rather than replaying it', () => {
    const db = new Database(':memory:');
    const room = lobby();
    storeRow(db, room.code, encodeState(room), [JSON.stringify({ v: STATE_VERSION, event: { type: 'teleport' } })]);
    const errors: string[] = [];
    const { registry } = registryOn(db, errors);
    expect(registry.restore()).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^room ABCDEF not restored: event #1: the stored event does not have the shape of state version \d+ \(type: /);
    registry.close();
  });

  it('chains upgrades from an old version to the current one, and refuses a gap in the chain', () => {
    // A made-up history: version 2 renamed `nick` to `nickname`, version 3 added `locked`.
    const versions: Versions = {
      current: 3,
      upgrades: {
        1: { state: (s) => s, event: (e) => e },
        2: {
          state: (s) => ({ ...(s as object), locked: false }),
          event: (e) => {
            const { nick, ...rest } = e as { nick?: string };
            return nick === undefined ? rest : { ...rest, nickname: nick };
          },
        },
      },
    };
    const room = withPlayers(lobby(), ['Ada']);
    const { locked: _dropped, ...oldRoom } = room;
    const upgraded = decodeState(JSON.stringify({ v: 2, state: oldRoom }), versions);
    expect(upgraded).toEqual({ ok: true, value: { ...oldRoom, locked: false } });
    expect(decodeEvent(JSON.stringify({ type: 'join', nick: 'Bo', playerId: 'p1', tokenHash: 't', device: 'd' }), versions)).toEqual({
      ok: true,
      value: { type: 'join', nickname: 'Bo', playerId: 'p1', tokenHash: 't', device: 'd' },
    });
    const gap: Versions = { current: 3, upgrades: { 2: versions.upgrades[2]! } };
    expect(decodeState(JSON.stringify(room), gap)).toEqual({ ok: false, reason: 'no upgrade of a stored state from state version 1 to 2' });
    expect(decodeState('{"v":"two","state":{}}')).toEqual({ ok: false, reason: 'the stored state has no valid state version ("two")' });
  });
});
