/**
 * Only a hash of the host key outlives the request that presented it. The place it would leak first is the
 * socket's data, which Socket.IO's connection-state recovery keeps for a dropped socket, in Redis in a cluster: a
 * real server process on a real redis-server, a host whose connection drops, and every value Redis then holds is
 * searched for the key.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { call, gameSettings, ok, WAIT_MS, type Client } from '../server/integration/harness';
import { startNode, type ServerNode } from '../support/cluster';
import { startRedis, type RedisProcess } from '../support/redis';

/** The recovery sessions of dropped sockets (the Redis Streams adapter's keys: base64 of MessagePack), as text. */
async function sessions(redis: Redis): Promise<string[]> {
  const keys = await redis.keys('arena:sio:session:*');
  const values = keys.length === 0 ? [] : await redis.mget(keys);
  return values.map((v) => Buffer.from(v ?? '', 'base64').toString('latin1'));
}

/** Every value Redis holds, as text (strings, lists, sets, sorted sets, hashes, streams), sessions decoded. */
async function everything(redis: Redis): Promise<string> {
  const out: string[] = [...(await sessions(redis))];
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    if (type === 'string') out.push((await redis.getBuffer(key))?.toString('latin1') ?? '');
    else if (type === 'list') out.push(...(await redis.lrange(key, 0, -1)));
    else if (type === 'set') out.push(...(await redis.smembers(key)));
    else if (type === 'zset') out.push(...(await redis.zrange(key, '0', '-1')));
    else if (type === 'hash') out.push(...Object.values(await redis.hgetallBuffer(key)).map((b) => b.toString('latin1')));
    else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    out.push(key);
  }
  return out.join('\n');
}

describe('the host key in a cluster', () => {
  let redis: RedisProcess;
  let node: ServerNode;
  let reader: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ redisUrl: redis.url });
    reader = new Redis(redis.url);
  });
  afterAll(async () => {
    reader?.disconnect();
    await node?.kill('SIGKILL');
    await redis?.stop();
  });

  it('keeps only its hash in the recovery session of a dropped host socket, and nowhere the key itself', async () => {
    const host: Client = io(node.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false, timeout: WAIT_MS });
    await new Promise<void>((resolve, reject) => {
      host.once('connect', () => resolve());
      host.once('connect_error', reject);
    });
    const room = await ok(call(host, 'room:create', { mode: 'party', nickname: 'Creator', settings: gameSettings() }));
    await ok(call(host, 'host:claim', { code: room.code, hostSecret: room.hostSecret }));
    // A dropped transport (not a clean disconnect): the server keeps the socket's session for recovery.
    host.io.engine.close();
    const hash = createHash('sha256').update(room.hostSecret).digest('hex');
    const deadline = Date.now() + WAIT_MS;
    let kept = await sessions(reader);
    while (kept.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      kept = await sessions(reader);
    }
    // The session keeps the socket's data: the room, the seat and the host key's hash.
    expect(kept).toHaveLength(1);
    expect(kept[0]).toContain(room.code);
    expect(kept[0]).toContain(hash);
    expect(await everything(reader)).not.toContain(room.hostSecret);
  });
});
