/**
 * Event-loop lag while 30 costly `room:create` requests arrive at once (teacher task lists of deep chains, the
 * last task unsolvable), with the default limits: once with the worker pool (as served), once with the tasks
 * solved inline on the event loop (how it was), for comparison. Loopback only; bounded by the limits and budgets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, MAX_PAYLOAD_BYTES, type RoomSettings } from '../../shared/protocol';
import { createArenaServer, type ArenaServerOptions } from '../../server/app';
import { percentile } from '../load/stats';
import { ask, connect, type Client } from './clients';

const PROBE_MS = 10;

/**
 * Event-loop lag as a timer sees it: a 10 ms interval notes how late each tick comes. (A timer, not
 * perf_hooks' histogram, whose samples went missing across long stalls here.)
 */
function lagProbe(): { stop(): Promise<{ lagP99Ms: number; lagMaxMs: number }> } {
  const lags: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - PROBE_MS));
    last = now;
  }, PROBE_MS);
  return {
    async stop() {
      // One more tick, so a stall at the very end is counted too.
      await new Promise((r) => setTimeout(r, 3 * PROBE_MS));
      clearInterval(timer);
      return { lagP99Ms: percentile(lags, 99), lagMaxMs: Math.max(0, ...lags) };
    },
  };
}

export const REQUESTS = 30;
const TASKS_PER_REQUEST = 32;
/** A long inner polynomial under seven layers: about 60 ms to solve on a quiet core. */
const costlyExpr = (k: number): string =>
  `sin(cos(tan(exp(sin(cos(log(1+(${Array.from({ length: 12 }, (_, j) => `${k + j + 2}*x^${j + 1}`).join('+')})^2)))))))`;

export interface LagResult {
  mode: string;
  lagP99Ms: number;
  lagMaxMs: number;
  wallMs: number;
  outcomes: Record<string, number>;
  payloadBytes: number;
}

function costlySettings(request: number): RoomSettings {
  const tasks = Array.from({ length: TASKS_PER_REQUEST }, (_, k) => ({
    family: 'chain' as const,
    task: { expr: k === TASKS_PER_REQUEST - 1 ? 'sin(cos(tan(exp(x)))' : costlyExpr(request * 100 + k), var: 'x' },
  }));
  return { ...DEFAULT_SETTINGS, source: { kind: 'tasks', tasks } };
}

export async function lag(mode: 'worker pool' | 'inline'): Promise<LagResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-lag-'));
  const opts: ArenaServerOptions = { port: 0, host: '127.0.0.1', dataDir, clientDir: join(dataDir, 'none'), log: () => {} };
  // Inline: no solver, so the room machine solves the tasks itself, on the event loop.
  if (mode === 'inline') opts.solveTasks = () => Promise.resolve({ ok: true });
  const server = await createArenaServer(opts);
  const clients: Client[] = [];
  try {
    for (let i = 0; i < REQUESTS; i++) clients.push(await connect(server.url));
    const payloads = clients.map((_, i) => ({ mode: 'classroom', settings: costlySettings(i) }));
    const payloadBytes = JSON.stringify(payloads[0]).length;
    if (payloadBytes > MAX_PAYLOAD_BYTES) throw new Error('payload over the limit');
    const probe = lagProbe();
    const t0 = performance.now();
    const results = await Promise.all(clients.map((c, i) => ask(c, 'room:create', payloads[i], 180_000)));
    const wallMs = performance.now() - t0;
    const measured = await probe.stop();
    const outcomes: Record<string, number> = {};
    for (const r of results) {
      const key = r.ok ? 'created' : r.error;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    return { mode, ...measured, wallMs, outcomes, payloadBytes };
  } finally {
    for (const c of clients) c.disconnect();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same measurement with nothing to do, for `ms`: how much lag the machine itself adds (it is shared). */
export async function idleLag(ms: number): Promise<{ lagP99Ms: number; lagMaxMs: number }> {
  const probe = lagProbe();
  await new Promise((r) => setTimeout(r, ms));
  return probe.stop();
}
