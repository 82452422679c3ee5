/**
 * Finished games on their way into the store. A game ends inside the room's synchronous state machine, and the
 * database (PostgreSQL above all) may be briefly away: the game is queued here, saved in order, and retried with
 * a doubling delay while the failure looks like a connection problem, so a restart of the database loses no
 * report. Until it is saved its report is served from here, and /readyz fails while saves are failing.
 */
import type { ReportRow } from '../report/csv';
import { hashSecret, type GameStore, type StoredGame } from './game-store';
import { isConnectionError } from './transient';

export interface SaveQueueOptions {
  log: (message: string, err?: unknown) => void;
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

  constructor(
    private readonly store: GameStore,
    private readonly opts: SaveQueueOptions,
  ) {}

  /** Queues a finished game; never throws (failures are logged and retried). */
  save(game: StoredGame): void {
    this.queue.push(game);
    this.kick();
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
  findPending(code: string, hostSecret: string): ReportRow[] | null {
    const hash = hashSecret(hostSecret);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const g = this.queue[i];
      if (g?.code === code && g.hostKeyHash === hash) return g.rows;
    }
    return null;
  }

  /** Rejects while saves are failing (readiness), naming how many games wait. */
  check(): void {
    if (this.failing !== null && this.queue.length > 0) {
      const code = (this.failing as { code?: unknown }).code;
      throw Object.assign(new Error(`${this.queue.length} finished game(s) waiting to be saved`), { code: typeof code === 'string' ? code : 'SAVE_FAILING' });
    }
  }

  /** Stops retrying after one more prompt try, waiting at most `timeoutMs`; logs every game left unsaved. */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    this.wake?.();
    const running = this.running;
    if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    for (const g of this.queue) this.opts.log(`game ${g.code} (finished ${new Date(g.finishedAt).toISOString()}) was not saved before shutdown`);
  }

  private async drain(): Promise<void> {
    const first = this.opts.firstDelayMs ?? 500;
    let delay = first;
    let otherTries = 0;
    while (this.queue.length > 0) {
      const game = this.queue[0] as StoredGame;
      try {
        await this.store.saveGame(game);
        if (this.failing !== null) this.opts.log(`saving finished games works again (game ${game.code} saved)`);
        this.queue.shift();
        this.failing = null;
        delay = first;
        otherTries = 0;
        continue;
      } catch (err) {
        this.failing = err;
        const retry = isConnectionError(err) || ++otherTries < (this.opts.maxOtherTries ?? 3);
        if (!retry) {
          this.opts.log(`saving game ${game.code} failed for good`, err);
          this.queue.shift();
          continue;
        }
        if (this.closed) return;
        this.opts.log(`saving game ${game.code} failed; retrying in ${delay} ms (${this.queue.length} waiting)`, err);
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
