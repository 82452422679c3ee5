/**
 * Report store benchmark (`npm run bench -- reports`): the same work on SQLite (a file on disk) and on a real
 * PostgreSQL 15 started here (test/support/postgres.ts: fsync off, so these are CPU and round-trip costs, not a
 * disk's). Prints the time to migrate a fresh database (one process, and three starting at once), the time to
 * save and to read back a class game (30 players × 10 questions) as p50/p99 over many games, and the same for
 * one 2,000-player game.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportRow } from '../shared/report/types';
import { hashSecret, type GameStore, type StoredGame } from '../server/store/game-store';
import { openPostgresStore } from '../server/store/postgres';
import { openGameStore } from '../server/store/sqlite';
import { freshDatabase } from '../test/server/store-engines';
import { startPostgres } from '../test/support/postgres';
import { percentile } from './load/stats';

const CLASS_GAMES = Number(process.env.ARENA_BENCH_REPORT_GAMES ?? 200);

function game(code: string, players: number, questions: number): StoredGame {
  const rows: ReportRow[] = [];
  for (let q = 1; q <= questions; q++) {
    for (let p = 0; p < players; p++) {
      rows.push({
        player: `Player ${p}`, question: q, questionId: `chain-${q}`, questionText: 'Differentiate y = sin(x^2) with respect to x',
        correctAnswer: '2*x*cos(x^2)', answer: p % 3 === 0 ? 'cos(x^2)' : '2*x*cos(x^2)', outcome: p % 3 === 0 ? 'wrong' : 'correct',
        correct: p % 3 !== 0, mistake: p % 3 === 0 ? 'forgot-inner-derivative' : '', timeMs: 1000 + p, points: p % 3 === 0 ? 0 : 900,
      });
    }
  }
  return { code, hostKeyHash: hashSecret(`secret-${code}`), mode: 'classroom', createdAt: 1, finishedAt: 2, settings: {}, rows };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function measure(name: string, store: GameStore): Promise<void> {
  const saves: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < CLASS_GAMES; i++) {
    const g = game(`C${i}`, 30, 10);
    saves.push(await timed(() => store.saveGame(g)));
    reads.push(await timed(() => store.findReport(g.code, `secret-${g.code}`)));
  }
  const big = game('BIG', 2000, 10);
  const bigSave = await timed(() => store.saveGame(big));
  const bigRead = await timed(() => store.findReport('BIG', 'secret-BIG'));
  console.log(
    `${name.padEnd(8)} class game (300 rows) save p50 ${ms(percentile(saves, 50))} p99 ${ms(percentile(saves, 99))}, ` +
      `read p50 ${ms(percentile(reads, 50))} p99 ${ms(percentile(reads, 99))}; 2,000-player game (20,000 rows) save ${ms(bigSave)}, read ${ms(bigRead)}`,
  );
}

export async function run(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${CLASS_GAMES} class games per engine`);
  const dir = mkdtempSync(join(tmpdir(), 'arena-bench-reports-'));
  const sqlite = openGameStore(dir);
  try {
    await measure('sqlite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const server = await startPostgres();
  try {
    const one = await openPostgresStore(await freshDatabase(server), { log: () => {} });
    const url = await freshDatabase(server);
    const t = performance.now();
    const three = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { log: () => {} })));
    const together = performance.now() - t;
    console.log(`postgres migration on a fresh database: ${ms(one.openMs)} (connect + migrate); three processes at once: ${ms(together)}`);
    await Promise.all(three.map((s) => s.close()));
    await measure('postgres', one);
    await one.close();
  } finally {
    await server.stop();
  }
}
