/**
 * The SQLite report schema as numbered migrations, as PostgreSQL has (pg-migrations.ts): the database's
 * `user_version` is the last one applied, and opening applies the rest in one transaction. Append new migrations
 * with the next number; never edit one that has shipped. A database from before the numbering (user_version 0)
 * may already hold some of what a migration adds, so each step checks before it adds a column.
 */
import type Database from 'better-sqlite3';

export interface SqliteMigration {
  version: number;
  name: string;
  apply(db: Database.Database): void;
}

const BASE = `
CREATE TABLE IF NOT EXISTS games (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  mode TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  settings_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS games_code ON games (code, finished_at);
-- One row per finished game, as in PostgreSQL: saving the same game again stores nothing new.
CREATE UNIQUE INDEX IF NOT EXISTS games_once ON games (code, secret_hash, finished_at);
CREATE TABLE IF NOT EXISTS answers (
  game_id INTEGER NOT NULL REFERENCES games (id),
  player TEXT NOT NULL,
  question INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  answer TEXT NOT NULL,
  correct INTEGER NOT NULL,
  mistake TEXT NOT NULL,
  time_ms INTEGER,
  points INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_game ON answers (game_id);
CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY, checked_at INTEGER NOT NULL);
`;

/** Adds a column to `answers` unless a database from before the numbering already has it. */
function addAnswerColumn(db: Database.Database, name: string, decl: string): void {
  const have = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('answers')").all();
  if (!have.some((c) => c.name === name)) db.exec(`ALTER TABLE answers ADD COLUMN ${name} ${decl}`);
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, name: 'finished games and their answers', apply: (db) => db.exec(BASE) },
  {
    version: 2,
    name: "the report's teacher-facing columns (question text, correct answer, outcome)",
    apply: (db) => {
      addAnswerColumn(db, 'question_text', "TEXT NOT NULL DEFAULT ''");
      addAnswerColumn(db, 'correct_answer', "TEXT NOT NULL DEFAULT ''");
      addAnswerColumn(db, 'outcome', "TEXT NOT NULL DEFAULT ''");
    },
  },
  { version: 3, name: 'how each answer was submitted (sent, draft, none)', apply: (db) => addAnswerColumn(db, 'submitted', "TEXT NOT NULL DEFAULT ''") },
  { version: 4, name: 'the topic (family) of each answered question, for the class summary', apply: (db) => addAnswerColumn(db, 'topic', "TEXT NOT NULL DEFAULT ''") },
  { version: 5, name: 'which game of its room a finished game is (a follow-up round is game 2)', apply: (db) => db.exec('ALTER TABLE games ADD COLUMN game INTEGER NOT NULL DEFAULT 1') },
  { version: 6, name: 'extra time each player had on each question (docs/accessibility.md#extra-time)', apply: (db) => addAnswerColumn(db, 'extra_time_ms', 'INTEGER') },
];

/** Applies the migrations above the database's `user_version`; returns the versions it applied. */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number[] {
  return db.transaction(() => {
    const at = db.pragma('user_version', { simple: true }) as number;
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= at) continue;
      m.apply(db);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    }
    return applied;
  })();
}
