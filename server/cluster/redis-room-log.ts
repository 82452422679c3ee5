/**
 * The live-room log in Redis, for cluster mode: the same shape as the SQLite one (store/live-rooms.ts), a snapshot
 * per room plus the events accepted since, so a process taking a room over replays it through the same pure
 * machine. Every write is a script that first checks the room's lease is still this process's: a process that
 * lost a room (stalled past its TTL) cannot overwrite what the new owner writes. Writes return promises; the
 * registry chains them per room and the handlers acknowledge only once they resolved. Commands issued on one
 * connection reach Redis in order, so a room's events land in order without waiting for each other.
 */
import type { Redis } from 'ioredis';
import type { RoomEvent, RoomState } from '../rooms/types';
import type { LiveRoomStore, LoadedRoom, StoredRoom } from '../store/live-rooms';
import { LEDGER_WINDOW_MS, type OpLedger } from '../store/op-ledger';
import { decodeRoom, encodeEvent, STATE_VERSION, upgradeState } from '../store/stored-room';
import { aliveKey, DIRECTORY, eventsKey, leaseKey, opsKey, script, snapKey, type Script } from './keys';

/**
 * Whether the lease (KEYS[1]) is this process's (ARGV[1]). A lease that lapsed while nobody took it (this
 * process's event loop stalled past the TTL) is taken back for ARGV[last] ms: nobody else ran the room meanwhile.
 */
const OURS = `
local function ours(ttl)
  local owner = redis.call('GET', KEYS[1])
  if owner == ARGV[1] then return true end
  if owner then return false end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
  return true
end
`;

/**
 * Appends the event; with an operation key (ARGV[4], at ARGV[5]) also notes the key in the room's ledger (KEYS[3]),
 * in the same atomic step, dropping keys older than the window (ARGV[6]).
 */
const APPEND = `${OURS}
if not ours(ARGV[3]) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[5]) - tonumber(ARGV[6]))
end
return 1`;

/** Replaces the snapshot and drops the events it contains (each entry starts with its seq). */
const SNAPSHOT = `${OURS}
if not ours(ARGV[4]) then return 0 end
redis.call('SET', KEYS[2], ARGV[3])
local upto = tonumber(ARGV[2])
while true do
  local head = redis.call('LINDEX', KEYS[3], 0)
  if not head then break end
  local s = tonumber(string.match(head, '^(%d+)'))
  if s == nil or s > upto then break end
  redis.call('LPOP', KEYS[3])
end
return 1`;

/** Forgets the room (finished long ago, or idle) unless another process owns it now. */
const REMOVE = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[6])
redis.call('SREM', KEYS[5], ARGV[2])
return 1`;

/** A write refused because the room's lease is no longer this process's. */
export class LeaseLost extends Error {
  constructor(code: string) {
    super(`the lease of room ${code} is no longer ours`);
  }
}

/** A snapshot as stored: `v` is its STATE_VERSION (store/stored-room.ts); absent in version 1. */
interface Snapshot {
  v?: number;
  seq: number;
  owner: string;
  state: RoomState;
}

export class RedisRoomLog implements LiveRoomStore {
  private readonly appendScript: Script;
  private readonly snapshotScript: Script;
  private readonly removeScript: Script;

  /** `ledger`: the keys of the operations storing each event are written with it (store/op-ledger.ts). */
  constructor(
    private readonly redis: Redis,
    private readonly me: string,
    private readonly leaseMs: number,
    private readonly ledger?: OpLedger,
  ) {
    this.appendScript = script(redis, 'arenaLogAppend', 3, APPEND);
    this.snapshotScript = script(redis, 'arenaLogSnapshot', 3, SNAPSHOT);
    this.removeScript = script(redis, 'arenaLogRemove', 6, REMOVE);
  }

  async append(code: string, seq: number, at: number, event: RoomEvent): Promise<void> {
    const key = this.ledger?.keyFor(code, at) ?? '';
    const ok = await this.appendScript(
      [leaseKey(code), eventsKey(code), opsKey(code)],
      [this.me, `${seq} ${at} ${encodeEvent(event)}`, this.leaseMs, key, at, LEDGER_WINDOW_MS],
    );
    if (ok !== 1) throw new LeaseLost(code);
  }

  async snapshot(code: string, seq: number, owner: string, state: RoomState): Promise<void> {
    const body: Snapshot = { v: STATE_VERSION, seq, owner, state };
    const ok = await this.snapshotScript([leaseKey(code), snapKey(code), eventsKey(code)], [this.me, seq, JSON.stringify(body), this.leaseMs]);
    if (ok !== 1) throw new LeaseLost(code);
  }

  async remove(code: string): Promise<void> {
    this.ledger?.forget(code);
    await this.removeScript([leaseKey(code), snapKey(code), eventsKey(code), aliveKey(code), DIRECTORY, opsKey(code)], [this.me, code]);
  }

  /** Rooms are taken over one by one through their leases, never all at start. */
  loadAll(): StoredRoom[] {
    return [];
  }

  /** Liveness is per room in cluster mode (the lease renewal notes it). */
  heartbeat(): void {}

  lastAlive(): null {
    return null;
  }

  /** Claims `code` in the cluster's directory; false if a live room already has it. */
  async reserve(code: string): Promise<boolean> {
    return (await this.redis.sadd(DIRECTORY, code)) === 1;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.redis.sismember(DIRECTORY, code)) === 1;
  }

  codes(): Promise<string[]> {
    return this.redis.smembers(DIRECTORY);
  }

  /**
   * The stored room (snapshot, the events after it, the operation keys), or null if it has none; refused when it
   * was stored at a state version this release cannot read (store/stored-room.ts).
   */
  async load(code: string): Promise<LoadedRoom | null> {
    const [snap, entries, ops] = await Promise.all([
      this.redis.get(snapKey(code)),
      this.redis.lrange(eventsKey(code), 0, -1),
      this.redis.zrange(opsKey(code), '0', '-1', 'WITHSCORES'),
    ]);
    if (snap === null) return null;
    const opKeys: Array<[string, number]> = [];
    for (let i = 0; i + 1 < ops.length; i += 2) opKeys.push([ops[i] as string, Number(ops[i + 1])]);
    this.ledger?.load(code, opKeys);
    let body: Snapshot;
    try {
      body = JSON.parse(snap) as Snapshot;
    } catch {
      return { code, refused: 'snapshot: not JSON' };
    }
    const events = entries.map((entry) => {
      const a = entry.indexOf(' ');
      const b = entry.indexOf(' ', a + 1);
      return { seq: Number(entry.slice(0, a)), at: Number(entry.slice(a + 1, b)), json: entry.slice(b + 1) };
    });
    const head = { code, owner: String(body.owner), seq: Number(body.seq), opKeys };
    return decodeRoom(head, upgradeState(body.v ?? 1, body.state), events);
  }
}
