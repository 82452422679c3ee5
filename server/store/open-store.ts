/**
 * Picks the finished-games engine: PostgreSQL when DATABASE_URL is set (shared by every process of a cluster),
 * otherwise the SQLite file in the data folder that the live rooms use too.
 */
import type Database from 'better-sqlite3';
import type { GameStore } from './game-store';
import { openPostgresStore } from './postgres';
import { gameStore } from './sqlite';
import type { ErrorLog } from '../log';

export interface ReportStoreOptions {
  /** The data folder's SQLite database (always open: live rooms are kept there). */
  db: Database.Database;
  databaseUrl?: string | undefined;
  log: ErrorLog;
}

export function openReportStore(opts: ReportStoreOptions): Promise<GameStore> {
  if (opts.databaseUrl) return openPostgresStore(opts.databaseUrl, { log: opts.log });
  return Promise.resolve(gameStore(opts.db));
}
