/**
 * Finished games in PostgreSQL (node-postgres pool), the engine when DATABASE_URL is set, so every game process
 * of a cluster reads and writes the same reports. The schema comes from numbered migrations run on open
 * (pg-migrations.ts). A game is one transaction: its row, then all its answers in one INSERT … SELECT unnest(…)
 * (a 2,000-player game is one round trip, not thousands). Saving twice is harmless (a unique index on the game).
 */
import { hostname } from 'node:os';
import pg from 'pg';
import { hashSecret, type GameStore, type StoredGame } from './game-store';
import { migrate } from './pg-migrations';
import { isConnectionError } from './transient';
import { rowFromDb } from './report-rows';
import type { ErrorLog } from '../log';

export interface PostgresStoreOptions {
  /** Problems the pool reports outside a query (a server restart drops idle connections). */
  log: ErrorLog;
  /** How long to keep trying to reach the database at start (compose starts everything at once). */
  startTimeoutMs?: number;
  /** Pool size per process. */
  maxConnections?: number;
}

export interface PostgresGameStore extends GameStore {
  /** Migration versions this open applied (empty when another process or an earlier start did them). */
  readonly migrated: number[];
  /** Time taken by connecting and migrating, in ms. */
  readonly openMs: number;
}

const ANSWER_COLUMNS = 'player, question, question_id, answer, correct, mistake, time_ms, points, question_text, correct_answer, outcome, submitted, topic, extra_time_ms';
const ANSWER_TYPES = ['text', 'int', 'text', 'text', 'bool', 'text', 'int', 'int', 'text', 'text', 'text', 'text', 'text', 'int'];

export async function openPostgresStore(url: string, opts: PostgresStoreOptions): Promise<PostgresGameStore> {
  const started = performance.now();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 4,
    // A database that is down answers /readyz and saves with an error in seconds, not after the OS TCP timeout.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    application_name: 'chain-rule-arena',
  });
  pool.on('error', (err) => opts.log('postgres connection dropped', err));
  let migrated: number[];
  try {
    migrated = await withRetry(opts.startTimeoutMs ?? 30_000, async () => {
      const client = await pool.connect();
      try {
        return await migrate(client);
      } finally {
        client.release();
      }
    });
  } catch (err) {
    await pool.end();
    throw err;
  }
  const me = `${hostname()}:${process.pid}`;
  return {
    engine: 'postgres',
    migrated,
    openMs: performance.now() - started,
    async saveGame(g: StoredGame) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const game = await client.query<{ id: string }>(
          `INSERT INTO games (code, secret_hash, mode, created_at, finished_at, settings, game) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (code, secret_hash, finished_at) DO NOTHING RETURNING id`,
          [g.code, g.hostKeyHash, g.mode, g.createdAt, g.finishedAt, JSON.stringify(g.settings ?? null), g.game ?? 1],
        );
        const id = game.rows[0]?.id;
        if (id !== undefined && g.rows.length > 0) await insertAnswers(client, id, g);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async findReport(code, hostSecret, n = 0) {
      const game = await pool.query<{ id: string }>(
        'SELECT id FROM games WHERE code = $1 AND secret_hash = $2 AND ($3::int = 0 OR game = $3::int) ORDER BY finished_at DESC, id DESC LIMIT 1',
        [code, hashSecret(hostSecret), n],
      );
      const id = game.rows[0]?.id;
      if (id === undefined) return null;
      // correct as 0/1: the same row shape as SQLite's, read by the same rowFromDb.
      const rows = await pool.query<Record<string, unknown>>(
        `SELECT ${ANSWER_COLUMNS.replace('correct,', 'correct::int AS correct,')} FROM answers WHERE game_id = $1 ORDER BY question, id`,
        [id],
      );
      return rows.rows.map(rowFromDb);
    },
    async deleteReport(code, hostSecret, n = 0) {
      // The answers go with their game (ON DELETE CASCADE).
      const gone = await pool.query('DELETE FROM games WHERE code = $1 AND secret_hash = $2 AND ($3::int = 0 OR game = $3::int)', [code, hashSecret(hostSecret), n]);
      return (gone.rowCount ?? 0) > 0;
    },
    async probe() {
      await pool.query(
        'INSERT INTO health (id, checked_at, checked_by) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at, checked_by = excluded.checked_by',
        [Date.now(), me],
      );
    },
    close: () => pool.end(),
  };
}

function insertAnswers(client: pg.PoolClient, gameId: string, g: StoredGame): Promise<unknown> {
  const columns: unknown[][] = ANSWER_TYPES.map(() => []);
  for (const r of g.rows) {
    const values = [r.player, r.question, r.questionId, r.answer, r.correct, r.mistake, r.timeMs, r.points, r.questionText, r.correctAnswer, r.outcome, r.submitted ?? '', r.topic ?? '', r.extraTimeMs ?? null];
    values.forEach((v, i) => columns[i]?.push(v));
  }
  const arrays = ANSWER_TYPES.map((t, i) => `$${i + 2}::${t}[]`).join(', ');
  return client.query(`INSERT INTO answers (game_id, ${ANSWER_COLUMNS}) SELECT $1, * FROM unnest(${arrays})`, [gameId, ...columns]);
}

/** Retries `work` with a doubling delay (0.25 s to 4 s) until it succeeds or `timeoutMs` has passed. */
async function withRetry<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 4000)) {
    try {
      return await work();
    } catch (err) {
      if (performance.now() + delay > deadline || !isConnectionError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
