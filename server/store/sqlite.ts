/**
 * Finished games in an embedded SQLite file (better-sqlite3, WAL), so reports survive a restart. The host
 * secret is stored only as a SHA-256 hash: the file alone does not let anyone download a report.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportRow } from '../report/csv';
import { ensureReportColumns, rowFromDb } from './report-columns';

export interface StoredGame {
  code: string;
  /** SHA-256 (hex) of the host secret; the secret itself is never stored. */
  hostKeyHash: string;
  mode: string;
  createdAt: number;
  finishedAt: number;
  settings: unknown;
  rows: ReportRow[];
}

export interface GameStore {
  saveGame(game: StoredGame): void;
  /** The latest finished game with this code whose host secret matches, or null. */
  findReport(code: string, hostSecret: string): ReportRow[] | null;
  /** Writes one row to a health table: throws when the database cannot be written (/readyz). */
  probe(): void;
  close(): void;
}

export const DB_FILE = 'arena.sqlite';

const SCHEMA = `
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

const hash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Opens (creating the directory and file when needed) `<dataDir>/arena.sqlite` in WAL mode. */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Opens the database in `dataDir` and the finished-games store on it. */
export function openGameStore(dataDir: string): GameStore {
  return gameStore(openDatabase(dataDir));
}

/** Finished games on an open database; `close()` closes the database. */
export function gameStore(db: Database.Database): GameStore {
  db.exec(SCHEMA);
  ensureReportColumns(db);
  const insertGame = db.prepare(
    'INSERT INTO games (code, secret_hash, mode, created_at, finished_at, settings_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertRow = db.prepare(
    'INSERT INTO answers (game_id, player, question, question_id, answer, correct, mistake, time_ms, points, question_text, correct_answer, outcome, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const findGame = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM games WHERE code = ? AND secret_hash = ? ORDER BY finished_at DESC, id DESC LIMIT 1',
  );
  const rowsOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM answers WHERE game_id = ? ORDER BY question, rowid');
  const touch = db.prepare('INSERT OR REPLACE INTO health (id, checked_at) VALUES (1, ?)');
  const save = db.transaction((g: StoredGame) => {
    const info = insertGame.run(g.code, g.hostKeyHash, g.mode, g.createdAt, g.finishedAt, JSON.stringify(g.settings));
    for (const r of g.rows) {
      insertRow.run(info.lastInsertRowid, r.player, r.question, r.questionId, r.answer, r.correct ? 1 : 0, r.mistake, r.timeMs, r.points, r.questionText, r.correctAnswer, r.outcome, r.submitted ?? '');
    }
  });
  return {
    saveGame: (game) => save(game),
    findReport(code, hostSecret) {
      const game = findGame.get(code, hash(hostSecret));
      if (!game) return null;
      return rowsOf.all(game.id).map(rowFromDb);
    },
    probe: () => void touch.run(Date.now()),
    close: () => db.close(),
  };
}
