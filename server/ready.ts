/**
 * Readiness (/readyz): the process answers, and also (a) the game store can be written (a write to SQLite and a
 * file written and removed in the data directory, e.g. a full disk or a volume gone away) and (b) the event loop
 * has not stalled recently. A stall cannot be seen while it happens (nothing answers then), so a watchdog timer
 * measures how late it fires and the check fails for `STALL_MEMORY_MS` after a late tick over the limit.
 */
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadyReport } from './http/app';

export const WATCHDOG_MS = 250;
export const STALL_MEMORY_MS = 10_000;

export interface ReadinessOptions {
  dataDir: string;
  maxLagMs: number;
  /** A write to the store; rejects when it cannot be written (a database server that is down, a full disk). */
  probeStore: () => Promise<void>;
  /**
   * Whether own questions can be solved (server/tasks): a degraded check. Reported in the body, it does not make
   * the process unready: generated games, joins and answers all work without task workers.
   */
  tasks?: () => { ok: boolean; detail?: string };
}

export class Readiness {
  private lastStall: { at: number; lagMs: number } | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: ReadinessOptions) {
    let expected = performance.now() + WATCHDOG_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      const lag = now - expected;
      if (lag > opts.maxLagMs) this.lastStall = { at: now, lagMs: Math.round(lag) };
      expected = now + WATCHDOG_MS;
    }, WATCHDOG_MS);
    this.timer.unref();
  }

  async check(): Promise<ReadyReport> {
    const checks: ReadyReport['checks'] = {};
    checks.store = await this.storeWritable();
    const stall = this.lastStall;
    const recent = stall !== null && performance.now() - stall.at < STALL_MEMORY_MS;
    checks.eventLoop = recent ? { ok: false, detail: `stalled ${stall.lagMs} ms within the last ${STALL_MEMORY_MS / 1000} s` } : { ok: true };
    const tasks = this.opts.tasks?.();
    if (tasks) checks.ownQuestions = tasks.ok ? { ok: true } : { ok: false, degraded: true, ...(tasks.detail ? { detail: tasks.detail } : {}) };
    return { ok: Object.values(checks).every((c) => c.ok || c.degraded === true), checks };
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async storeWritable(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.opts.probeStore();
      const file = join(this.opts.dataDir, `.ready-${randomBytes(4).toString('hex')}`);
      await writeFile(file, 'ok');
      await unlink(file);
      return { ok: true };
    } catch (err) {
      // The code names the problem (EROFS, ENOSPC, ENOTDIR, SQLITE_READONLY ...) without the server's paths.
      const code = (err as { code?: unknown }).code;
      return { ok: false, detail: `not writable (${typeof code === 'string' ? code.slice(0, 40) : 'error'})` };
    }
  }
}
