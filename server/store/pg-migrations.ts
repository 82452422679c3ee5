/**
 * The PostgreSQL schema as numbered migrations, applied on start. Everything runs in one transaction that first
 * takes a transaction-scoped advisory lock, so when several game processes start at once they apply the
 * migrations one after another: the first does the work, the others wait for its commit and find nothing left
 * to do. A failed migration rolls back whole (DDL is transactional in PostgreSQL). Append new migrations with
 * the next number; never edit one that has shipped.
 */
import type { PoolClient } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'finished games and their answers',
    sql: `
CREATE TABLE games (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  mode TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  settings JSONB NOT NULL
);
-- One row per finished game: a save retried after a lost commit acknowledgement finds its game already there.
CREATE UNIQUE INDEX games_once ON games (code, secret_hash, finished_at);
CREATE INDEX games_code ON games (code, finished_at);
CREATE TABLE answers (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  game_id BIGINT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
  player TEXT NOT NULL,
  question INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  answer TEXT NOT NULL,
  correct BOOLEAN NOT NULL,
  mistake TEXT NOT NULL,
  time_ms INTEGER,
  points INTEGER NOT NULL,
  question_text TEXT NOT NULL DEFAULT '',
  correct_answer TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX answers_game ON answers (game_id);
CREATE TABLE health (id INTEGER PRIMARY KEY, checked_at BIGINT NOT NULL, checked_by TEXT NOT NULL);
`,
  },
  {
    version: 2,
    name: 'how each answer was submitted (sent, draft, none)',
    sql: `ALTER TABLE answers ADD COLUMN submitted TEXT NOT NULL DEFAULT '';`,
  },
  {
    version: 3,
    name: 'the topic (family) of each answered question, for the class summary',
    sql: `ALTER TABLE answers ADD COLUMN topic TEXT NOT NULL DEFAULT '';`,
  },
  {
    version: 4,
    name: 'which game of its room a finished game is (a follow-up round is game 2)',
    sql: `ALTER TABLE games ADD COLUMN game INTEGER NOT NULL DEFAULT 1;`,
  },
  {
    version: 5,
    name: 'extra time each player had on each question (docs/accessibility.md#extra-time)',
    sql: 'ALTER TABLE answers ADD COLUMN extra_time_ms INTEGER;',
  },
];

/** Any fixed number: every process of this app locks the same one ("arena" in ASCII). */
export const MIGRATION_LOCK = 0x6172656e61;

/** Applies the migrations not yet recorded in `schema_migrations`; resolves with the versions it applied. */
export async function migrate(client: PoolClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const have = new Set(done.rows.map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (have.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
