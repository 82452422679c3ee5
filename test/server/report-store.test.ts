import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openGameStore } from '../../server/store/sqlite';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('report store', () => {
  it('opens a database written before the report columns and reads its rows with a derived outcome', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-report-store-'));
    dirs.push(dir);
    const old = new Database(join(dir, DB_FILE));
    old.exec(`CREATE TABLE games (id INTEGER PRIMARY KEY, code TEXT NOT NULL, secret_hash TEXT NOT NULL, mode TEXT NOT NULL,
      created_at INTEGER NOT NULL, finished_at INTEGER NOT NULL, settings_json TEXT NOT NULL);
      CREATE TABLE answers (game_id INTEGER NOT NULL, player TEXT NOT NULL, question INTEGER NOT NULL, question_id TEXT NOT NULL,
      answer TEXT NOT NULL, correct INTEGER NOT NULL, mistake TEXT NOT NULL, time_ms INTEGER, points INTEGER NOT NULL);`);
    const secretHash = createHash('sha256').update('s3cret').digest('hex');
    old.prepare("INSERT INTO games VALUES (1, 'ABCD23', ?, 'classroom', 1, 2, '{}')").run(secretHash);
    const row = old.prepare('INSERT INTO answers VALUES (1, ?, 1, ?, ?, ?, ?, ?, ?)');
    row.run('Ada', 'jacobian-3-1', '[[1,2],[3,4]]', 0, 'wrong-order', 9000, 0);
    row.run('Bob', 'jacobian-3-1', '', 0, '', null, 0);
    row.run('Cy', 'jacobian-3-1', '[[1,2],[3,5]]', 1, '', 4000, 800);
    old.close();

    const store = openGameStore(dir);
    try {
      const rows = store.findReport('ABCD23', 's3cret');
      expect(rows?.map((r) => [r.player, r.answer, r.outcome])).toEqual([
        ['Ada', '[1, 2; 3, 4]', 'wrong'],
        ['Bob', '', 'no answer'],
        ['Cy', '[1, 2; 3, 5]', 'correct'],
      ]);
      expect(rows?.[0]?.questionText).toBe('');
    } finally {
      store.close();
    }
    // Opening again does not try to add the columns twice.
    openGameStore(dir).close();
  });
});
