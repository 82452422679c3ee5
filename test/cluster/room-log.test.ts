/**
 * The cluster's room log and leases against a real redis-server: writes are fenced by the lease (a process that
 * lost a room cannot write to it), a lease that lapsed while nobody took it is taken back, and a snapshot folds
 * the events it contains, so a new owner loads exactly the acknowledged history.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseKey } from '../../server/cluster/keys';
import { Leases } from '../../server/cluster/lease';
import { LeaseLost, RedisRoomLog } from '../../server/cluster/redis-room-log';
import type { RoomEvent, RoomState } from '../../server/rooms/types';
import { startRedis, type RedisProcess } from '../support/redis';

const TIMING = { ttlMs: 3000, renewMs: 1000 };
const event = (n: number): RoomEvent => ({ type: 'disconnect', playerId: `p${n}` });
/** The log stores states as JSON and never looks inside: any object stands for one here. */
const state = (label: string): RoomState => ({ label }) as unknown as RoomState;

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

    const loaded = await b.log.load('ROOM01');
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
    expect((await b.log.load('ROOM02'))?.events.map((e) => e.seq)).toEqual([1]);
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
});
