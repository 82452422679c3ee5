/**
 * The finished-games store: the same behaviour on SQLite (a file on disk) and on a real PostgreSQL started for
 * this file, then what only one engine has (an old SQLite file; PostgreSQL migrations).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../server/store/sqlite-migrations';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRow } from '../../shared/report/types';
import { hashSecret, type StoredGame } from '../../server/store/game-store';
import { DB_FILE, openGameStore } from '../../server/store/sqlite';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { openPostgres, openSqlite, type EngineUnderTest } from './store-engines';

let server: RunningPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const opened: EngineUnderTest[] = [];
afterEach(async () => {
  for (const e of opened.splice(0)) await e.dispose();
});

function row(player: string, question: number, over: Partial<ReportRow> = {}): ReportRow {
  return {
    player, question, questionId: `chain-${question}`, questionText: 'Differentiate y = sin(x^2), "quoted", with commas',
    correctAnswer: '2*x*cos(x^2)', answer: '2*x*cos(x^2)', outcome: 'correct', correct: true, mistake: '', timeMs: 4200, points: 800, ...over,
  };
}

function game(code: string, secret: string, rows: ReportRow[], finishedAt = 2_000): StoredGame {
  return { code, hostKeyHash: hashSecret(secret), mode: 'classroom', createdAt: 1_000, finishedAt, settings: { questionCount: 2 }, rows };
}

const ENGINES = { sqlite: openSqlite, postgres: () => openPostgres(server) };

describe.each(Object.keys(ENGINES) as Array<keyof typeof ENGINES>)('report store on %s', (name) => {
  async function open(): Promise<EngineUnderTest> {
    const e = await ENGINES[name]();
    opened.push(e);
    return e;
  }

  it('gives a saved game back, in question order, only to the holder of its secret', async () => {
    const { store } = await open();
    const rows = [
      // How each answer was submitted, and extra time, come back as stored; a row saved without them, without them.
      row('Ada', 1, { submitted: 'sent', extraTimeMs: 30_000 }), row('Bob', 1, { answer: '', outcome: 'no answer', correct: false, timeMs: null, points: 0, submitted: 'none' }),
      row('Ada', 2, { answer: 'cos(x^2)', outcome: 'wrong', correct: false, mistake: 'missing-inner-derivative', points: 0, submitted: 'draft' }),
      row('Zoë 🦊', 2, { questionText: 'Jacobian of (x·y, x+y)' }),
    ];
    await store.saveGame(game('ABCD23', 's3cret', [rows[0], rows[2], rows[1], rows[3]] as ReportRow[]));
    expect(await store.findReport('ABCD23', 's3cret')).toEqual(rows);
    expect(await store.findReport('ABCD23', 'wrong')).toBeNull();
    expect(await store.findReport('ZZZZ99', 's3cret')).toBeNull();
  });

  it('stores the host secret only as its SHA-256 hash', async () => {
    const e = await open();
    await e.store.saveGame(game('HASH22', 'plain-secret-value', [row('Ada', 1)]));
    const games = await e.rows('games');
    expect(games.map((g) => g.secret_hash)).toEqual([hashSecret('plain-secret-value')]);
    expect(JSON.stringify([games, await e.rows('answers')])).not.toContain('plain-secret-value');
  });

  it('gives the latest game of a reused code and secret, and stores a game saved twice once', async () => {
    const e = await open();
    await e.store.saveGame(game('AGAIN2', 'k', [row('Old', 1)], 2_000));
    const latest = game('AGAIN2', 'k', [row('New', 1)], 3_000);
    await e.store.saveGame(latest);
    await e.store.saveGame(latest);
    await e.store.saveGame(game('AGAIN2', 'other', [row('Other', 1)], 4_000));
    expect((await e.store.findReport('AGAIN2', 'k'))?.map((r) => r.player)).toEqual(['New']);
    expect(await e.rows('games')).toHaveLength(3);
    expect(await e.rows('answers')).toHaveLength(3);
  });

  it('keeps a room\'s games apart by number (a follow-up round is game 2) and deletes one, or all, for the key\'s holder', async () => {
    const e = await open();
    await e.store.saveGame(game('ROUND2', 'k', [row('Ada', 1, { topic: 'nested', mistake: 'forgot-inner-derivative' })], 2_000));
    await e.store.saveGame({ ...game('ROUND2', 'k', [row('Ada', 1, { topic: 'chain' }), row('Bob', 1)], 3_000), game: 2 });
    expect((await e.store.findReport('ROUND2', 'k', 1))?.map((r) => [r.player, r.topic])).toEqual([['Ada', 'nested']]);
    expect((await e.store.findReport('ROUND2', 'k', 2))?.map((r) => r.player)).toEqual(['Ada', 'Bob']);
    expect((await e.store.findReport('ROUND2', 'k'))?.map((r) => r.player)).toEqual(['Ada', 'Bob']);
    expect(await e.store.findReport('ROUND2', 'k', 3)).toBeNull();
    expect(await e.store.deleteReport('ROUND2', 'wrong', 1)).toBe(false);
    expect(await e.store.deleteReport('ROUND2', 'k', 1)).toBe(true);
    expect(await e.store.findReport('ROUND2', 'k', 1)).toBeNull();
    expect((await e.store.findReport('ROUND2', 'k', 2))?.map((r) => r.player)).toEqual(['Ada', 'Bob']);
    expect(await e.store.deleteReport('ROUND2', 'k', 1)).toBe(false);
    expect(await e.store.deleteReport('ROUND2', 'k')).toBe(true);
    expect(await e.rows('games')).toHaveLength(0);
    expect(await e.rows('answers')).toHaveLength(0);
  });

  it('finds a game without answers, with no rows', async () => {
    const { store } = await open();
    await store.saveGame(game('EMPTY2', 'k', []));
    expect(await store.findReport('EMPTY2', 'k')).toEqual([]);
  });

  it('saves and reads back a 2,000-player game whole', async () => {
    const e = await open();
    const rows = Array.from({ length: 3 }, (_, q) => Array.from({ length: 2000 }, (_, p) => row(`P${p}`, q + 1, { points: p }))).flat();
    await e.store.saveGame(game('BIG222', 'k', rows));
    const back = await e.store.findReport('BIG222', 'k');
    expect(back).toHaveLength(6000);
    expect(back?.[5999]).toEqual(rows[5999]);
    expect(back?.reduce((sum, r) => sum + r.points, 0)).toBe(3 * (1999 * 2000) / 2);
  });

  it('answers the readiness probe while open and rejects everything once closed', async () => {
    const { store } = await open();
    await expect(store.probe()).resolves.toBeUndefined();
    await store.close();
    await expect(store.probe()).rejects.toThrow();
    await expect(store.saveGame(game('CLOSED', 'k', []))).rejects.toThrow();
  });
});

describe('report store on an SQLite file written by an older version', () => {
  it('adds the report columns and reads old rows with a derived outcome', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-report-store-'));
    try {
      const old = new Database(join(dir, DB_FILE));
      old.exec(`CREATE TABLE games (id INTEGER PRIMARY KEY, code TEXT NOT NULL, secret_hash TEXT NOT NULL, mode TEXT NOT NULL,
        created_at INTEGER NOT NULL, finished_at INTEGER NOT NULL, settings_json TEXT NOT NULL);
        CREATE TABLE answers (game_id INTEGER NOT NULL, player TEXT NOT NULL, question INTEGER NOT NULL, question_id TEXT NOT NULL,
        answer TEXT NOT NULL, correct INTEGER NOT NULL, mistake TEXT NOT NULL, time_ms INTEGER, points INTEGER NOT NULL);`);
      old.prepare("INSERT INTO games VALUES (1, 'ABCD23', ?, 'classroom', 1, 2, '{}')").run(hashSecret('s3cret'));
      const insert = old.prepare('INSERT INTO answers VALUES (1, ?, 1, ?, ?, ?, ?, ?, ?)');
      insert.run('Ada', 'jacobian-3-1', '[[1,2],[3,4]]', 0, 'wrong-order', 9000, 0);
      insert.run('Bob', 'jacobian-3-1', '', 0, '', null, 0);
      insert.run('Cy', 'jacobian-3-1', '[[1,2],[3,5]]', 1, '', 4000, 800);
      old.close();

      const store = openGameStore(dir);
      try {
        const rows = await store.findReport('ABCD23', 's3cret');
        expect(rows?.map((r) => [r.player, r.answer, r.outcome])).toEqual([
          ['Ada', '[1, 2; 3, 4]', 'wrong'],
          ['Bob', '', 'no answer'],
          ['Cy', '[1, 2; 3, 5]', 'correct'],
        ]);
        expect(rows?.[0]?.questionText).toBe('');
        expect(rows?.[0]?.submitted).toBeUndefined();
      } finally {
        await store.close();
      }
      // Opening again does not try to add the columns twice.
      await openGameStore(dir).close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('numbers its schema changes: a fresh file gets them all, an unnumbered older one only what it lacks', () => {
    const fresh = new Database(':memory:');
    expect(migrateSqlite(fresh)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(fresh.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(migrateSqlite(fresh)).toEqual([]);

    // A file whose columns were added before the numbering (the release that added them at open), up to `outcome`.
    const older = new Database(':memory:');
    older.exec(`CREATE TABLE answers (game_id INTEGER NOT NULL, player TEXT NOT NULL, question INTEGER NOT NULL, question_id TEXT NOT NULL,
      answer TEXT NOT NULL, correct INTEGER NOT NULL, mistake TEXT NOT NULL, time_ms INTEGER, points INTEGER NOT NULL,
      question_text TEXT NOT NULL DEFAULT '', correct_answer TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '')`);
    expect(migrateSqlite(older)).toEqual([1, 2, 3, 4, 5, 6]);
    const columns = older.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('answers')").all().map((c) => c.name);
    expect(columns.slice(-6)).toEqual(['question_text', 'correct_answer', 'outcome', 'submitted', 'topic', 'extra_time_ms']);
  });
});
