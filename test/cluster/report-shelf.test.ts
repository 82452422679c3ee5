/**
 * The cluster's shelf of finished games (server/cluster/report-shelf.ts) with a real Redis and a real PostgreSQL:
 * a game finished while the database is down is served by any process from the shelf, and when the process that
 * was saving it dies, another one claims it once the claim lapses and saves it, once.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportShelf } from '../../server/cluster/report-shelf';
import { hashSecret, type StoredGame } from '../../server/store/game-store';
import { openPostgresStore, type PostgresGameStore } from '../../server/store/postgres';
import { SaveQueue } from '../../server/store/save-queue';
import { until } from '../support/cluster-play';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { startRedis, type RedisProcess } from '../support/redis';

const CLAIM_MS = 1000;
const SWEEP_MS = 200;

const game = (code: string): StoredGame => ({
  code, hostKeyHash: hashSecret('the-secret'), mode: 'classroom', createdAt: 1, finishedAt: 2, settings: {},
  rows: [{ player: 'Ada', question: 1, questionId: 'q1', questionText: 'd/dx sin(x^2)', correctAnswer: '2*x*cos(x^2)', answer: '2*x*cos(x^2)', outcome: 'correct', correct: true, mistake: '', timeMs: 900, points: 950 }],
});

describe('finished games on the shared shelf', () => {
  let redis: RedisProcess;
  let db: RunningPostgres;
  const conns: Redis[] = [];
  const stores: PostgresGameStore[] = [];
  const queues: SaveQueue[] = [];
  /** One game process's save queue: its own PostgreSQL pool, its own Redis connection, the one shelf. */
  const processOf = async (id: string) => {
    const redisConn = new Redis(redis.url);
    conns.push(redisConn);
    const store = await openPostgresStore(db.url, { log: () => {} });
    stores.push(store);
    const shelf = reportShelf(redisConn, id, CLAIM_MS);
    const saves = new SaveQueue(store, { log: () => {}, firstDelayMs: 100, maxDelayMs: 200 });
    saves.share(shelf, SWEEP_MS);
    queues.push(saves);
    return { saves, shelf };
  };

  beforeAll(async () => {
    [redis, db] = await Promise.all([startRedis({ aof: true }), startPostgres()]);
  });
  afterAll(async () => {
    for (const q of queues) await q.close(0);
    await db?.up();
    for (const s of stores) await s.close().catch(() => undefined);
    for (const c of conns) c.disconnect();
    await redis?.stop();
    await db?.stop();
  });

  it('serves a game waiting for the database from every process, and saves it once after its process died', async () => {
    const a = await processOf('process-a');
    const b = await processOf('process-b');
    await db.down();
    a.saves.save(game('SHELF1'));
    // Process B never had the game: it reads it from the shelf.
    await until(async () => (await b.saves.findWaiting('SHELF1', 'the-secret')) !== null, 10_000, 'the game on the shelf');
    expect((await b.saves.findWaiting('SHELF1', 'the-secret'))?.map((r) => r.player)).toEqual(['Ada']);
    expect(await b.saves.findWaiting('SHELF1', 'not-the-secret')).toBeNull();
    // Process A dies before the database is back (it stops trying; its claim on the game lapses).
    await a.saves.close(0);
    await db.up();
    await until(async () => (await savedGames('SHELF1')) === 1, 20_000, 'the game saved by process B');
    // Saved once, off the unsaved list, and still on the shelf for a while.
    await until(async () => (await conns[0]?.scard('arena:reports:unsaved')) === 0, 10_000, 'the unsaved list empty');
    expect(await savedGames('SHELF1')).toBe(1);
    expect((await b.shelf.find('SHELF1', 'the-secret'))?.length).toBe(1);
  }, 60_000);

  async function savedGames(code: string): Promise<number> {
    const client = new pg.Client(db.url);
    try {
      await client.connect();
      return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM games WHERE code = $1', [code])).rows[0]?.n);
    } catch {
      return -1;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
});
