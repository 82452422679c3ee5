/**
 * What only the PostgreSQL engine has: migrations on start (once, whatever number of processes start together;
 * all or nothing) and finished games that outlive a database outage (the save queue retries; the readiness
 * probe fails meanwhile; the report is served from the queue until it lands).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, type StoredGame } from '../../server/store/game-store';
import { migrate, MIGRATIONS } from '../../server/store/pg-migrations';
import { openPostgresStore, type PostgresGameStore } from '../../server/store/postgres';
import { SaveQueue } from '../../server/store/save-queue';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { freshDatabase } from './store-engines';

let server: RunningPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const game = (code: string): StoredGame => ({
  code, hostKeyHash: hashSecret('k'), mode: 'classroom', createdAt: 1, finishedAt: 2, settings: {},
  rows: [{ player: 'Ada', question: 1, questionId: 'q1', questionText: 'd/dx sin(x^2)', correctAnswer: '2*x*cos(x^2)', answer: '2*x*cos(x^2)', outcome: 'correct', correct: true, mistake: '', timeMs: 900, points: 950 }],
});

describe('PostgreSQL migrations', () => {
  it('are applied exactly once when three processes start at the same moment', async () => {
    const url = await freshDatabase(server);
    const stores: PostgresGameStore[] = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { log: () => {} })));
    try {
      const versions = MIGRATIONS.map((m) => m.version);
      expect(stores.map((s) => s.migrated).sort((a, b) => b.length - a.length)).toEqual([versions, [], []]);
      const recorded = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(recorded.map((r) => r.version)).toEqual(versions);
      // All three work on the one schema.
      await Promise.all(stores.map((s, i) => s.saveGame(game(`MIG00${i}`))));
      expect(await query(url, 'SELECT id FROM games')).toHaveLength(3);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    const again = await openPostgresStore(url, { log: () => {} });
    expect(again.migrated).toEqual([]);
    await again.close();
  });

  it('roll back whole when one fails, recording nothing', async () => {
    const url = await freshDatabase(server);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (id INT); SELECT no_such_column FROM games;' }];
      await expect(migrate(client, broken)).rejects.toThrow(/no_such_column/);
      const tables = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rows.map((t) => t.name)).toEqual([]);
      expect(await migrate(client)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      client.release();
      await pool.end();
    }
  });
});

describe('a PostgreSQL outage', () => {
  it('delays a finished game\'s save, fails readiness meanwhile and serves the report from the queue, losing nothing', async () => {
    const url = await freshDatabase(server);
    const logged: string[] = [];
    const store = await openPostgresStore(url, { log: (m) => logged.push(m) });
    const saves = new SaveQueue(store, { log: (m) => logged.push(m), firstDelayMs: 100, maxDelayMs: 400 });
    try {
      await server.down();
      saves.save(game('DOWN22'));
      saves.save(game('DOWN33'));
      await expect(store.probe()).rejects.toThrow();
      expect(saves.findPending('DOWN33', 'k')?.map((r) => r.player)).toEqual(['Ada']);
      expect(saves.findPending('DOWN33', 'wrong')).toBeNull();
      await server.up();
      await Promise.race([saves.drained(), new Promise((_, reject) => setTimeout(() => reject(new Error('saves did not land within 20 s')), 20_000))]);
      expect(saves.pending).toBe(0);
      expect(() => saves.check()).not.toThrow();
      await expect(store.probe()).resolves.toBeUndefined();
      expect((await store.findReport('DOWN22', 'k'))?.map((r) => r.points)).toEqual([950]);
      expect((await query<{ code: string }>(url, 'SELECT code FROM games ORDER BY id')).map((g) => g.code)).toEqual(['DOWN22', 'DOWN33']);
      expect(logged.some((m) => /saving game DOWN22 failed; retrying/.test(m))).toBe(true);
    } finally {
      await saves.close(1000);
      await store.close();
    }
  });
});
