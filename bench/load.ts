/**
 * Load benchmark (`npm run bench -- load`): one classroom room of N players (200, 1,000, 2,000) on loopback,
 * the players as websocket clients in two separate processes, playing 5 questions, each player answering
 * within 2 s. Prints question fan-out (server emit → client received), answer-ack latency, event-loop lag p99
 * and server RSS, and the fan-out of a bare Socket.IO server broadcasting the same payload as the baseline.
 * Bounded: every size has a time budget, and the client processes are killed on the way out.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { DEFAULT_SETTINGS, MAX_PACKET_BYTES, PROTOCOL_VERSION, type Ack, type CreatedRoom, type HostView } from '../shared/protocol';
import { createArenaServer } from '../server/app';
import type { ChildMessage, ParentMessage } from './load/messages';
import { reply as replyOf, spawnClientProcesses, withBudget } from './harness';
import { percentile, table, type SizeResult } from './load/stats';

const SIZES = (process.env.ARENA_BENCH_SIZES ?? '200,1000,2000').split(',').map(Number).filter((n) => n > 0);
const QUESTIONS = 5;
const CHILDREN = 2;
const SIZE_BUDGET_MS = 240_000;
const BARE_GAP_MS = 1500;
const UNLIMITED = { capacity: 1e9, perSecond: 1e9 };

export async function run(): Promise<void> {
  const results: SizeResult[] = [];
  for (const n of SIZES) {
    console.log(`load: ${n} players… (load average ${loadavg()[0]?.toFixed(1)})`);
    results.push(await withBudget(runSize(n), SIZE_BUDGET_MS, `load benchmark: ${n} players`));
  }
  console.log(table(results));
  // Six engineers share this machine: the load average says how far the figures are from an idle box.
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

async function runSize(players: number): Promise<SizeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-bench-'));
  const server = await createArenaServer({
    port: 0, host: '127.0.0.1', dataDir,
    limits: { attempts: UNLIMITED, connections: UNLIMITED },
    log: (m, err) => console.error(`[server] ${m}`, err ?? ""),
  });
  const children = await spawnClientProcesses(new URL('./load/clients.ts', import.meta.url), CHILDREN);
  try {
    const host = connect(server.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true });
    const created = await ack<CreatedRoom>(host, 'room:create', {
      mode: 'classroom',
      settings: { ...DEFAULT_SETTINGS, questionCount: QUESTIONS, secondsPerQuestion: 30, entryMode: 'final', leaderboardEvery: 0, seed: 3 },
    });
    await all(children, (c, i) => ({ type: 'arena', url: server.url, code: created.code, count: share(players, i), offset: i * share(players, 0), protocolVersion: PROTOCOL_VERSION }), 'joined');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    let rss = 0;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 100);
    lag.enable();
    for (let q = 0; q < QUESTIONS; q++) {
      const revealed = hostPhase(host, 'reveal', q);
      await ack(host, 'host:command', q === 0 ? { type: 'start' } : { type: 'next' });
      await revealed;
      // A host reads the reveal before moving on; the bare baseline gets the same gap between broadcasts.
      await new Promise((r) => setTimeout(r, BARE_GAP_MS));
    }
    lag.disable();
    clearInterval(sampler);
    const arena = await collect(children);
    host.disconnect();
    const bareFanout = await runBare(children, players, arena.sample);
    return {
      players,
      fanoutP50: percentile(arena.fanout, 50),
      fanoutP99: percentile(arena.fanout, 99),
      fanoutMax: Math.max(...arena.fanout),
      bareP99: percentile(bareFanout, 99),
      bareMax: Math.max(...bareFanout),
      ackP50: percentile(arena.acks, 50),
      ackP99: percentile(arena.acks, 99),
      lagP99: lag.percentile(99) / 1e6,
      rssMb: rss / 2 ** 20,
    };
  } finally {
    for (const c of children) stop(c);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same payload through a bare Socket.IO server: the floor the arena's fan-out is compared with. */
async function runBare(children: ChildProcess[], players: number, sample: unknown): Promise<number[]> {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: MAX_PACKET_BYTES, serveClient: false });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    await all(children, (_c, i) => ({ type: 'bare', url, count: share(players, i) }), 'joined');
    for (let q = 0; q < QUESTIONS; q++) {
      io.emit('state', { ...(sample as object), index: q, sentAt: Date.now() });
      await new Promise((r) => setTimeout(r, BARE_GAP_MS));
    }
    return (await collect(children)).fanout;
  } finally {
    await new Promise<void>((resolve) => void io.close(() => resolve()));
  }
}

const share = (players: number, i: number): number => Math.floor(players / CHILDREN) + (i < players % CHILDREN ? 1 : 0);

async function all(children: ChildProcess[], make: (c: ChildProcess, i: number) => ParentMessage, want: ChildMessage['type']): Promise<void> {
  await Promise.all(children.map((c, i) => {
    const done = replyOf<ChildMessage, typeof want>(c, want);
    c.send(make(c, i));
    return done;
  }));
}

async function collect(children: ChildProcess[]): Promise<{ fanout: number[]; acks: number[]; sample: unknown }> {
  const stats = await Promise.all(children.map((c) => {
    const done = replyOf<ChildMessage, 'stats'>(c, 'stats');
    c.send({ type: 'report' } satisfies ParentMessage);
    return done;
  }));
  return {
    fanout: stats.flatMap((s) => s.fanout.flat()),
    acks: stats.flatMap((s) => s.acks),
    sample: stats.find((s) => s.sample !== null)?.sample ?? {},
  };
}

function stop(child: ChildProcess): void {
  if (child.exitCode !== null) return;
  child.send({ type: 'exit' } satisfies ParentMessage);
  setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 2000).unref();
}

async function ack<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const res = (await socket.timeout(30_000).emitWithAck(event, payload)) as Ack<T>;
  if (!res.ok) throw new Error(`${event} refused: ${res.error}`);
  return res.data;
}

function hostPhase(host: Socket, phase: HostView['phase'], index: number): Promise<void> {
  return new Promise((resolve) => {
    const onState = (view: HostView): void => {
      if (view.phase !== phase || !('index' in view) || view.index !== index) return;
      host.off('host:state', onState);
      resolve();
    };
    host.on('host:state', onState);
  });
}

