/**
 * The cluster's room log and leases against a real redis-server: writes are fenced by the lease (a process that
 * lost a room cannot write to it), a lease that lapsed while nobody took it is taken back, and a snapshot folds
 * the events it contains, so a new owner loads exactly the acknowledged history.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsKey, leaseKey, snapKey } from '../../server/cluster/keys';
import { Leases } from '../../server/cluster/lease';
import { LeaseLost, RedisRoomLog } from '../../server/cluster/redis-room-log';
import type { RoomEvent, RoomState } from '../../server/rooms/types';
import { STATE_VERSION, type StoredRoom } from '../../server/store/stored-room';
import { startRedis, type RedisProcess } from '../support/redis';

const TIMING = { ttlMs: 3000, renewMs: 1000 };
const event = (n: number): RoomEvent => ({ type: 'disconnect', playerId: `p${n}` });
/** The log checks only a stored room's outline (server/store/stored-room.ts): a bare one stands for a room here. */
const state = (label: string): RoomState =>
  ({ code: label, hostKeyHash: 'h', mode: 'classroom', phase: 'lobby', settings: {}, players: [], order: [], rounds: [], questions: {} }) as unknown as RoomState;

/** The room as loaded, which must have been readable. */
async function loadRead(log: RedisRoomLog, code: string): Promise<StoredRoom | null> {
  const loaded = await log.load(code);
  if (loaded && 'refused' in loaded) throw new Error(`refused: ${loaded.refused}`);
  return loaded;
}

describe('room log and leases in Redis', () => {
  let redis: RedisProcess;
  const conns: Redis[] = [];
  const processOf = (id: string) => {
    const c = new Redis(redis.url);
    conns.push(c);
    return { log: new RedisRoomLog(c, id, TIMING.ttlMs), leases: new Leases(c, id, TIMING, () => Date.now()), redis: c };
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of conns) c.disconnect();
    await redis?.stop();
  });

  it('lets only the lease holder write, and a new owner load the snapshot plus the events after it', async () => {
    const a = processOf('proc-a');
    const b = processOf('proc-b');
    expect(await a.leases.acquire('ROOM01')).toBe(true);
    expect(await b.leases.acquire('ROOM01')).toBe(false);
    await a.log.snapshot('ROOM01', 0, 'owner-1', state('created'));
    await Promise.all([1, 2, 3].map((n) => a.log.append('ROOM01', n, 1000 + n, event(n))));
    await a.log.snapshot('ROOM01', 2, 'owner-1', state('after 2'));
    await expect(b.log.append('ROOM01', 4, 1004, event(4))).rejects.toBeInstanceOf(LeaseLost);

    const loaded = await loadRead(b.log, 'ROOM01');
    expect(loaded?.seq).toBe(2);
    expect(loaded?.state).toEqual(state('after 2'));
    expect(loaded?.events).toEqual([{ seq: 3, at: 1003, event: event(3) }]);
  });

  it('takes back a lease that lapsed while nobody took it, but not one another process holds', async () => {
    const a = processOf('proc-c');
    const b = processOf('proc-d');
    expect(await a.leases.acquire('ROOM02')).toBe(true);
    await a.log.snapshot('ROOM02', 0, 'owner-2', state('created'));
    // The lease lapses (a stalled owner): its next write takes it back, nobody having run the room.
    await a.redis.del(leaseKey('ROOM02'));
    await a.log.append('ROOM02', 1, 2001, event(1));
    expect(await a.leases.owner('ROOM02')).toBe('proc-c');
    // Now another process takes it over: the old owner can no longer write, however it tries.
    await a.redis.del(leaseKey('ROOM02'));
    expect(await b.leases.acquire('ROOM02')).toBe(true);
    await expect(a.log.append('ROOM02', 2, 2002, event(2))).rejects.toBeInstanceOf(LeaseLost);
    await expect(a.log.snapshot('ROOM02', 2, 'owner-2', state('stale'))).rejects.toBeInstanceOf(LeaseLost);
    expect((await loadRead(b.log, 'ROOM02'))?.events.map((e) => e.seq)).toEqual([1]);
  });

  it('keeps room codes unique in the directory and forgets a removed room', async () => {
    const a = processOf('proc-e');
    expect(await a.log.reserve('ROOM03')).toBe(true);
    expect(await a.log.reserve('ROOM03')).toBe(false);
    expect(await a.leases.acquire('ROOM03')).toBe(true);
    await a.log.snapshot('ROOM03', 0, 'owner-3', state('created'));
    await a.log.remove('ROOM03');
    expect(await a.log.exists('ROOM03')).toBe(false);
    expect(await a.log.load('ROOM03')).toBeNull();
    expect(await a.leases.owner('ROOM03')).toBeNull();
  });

  it('stores the state version with snapshot and events, and upgrades a room stored before versions', async () => {
    const a = processOf('proc-f');
    expect(await a.leases.acquire('ROOM04')).toBe(true);
    await a.log.snapshot('ROOM04', 0, 'owner-4', state('versioned'));
    await a.log.append('ROOM04', 1, 4001, event(1));
    expect(JSON.parse((await a.redis.get(snapKey('ROOM04'))) ?? '{}')).toMatchObject({ v: STATE_VERSION, seq: 0, owner: 'owner-4' });
    expect(await a.redis.lrange(eventsKey('ROOM04'), 0, -1)).toEqual([`1 4001 ${JSON.stringify({ v: STATE_VERSION, event: event(1) })}`]);

    // What the release before versions wrote: no `v` in the snapshot, bare events.
    await a.redis.set(snapKey('ROOM05'), JSON.stringify({ seq: 0, owner: 'owner-5', state: state('old') }));
    await a.redis.rpush(eventsKey('ROOM05'), `1 5001 ${JSON.stringify(event(1))}`);
    const loaded = await loadRead(a.log, 'ROOM05');
    expect(loaded?.state).toEqual(state('old'));
    expect(loaded?.events).toEqual([{ seq: 1, at: 5001, event: event(1) }]);
  });

  it('refuses a room stored by a newer release, with the reason, rather than replaying it', async () => {
    const a = processOf('proc-g');
    await a.redis.set(snapKey('ROOM06'), JSON.stringify({ v: STATE_VERSION + 1, seq: 0, owner: 'owner-6', state: state('new') }));
    expect(await a.log.load('ROOM06')).toEqual({
      code: 'ROOM06',
      refused: `snapshot: the stored state has state version ${STATE_VERSION + 1}, newer than this release reads (${STATE_VERSION})`,
    });
    await a.redis.set(snapKey('ROOM07'), JSON.stringify({ v: STATE_VERSION, seq: 0, owner: 'owner-7', state: state('ok') }));
    await a.redis.rpush(eventsKey('ROOM07'), `1 7001 ${JSON.stringify({ v: STATE_VERSION + 1, event: event(1) })}`);
    expect(await a.log.load('ROOM07')).toEqual({
      code: 'ROOM07',
      refused: `event #1: the stored event has state version ${STATE_VERSION + 1}, newer than this release reads (${STATE_VERSION})`,
    });
  });
});
