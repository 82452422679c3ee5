/**
 * Finished games in an embedded SQLite file (better-sqlite3, WAL), so reports survive a restart: the default
 * engine when DATABASE_URL is not set. better-sqlite3 is synchronous; the methods return settled promises so
 * this file implements the same `GameStore` as PostgreSQL (the work itself is a few milliseconds at most).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret, type GameStore, type StoredGame } from './game-store';
import { rowFromDb } from './report-rows';
import { migrateSqlite } from './sqlite-migrations';

export type { GameStore, StoredGame } from './game-store';

export const DB_FILE = 'arena.sqlite';

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

/** Finished games on an open database; `close()` closes the database. Errors reject, never throw. */
export function gameStore(db: Database.Database): GameStore {
  migrateSqlite(db);
  const insertGame = db.prepare(
    'INSERT OR IGNORE INTO games (code, secret_hash, mode, created_at, finished_at, settings_json, game) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRow = db.prepare(
    'INSERT INTO answers (game_id, player, question, question_id, answer, correct, mistake, time_ms, points, question_text, correct_answer, outcome, submitted, topic, extra_time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const findGame = db.prepare<[string, string, number, number], { id: number }>(
    'SELECT id FROM games WHERE code = ? AND secret_hash = ? AND (? = 0 OR game = ?) ORDER BY finished_at DESC, id DESC LIMIT 1',
  );
  const gamesOf = db.prepare<[string, string, number, number], { id: number }>('SELECT id FROM games WHERE code = ? AND secret_hash = ? AND (? = 0 OR game = ?)');
  const dropAnswers = db.prepare('DELETE FROM answers WHERE game_id = ?');
  const dropGame = db.prepare('DELETE FROM games WHERE id = ?');
  const remove = db.transaction((code: string, hash: string, game: number): boolean => {
    const ids = gamesOf.all(code, hash, game, game).map((g) => g.id);
    for (const id of ids) {
      dropAnswers.run(id);
      dropGame.run(id);
    }
    return ids.length > 0;
  });
  const rowsOf = db.prepare<[number], Record<string, unknown>>('SELECT * FROM answers WHERE game_id = ? ORDER BY question, rowid');
  const touch = db.prepare('INSERT OR REPLACE INTO health (id, checked_at) VALUES (1, ?)');
  const save = db.transaction((g: StoredGame) => {
    const info = insertGame.run(g.code, g.hostKeyHash, g.mode, g.createdAt, g.finishedAt, JSON.stringify(g.settings), g.game ?? 1);
    if (info.changes === 0) return;
    for (const r of g.rows) {
      insertRow.run(info.lastInsertRowid, r.player, r.question, r.questionId, r.answer, r.correct ? 1 : 0, r.mistake, r.timeMs, r.points, r.questionText, r.correctAnswer, r.outcome, r.submitted ?? '', r.topic ?? '', r.extraTimeMs ?? null);
    }
  });
  return {
    engine: 'sqlite',
    saveGame: (game) => settle(() => void save(game)),
    findReport: (code, hostSecret, n = 0) =>
      settle(() => {
        const game = findGame.get(code, hashSecret(hostSecret), n, n);
        return game ? rowsOf.all(game.id).map(rowFromDb) : null;
      }),
    deleteReport: (code, hostSecret, n = 0) => settle(() => remove(code, hashSecret(hostSecret), n)),
    probe: () => settle(() => void touch.run(Date.now())),
    close: () => settle(() => void db.close()),
  };
}

/** Runs synchronous work as a promise: a throw becomes a rejection, as it would be from a database server. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
