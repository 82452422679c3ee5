/**
 * Finished games on a shelf in Redis, so that every process of a cluster serves the report of a game that just
 * finished, whichever process ran it and whether or not the database (PostgreSQL) is there right now. A game is
 * shelved when it finishes, before its save is tried; it leaves the unsaved list once saved, and its report stays
 * on the shelf for as long as the room stays reachable (FINISHED_TTL_MS), so a database outage right after the
 * save does not hide it either. A game waiting for the database is claimed by the process saving it; one whose
 * claim lapsed (the process died) is claimed and saved by another (saving twice stores it once: games_once).
 *
 * Keys: `arena:report:CODE:HASH` the game (JSON; HASH is the host secret's SHA-256, so the shelf alone opens no
 * report), `…:saving` the claim, `arena:reports:unsaved` the games not yet in the database.
 */
import type { Redis } from 'ioredis';
import type { ReportRow } from '../report/csv';
import { FINISHED_TTL_MS } from '../room-runtime/registry';
import { hashSecret, type StoredGame } from '../store/game-store';
import type { ReportShelf } from '../store/save-queue';
import { PREFIX } from './keys';

const UNSAVED = `${PREFIX}reports:unsaved`;
/** A room's first game keeps the key it always had; a follow-up round's game N adds `:N`. */
const suffix = (game: number | undefined): string => (game === undefined || game === 1 ? '' : `:${game}`);
const gameKey = (code: string, hash: string, game?: number): string => `${PREFIX}report:${code}:${hash}${suffix(game)}`;
const claimKey = (id: string): string => `${PREFIX}report:${id}:saving`;
const idOf = (g: Pick<StoredGame, 'code' | 'hostKeyHash' | 'game'>): string => `${g.code}:${g.hostKeyHash}${suffix(g.game)}`;
/** Longer than the save queue's longest wait between two tries (30 s): a claim lapses only when its process is gone. */
export const CLAIM_MS = 90_000;

/** `claimMs`: how long a claim lasts without renewal (shorter in tests). */
export function reportShelf(redis: Redis, me: string, claimMs = CLAIM_MS): ReportShelf {
  const CLAIM_MS = claimMs;
  return {
    async put(game) {
      const id = idOf(game);
      await redis.multi().set(gameKey(game.code, game.hostKeyHash, game.game), JSON.stringify(game)).sadd(UNSAVED, id).set(claimKey(id), me, 'PX', CLAIM_MS).exec();
    },
    async saved(game) {
      const id = idOf(game);
      await redis.multi().srem(UNSAVED, id).pexpire(gameKey(game.code, game.hostKeyHash, game.game), FINISHED_TTL_MS).del(claimKey(id)).exec();
    },
    async claim(game) {
      await redis.set(claimKey(idOf(game)), me, 'PX', CLAIM_MS);
    },
    // Without a game number: the room's first game (the shelf keeps each game for FINISHED_TTL_MS only).
    async find(code, hostSecret, game): Promise<ReportRow[] | null> {
      const raw = await redis.get(gameKey(code, hashSecret(hostSecret), game));
      return raw === null ? null : (JSON.parse(raw) as StoredGame).rows;
    },
    async drop(code, hostSecret, game) {
      const g = { code, hostKeyHash: hashSecret(hostSecret), ...(game === undefined ? {} : { game }) };
      await redis.multi().del(gameKey(g.code, g.hostKeyHash, game)).srem(UNSAVED, idOf(g)).exec();
    },
    async orphans() {
      const games: StoredGame[] = [];
      for (const id of await redis.smembers(UNSAVED)) {
        if ((await redis.set(claimKey(id), me, 'PX', CLAIM_MS, 'NX')) !== 'OK') continue;
        const raw = await redis.get(`${PREFIX}report:${id}`);
        if (raw === null) await redis.srem(UNSAVED, id);
        else games.push(JSON.parse(raw) as StoredGame);
      }
      return games;
    },
  };
}
