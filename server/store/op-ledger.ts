/**
 * Which operations a room has applied, by key, so that each is applied at most once. A client gives an answer a
 * key (`answer:submit` `key`); in a cluster the process a request arrives at gives every request one too, and
 * keeps it while it retries the request on the room's owner (a lost answer, a Redis outage, an owner that died).
 * The key is stored with the room's event, in the same write (SQLite transaction, Redis script): a room restored
 * or taken over knows every key its acknowledged or merely stored changes carried. A request whose key the room
 * already applied is answered from the room as it is now (server/net/once.ts), never applied again, so a resend
 * after an ambiguous failure (no answer, `unconfirmed`) is recognised as the same submission.
 *
 * Stores read the key of the operation that is storing an event through `keyFor` while `under` runs it: room
 * operations dispatch their events synchronously, so the key reaches the write without threading it through the
 * room machine.
 */

/** How long a key is remembered: far longer than any resend (a client gives up after a minute). */
export const LEDGER_WINDOW_MS = 15 * 60_000;

export class OpLedger {
  /** Room code → key → when it was applied (server clock). */
  private readonly rooms = new Map<string, Map<string, number>>();
  private active: { code: string; key: string } | null = null;

  /** Runs `fn`, which dispatches the operation's events synchronously; the events of `code` it stores carry `key`. */
  under<T>(code: string, key: string | undefined, fn: () => T): T {
    if (key === undefined) return fn();
    const outer = this.active;
    this.active = { code, key };
    try {
      return fn();
    } finally {
      this.active = outer;
    }
  }

  /** The key the event of `code` being stored now carries (for the store), noted as applied. */
  keyFor(code: string, at: number): string | undefined {
    const active = this.active;
    if (active?.code !== code) return undefined;
    this.note(code, active.key, at);
    return active.key;
  }

  applied(code: string, key: string): boolean {
    return this.rooms.get(code)?.has(key) === true;
  }

  /** The keys a room loaded from its store carries (replacing whatever this process knew of it). */
  load(code: string, keys: ReadonlyArray<readonly [key: string, at: number]>): void {
    this.rooms.set(code, new Map(keys));
  }

  forget(code: string): void {
    this.rooms.delete(code);
  }

  /** Drops the keys of `code` older than the window (when its log is compacted). */
  trim(code: string, now: number): void {
    const keys = this.rooms.get(code);
    if (!keys) return;
    for (const [key, at] of keys) if (at < now - LEDGER_WINDOW_MS) keys.delete(key);
  }

  private note(code: string, key: string, at: number): void {
    let keys = this.rooms.get(code);
    if (!keys) {
      keys = new Map();
      this.rooms.set(code, keys);
    }
    keys.set(key, at);
  }
}
