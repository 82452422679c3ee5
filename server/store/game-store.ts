/**
 * The finished-games store every engine implements (SQLite in sqlite.ts, PostgreSQL in postgres.ts). It is async
 * so a database server fits the same interface as the embedded file. The host secret is stored only as a SHA-256
 * hash: the database alone does not let anyone download a report.
 */
import type { ReportRow } from '../report/csv';

export interface StoredGame {
  code: string;
  /** SHA-256 (hex) of the host secret; the secret itself is never stored. */
  hostKeyHash: string;
  mode: string;
  createdAt: number;
  finishedAt: number;
  settings: unknown;
  rows: ReportRow[];
  /** Which game of its room: 1, then 2 after a follow-up round (server/rooms/follow-up.ts). Absent: 1. */
  game?: number;
}

export interface GameStore {
  /** Which engine, for logs and /readyz details. */
  readonly engine: 'sqlite' | 'postgres';
  saveGame(game: StoredGame): Promise<void>;
  /**
   * The finished game with this code whose host secret matches, or null: game number `game` of the room when
   * given, else the latest.
   */
  findReport(code: string, hostSecret: string, game?: number): Promise<ReportRow[] | null>;
  /** Deletes that game's report (every game of the room without `game`); resolves whether there was one. */
  deleteReport(code: string, hostSecret: string, game?: number): Promise<boolean>;
  /** Writes one row to a health table: rejects when the database cannot be written (/readyz). */
  probe(): Promise<void>;
  close(): Promise<void>;
}

export { hashSecret } from '../secrets';
