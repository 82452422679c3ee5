/**
 * The report store under test on each engine, on a fresh database each time: SQLite in a temp folder on disk,
 * or a new database on a PostgreSQL started by test/support/postgres.ts. `rows` reads a table straight from the
 * database, so tests can check what is really stored (a hash, never the secret).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { GameStore } from '../../server/store/game-store';
import { openPostgresStore } from '../../server/store/postgres';
import { openDatabase, gameStore } from '../../server/store/sqlite';
import type { RunningPostgres } from '../support/postgres';

export interface EngineUnderTest {
  store: GameStore;
  /** Every row of a table, as the database holds it. */
  rows(table: 'games' | 'answers'): Promise<Array<Record<string, unknown>>>;
  dispose(): Promise<void>;
}

export function openSqlite(): Promise<EngineUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'arena-store-'));
  const db = openDatabase(dir);
  const store = gameStore(db);
  return Promise.resolve({
    store,
    rows: (table) => Promise.resolve(db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).all()),
    dispose() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

let databases = 0;

/** A new, empty database on `server`; its URL. */
export async function freshDatabase(server: RunningPostgres): Promise<string> {
  const name = `arena_t${process.pid}_${++databases}`;
  const admin = new pg.Client(server.url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function openPostgres(server: RunningPostgres): Promise<EngineUnderTest> {
  const url = await freshDatabase(server);
  const store = await openPostgresStore(url, { log: () => {} });
  const reader = new pg.Pool({ connectionString: url, max: 1 });
  return {
    store,
    rows: async (table) => (await reader.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows,
    async dispose() {
      await store.close().catch(() => undefined);
      await reader.end();
    },
  };
}
