/**
 * Readiness (/readyz) matches the fault. Unready (503: the load balancer sends nobody here) only for what stops
 * games: (a) the live rooms cannot be written (the data folder or its SQLite file; in a cluster, Redis does not
 * answer), (b) the event loop stalled recently. Degraded (200, `degraded: true`, the failing check named in the
 * body and marked `degraded`) for what only limits a feature: the report store (PostgreSQL) is away or finished
 * games wait for it (`arena_report_store_up 0` in /metrics), own questions cannot be solved (no task worker). Games, reconnects and report downloads go on meanwhile
 * (reports are served from the save queue), so taking every process out of the load balancer over a database
 * outage would stop far more than it protects.
 *
 * A stall cannot be seen while it happens (nothing answers then), so a watchdog timer measures how late it fires
 * and the check fails for `STALL_MEMORY_MS` after a late tick over the limit.
 */
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadyReport } from './http/app';

export const WATCHDOG_MS = 250;
export const STALL_MEMORY_MS = 10_000;
/** A probe that does not answer within this counts as failed (a database that hangs, not only one that refuses). */
export const PROBE_TIMEOUT_MS = 3000;

export interface ReadinessOptions {
  dataDir: string;
  maxLagMs: number;
  /** A write to what games need (the live-room store); rejects when it cannot be written. Failing: unready. */
  probeStore: () => Promise<void>;
  /** The report store (finished games): rejects while it is away or saves wait. Failing: degraded only. */
  probeReports?: () => Promise<void>;
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
    const [store, reports] = await Promise.all([this.storeWritable(), this.opts.probeReports ? probe(this.opts.probeReports) : null]);
    checks.store = store;
    const stall = this.lastStall;
    const recent = stall !== null && performance.now() - stall.at < STALL_MEMORY_MS;
    checks.eventLoop = recent ? { ok: false, detail: `stalled ${stall.lagMs} ms within the last ${STALL_MEMORY_MS / 1000} s` } : { ok: true };
    if (reports) checks.reports = reports.ok ? { ok: true } : { ...reports, degraded: true };
    const tasks = this.opts.tasks?.();
    if (tasks) checks.ownQuestions = tasks.ok ? { ok: true } : { ok: false, degraded: true, ...(tasks.detail ? { detail: tasks.detail } : {}) };
    return readyReport(checks);
  }

  /** Whether the report store answers now (for /metrics). */
  async reportsUp(): Promise<boolean> {
    return !this.opts.probeReports || (await probe(this.opts.probeReports)).ok;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async storeWritable(): Promise<{ ok: boolean; detail?: string }> {
    return probe(async () => {
      await this.opts.probeStore();
      const file = join(this.opts.dataDir, `.ready-${randomBytes(4).toString('hex')}`);
      await writeFile(file, 'ok');
      await unlink(file);
    });
  }
}

/** Ready when every check that stops games passes; degraded when a check that only degrades fails. */
export function readyReport(checks: ReadyReport['checks']): ReadyReport {
  const all = Object.values(checks);
  const ok = all.every((c) => c.ok || c.degraded === true);
  const degraded = all.some((c) => !c.ok && c.degraded === true);
  return { ok, ...(degraded ? { degraded } : {}), checks };
}

async function probe(work: () => Promise<void>): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { code: 'TIMEOUT' })), PROBE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (err) {
    // The code names the problem (EROFS, ENOSPC, ECONNREFUSED, SQLITE_READONLY ...) without the server's paths.
    const code = (err as { code?: unknown }).code;
    return { ok: false, detail: `not writable (${typeof code === 'string' ? code.slice(0, 40) : 'error'})` };
  } finally {
    clearTimeout(timer);
  }
}
