/**
 * Finished games on their way into the store. A game ends inside the room's synchronous state machine, and the
 * database (PostgreSQL above all) may be briefly away: the game is queued here, saved in order, and retried with
 * a doubling delay while the failure looks like a connection problem, so a restart of the database loses no
 * report. Until it is saved its report is served from here, and /readyz reports the store as degraded while saves
 * are failing (games go on: only reports wait).
 *
 * In a cluster the queue is also kept on a shelf every process reads (`share`, cluster/report-shelf.ts): any
 * process serves the report of a game that waits for the database, and a game whose process died before saving
 * it is picked up and saved by another.
 */
import type { ReportRow } from '../report/csv';
import { hashSecret, type GameStore, type StoredGame } from './game-store';
import { isConnectionError } from './transient';
import type { ErrorLog } from '../log';

/** Finished games where every process of a cluster finds them (Redis), until saved and for a while after. */
export interface ReportShelf {
  /** Shelves a game this process is about to save (claimed by it). */
  put(game: StoredGame): Promise<void>;
  /** The game is in the store: it leaves the unsaved list (its report stays on the shelf for a while). */
  saved(game: StoredGame): Promise<void>;
  /** This process still tries to save the game: its claim is renewed. */
  claim(game: StoredGame): Promise<void>;
  /** The rows of a shelved game for the holder of its host secret, or null. */
  find(code: string, hostSecret: string, game?: number): Promise<ReportRow[] | null>;
  /** Takes a game off the shelf (its report was deleted). */
  drop(code: string, hostSecret: string, game?: number): Promise<void>;
  /** Unsaved games nobody claims any more (their process died), each now claimed by this process. */
  orphans(): Promise<StoredGame[]>;
}

/** How often a process looks for games whose process died before saving them. */
const ORPHAN_SWEEP_MS = 10_000;

export interface SaveQueueOptions {
  log: ErrorLog;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Tries for an error that is not a connection problem (a bug would never succeed: log and give up). */
  maxOtherTries?: number;
}

export class SaveQueue {
  private readonly queue: StoredGame[] = [];
  private running: Promise<void> | null = null;
  private failing: unknown = null;
  private wake: (() => void) | null = null;
  private closed = false;
  private shelf: ReportShelf | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: GameStore,
    private readonly opts: SaveQueueOptions,
  ) {}

  /** Keeps queued games on `shelf` too, and saves the ones other processes left unsaved (looked for every `sweepMs`). */
  share(shelf: ReportShelf, sweepMs = ORPHAN_SWEEP_MS): void {
    this.shelf = shelf;
    const sweep = (): void => {
      void shelf
        .orphans()
        .then((games) => {
          for (const g of games) if (!this.queue.some((q) => sameGame(q, g))) this.enqueue(g);
        })
        .catch(() => undefined)
        .finally(() => {
          if (this.sweeper) this.sweeper = setTimeout(sweep, sweepMs).unref();
        });
    };
    this.sweeper = setTimeout(sweep, sweepMs).unref();
  }

  /** Queues a finished game; never throws (failures are logged and retried). */
  save(game: StoredGame): void {
    this.shelf?.put(game).catch((err: unknown) => this.opts.log(`shelving game ${game.code} failed; only this process serves its report until it is saved`, err, { room: game.code }));
    this.enqueue(game);
  }

  private enqueue(game: StoredGame): void {
    this.queue.push(game);
    this.kick();
  }

  /** The report of a game not saved yet: waiting here, or (in a cluster) on the shared shelf. */
  async findWaiting(code: string, hostSecret: string, game?: number): Promise<ReportRow[] | null> {
    return this.findPending(code, hostSecret, game) ?? (this.shelf ? this.shelf.find(code, hostSecret, game).catch(() => null) : null);
  }

  /** A deleted report: no longer waiting here (never saved now) nor on the shelf; resolves whether it was here. */
  async forget(code: string, hostSecret: string, game?: number): Promise<boolean> {
    const hash = hashSecret(hostSecret);
    const before = this.queue.length;
    // The game being saved right now (the head) finishes its save; the store's delete after this removes it.
    for (let i = this.queue.length - 1; i >= 1; i--) {
      const g = this.queue[i];
      if (g?.code === code && g.hostKeyHash === hash && (game === undefined || (g.game ?? 1) === game)) this.queue.splice(i, 1);
    }
    await this.shelf?.drop(code, hostSecret, game).catch(() => undefined);
    return this.queue.length < before;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // A game queued between the loop's last look and this callback.
      if (this.queue.length > 0 && !this.closed) this.kick();
    });
  }

  /** Resolves once every queued game is saved (or given up); at once when none waits. */
  async drained(): Promise<void> {
    while (this.running) await this.running;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** The report of a game not saved yet, for the holder of its host secret. */
  findPending(code: string, hostSecret: string, game?: number): ReportRow[] | null {
    const hash = hashSecret(hostSecret);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const g = this.queue[i];
      if (g?.code === code && g.hostKeyHash === hash && (game === undefined || (g.game ?? 1) === game)) return g.rows;
    }
    return null;
  }

  /** Rejects while saves are failing (readiness: degraded), naming how many games wait. */
  check(): void {
    if (this.failing !== null && this.queue.length > 0) {
      const code = (this.failing as { code?: unknown }).code;
      throw Object.assign(new Error(`${this.queue.length} finished game(s) waiting to be saved`), { code: typeof code === 'string' ? code : 'SAVE_FAILING' });
    }
  }

  /** Stops retrying after one more prompt try, waiting at most `timeoutMs`; logs every game left unsaved. */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearTimeout(this.sweeper);
    this.sweeper = null;
    this.wake?.();
    const running = this.running;
    if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    for (const g of this.queue) this.opts.log(`game ${g.code} (finished ${new Date(g.finishedAt).toISOString()}) was not saved before shutdown`, undefined, { room: g.code });
  }

  private async drain(): Promise<void> {
    const first = this.opts.firstDelayMs ?? 500;
    let delay = first;
    let otherTries = 0;
    while (this.queue.length > 0) {
      const game = this.queue[0] as StoredGame;
      try {
        await this.store.saveGame(game);
        if (this.failing !== null) this.opts.log(`saving finished games works again (game ${game.code} saved)`, undefined, { room: game.code });
        this.shelf?.saved(game).catch(() => undefined);
        this.queue.shift();
        this.failing = null;
        delay = first;
        otherTries = 0;
        continue;
      } catch (err) {
        this.failing = err;
        const retry = isConnectionError(err) || ++otherTries < (this.opts.maxOtherTries ?? 3);
        if (!retry) {
          this.opts.log(`saving game ${game.code} failed for good`, err, { room: game.code });
          this.queue.shift();
          continue;
        }
        if (this.closed) return;
        this.opts.log(`saving game ${game.code} failed; retrying in ${delay} ms (${this.queue.length} waiting)`, err, { room: game.code });
        for (const g of this.queue) this.shelf?.claim(g).catch(() => undefined);
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, delay).unref();
      });
      this.wake = null;
      delay = Math.min(delay * 2, this.opts.maxDelayMs ?? 30_000);
    }
  }
}

const sameGame = (a: StoredGame, b: StoredGame): boolean => a.code === b.code && a.hostKeyHash === b.hostKeyHash && a.finishedAt === b.finishedAt;
