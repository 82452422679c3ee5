/**
 * Cluster benchmark (`npm run bench -- cluster`): the overhead of the cluster path over the single process, in one
 * run on one machine. For 1 process (no Redis), then 3 processes sharing a redis-server, all on loopback: one room
 * of 300 players (issue 21's fan-out case: the host presses Next, 300 phones spread over the processes), one of
 * 2,000, and 100 rooms of 30, players spread over the processes, each answering every question within 2 s; then
 * (clusters) a room whose owner is killed with -9 mid-question. Prints host command → phone and emit → phone
 * percentiles with the cluster/single ratios of p50 and p99 (same workload, same run), answer-ack percentiles,
 * the failover time and the load average. `ARENA_BENCH_CLUSTER_NODES` ("1,3") sets the process counts,
 * `ARENA_BENCH_CLUSTER_WORKLOADS` ("300,2000,100x30": one room of N, or R rooms of S) the workloads,
 * `ARENA_BENCH_CLUSTER_REPEAT` (1) how many times the whole set runs (each repeat its own baseline).
 * Bounded: every configuration has a time budget; processes are killed on the way out.
 */
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION, type CreatedRoom, type HostView } from '../shared/protocol';
import { STREAM_NAME } from '../server/cluster/adapter';
import { startNode, type ServerNode } from '../test/support/cluster';
import { startRedis } from '../test/support/redis';
import type { ChildMessage, ParentMessage, Seats } from './cluster/messages';
import { connect, inBatches, must, nextEvent, type Client } from './faults/clients';
import { reply as replyOf, spawnClientProcesses, withBudget } from './harness';
import { percentile } from './load/stats';
import { benchNickname } from './nicknames';

const NODES = (process.env.ARENA_BENCH_CLUSTER_NODES ?? '1,3').split(',').map(Number).filter((n) => n > 0);
/** Each workload: room sizes (one room of N, or R rooms of S). */
const WORKLOADS = (process.env.ARENA_BENCH_CLUSTER_WORKLOADS ?? '300,2000,100x30').split(',').map((w) => {
  const [a, b] = w.split('x').map(Number);
  const sizes = b === undefined ? [a ?? 0] : Array<number>(a ?? 0).fill(b);
  return { name: b === undefined ? `1 room × ${a}` : `${a} rooms × ${b}`, sizes: sizes.filter((n) => n > 0) };
}).filter((w) => w.sizes.length > 0);
const REPEAT = Math.max(1, Number(process.env.ARENA_BENCH_CLUSTER_REPEAT) || 1);
/** The failover part's room. */
const FAILOVER_ROOM = 30;
const QUESTIONS = 3;
/** A host reads the reveal before moving on (as in bench/load.ts): the per-player results go out meanwhile. */
const REVEAL_GAP_MS = 1500;
const CLIENT_PROCS = 2;
const BUDGET_MS = 420_000;
const SETTINGS = { ...DEFAULT_SETTINGS, questionCount: QUESTIONS, secondsPerQuestion: 60, entryMode: 'final' as const, leaderboardEvery: 0, seed: 5 };

interface Row {
  processes: number;
  workload: string;
  players: number;
  fanoutP50: number;
  fanoutP99: number;
  /**
   * Host command ("start"/"next") sent → each phone has the question: what a class waits for. Unlike the emit →
   * phone figure it counts the same server work on both paths (a single process queues the other rooms' question
   * starts before its emit, a cluster process after it).
   */
  commandP50: number;
  commandP99: number;
  ackP50: number;
  ackP99: number;
  failedAcks: number;
  /** Entries the workload added to the adapter's Redis stream (each one read and filtered by every process). */
  streamEntries: number | null;
  load: number;
}

interface Failover {
  processes: number;
  /** Kill -9 of the owner → another process runs the room. */
  takeoverMs: number;
  /** Kill -9 → an answer sent right after the kill is acknowledged (client-visible). */
  firstAckMs: number;
  lost: number;
}

export async function run(): Promise<void> {
  const failovers: Failover[] = [];
  for (let rep = 1; rep <= REPEAT; rep++) {
    const rows: Row[] = [];
    for (const n of NODES) {
      console.log(`cluster${REPEAT > 1 ? ` (run ${rep}/${REPEAT})` : ''}: ${n} process${n > 1 ? 'es + redis' : ' (embedded, no redis)'}… (load average ${loadavg()[0]?.toFixed(1)})`);
      const out = await withBudget(runConfig(n), BUDGET_MS, `cluster benchmark: ${n} processes`);
      rows.push(...out.rows);
      if (out.failover) failovers.push(out.failover);
    }
    console.log(table(rows));
  }
  for (const f of failovers) {
    console.log(`failover, ${f.processes} processes: owner killed -9 → taken over in ${f.takeoverMs.toFixed(0)} ms, an answer sent at the kill acked after ${f.firstAckMs.toFixed(0)} ms, acknowledged answers lost: ${f.lost}`);
  }
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

async function runConfig(n: number): Promise<{ rows: Row[]; failover: Failover | null }> {
  const redis = n > 1 ? await startRedis() : null;
  const nodes: ServerNode[] = [];
  try {
    nodes.push(...(await Promise.all(Array.from({ length: n }, () => startNode(redis ? { redisUrl: redis.url, echo: true } : { echo: true })))));
    const url = redis?.url ?? null;
    const rows: Row[] = [];
    for (const w of WORKLOADS) rows.push(await workload(nodes, w.name, w.sizes, url));
    const failover = n > 1 ? await failoverOnce(nodes) : null;
    return { rows, failover };
  } finally {
    await Promise.all(nodes.map((node) => node.kill('SIGKILL')));
    await redis?.stop();
  }
}

/** Rooms of `sizes` players; room r's host on process r mod n, its players round robin over all processes. */
async function workload(nodes: ServerNode[], name: string, sizes: number[], redisUrl: string | null): Promise<Row> {
  const urls = nodes.map((node) => node.url);
  const entriesBefore = redisUrl === null ? null : await streamEntries(redisUrl);
  const children = await spawnClientProcesses(new URL('./cluster/clients.ts', import.meta.url), CLIENT_PROCS);
  const hosts: Client[] = [];
  try {
    const rooms = await inBatches(sizes, 10, async (_size, r) => {
      const host = await connect(urls[r % urls.length] as string);
      hosts.push(host);
      return { host, room: await must<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings: SETTINGS }) };
    });
    await Promise.all(children.map((c, i) => {
      const seats: Seats[] = rooms.map(({ room }, r) => {
        const size = sizes[r] ?? 0;
        const count = Math.floor(size / CLIENT_PROCS) + (i < size % CLIENT_PROCS ? 1 : 0);
        return { code: room.code, count, offset: i === 0 ? 0 : Math.floor(size / CLIENT_PROCS) + (size % CLIENT_PROCS > 0 ? 1 : 0) };
      });
      return ask(c, { type: 'join', urls, seats, protocolVersion: PROTOCOL_VERSION }, 'joined');
    }));
    const commandAt = new Map<string, number>();
    for (let q = 0; q < QUESTIONS; q++) {
      await Promise.all(rooms.map(async ({ host, room }) => {
        const revealed = nextEvent<HostView>(host, 'host:state', (v) => v.phase === 'reveal' && v.index === q, 60_000);
        commandAt.set(`${room.code}:${q}`, Date.now());
        await must(host, 'host:command', q === 0 ? { type: 'start' } : { type: 'next' });
        if ((await revealed) === null) throw new Error(`no reveal of question ${q} within 60 s`);
      }));
      await new Promise((r) => setTimeout(r, REVEAL_GAP_MS));
    }
    const stats = await Promise.all(children.map((c) => ask(c, { type: 'report' }, 'stats')));
    const fanout = stats.flatMap((s) => s.fanout);
    const acks = stats.flatMap((s) => s.acks);
    const waits = stats.flatMap((s) => s.received.flatMap((r) => {
      const sent = commandAt.get(`${r.code}:${r.index}`);
      return sent === undefined ? [] : [r.at - sent];
    }));
    return {
      processes: nodes.length,
      workload: name,
      players: sizes.reduce((a, b) => a + b, 0),
      fanoutP50: percentile(fanout, 50),
      fanoutP99: percentile(fanout, 99),
      commandP50: percentile(waits, 50),
      commandP99: percentile(waits, 99),
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      failedAcks: stats.reduce((a, s) => a + s.failedAcks, 0),
      streamEntries: redisUrl === null || entriesBefore === null ? null : (await streamEntries(redisUrl)) - entriesBefore,
      load: loadavg()[0] ?? 0,
    };
  } finally {
    for (const h of hosts) h.disconnect();
    for (const c of children) stopClient(c);
  }
}

/** A 30-player room owned by the last process, half the answers acknowledged, then its owner killed with -9. */
async function failoverOnce(nodes: ServerNode[]): Promise<Failover> {
  const owner = nodes[nodes.length - 1] as ServerNode;
  const survivors = nodes.slice(0, -1);
  const clients: Client[] = [];
  try {
    const host = await connect(owner.url);
    clients.push(host);
    const room = await must<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings: SETTINGS });
    const players = await inBatches(Array.from({ length: FAILOVER_ROOM }, (_, i) => i), 10, async (i) => {
      const c = await connect((survivors[i % survivors.length] as ServerNode).url, `failover-${i}-device`);
      clients.push(c);
      await must(c, 'room:join', { code: room.code, nickname: benchNickname('P', i) });
      return c;
    });
    await must(host, 'host:command', { type: 'start' });
    const answering = players.slice(0, Math.floor(FAILOVER_ROOM / 2));
    await Promise.all(answering.map((c, i) => must(c, 'answer:submit', { index: 0, final: `x + ${i}` })));
    const t0 = performance.now();
    const killedAt = Date.now();
    owner.proc.kill('SIGKILL');
    const late = players[FAILOVER_ROOM - 1] as Client;
    const firstAck = must(late, 'answer:submit', { index: 0, final: 'x + 1' }).then(() => performance.now() - t0);
    const took = await Promise.any(survivors.map((s) => s.waitTakeover(room.code, 30_000)));
    const firstAckMs = await firstAck;
    const host2 = await connect((survivors[0] as ServerNode).url);
    clients.push(host2);
    const view = await must<HostView>(host2, 'host:claim', { code: room.code, hostSecret: room.hostSecret });
    const given = view.phase === 'question' ? view.answered : 0;
    return { processes: nodes.length, takeoverMs: took.at - killedAt, firstAckMs, lost: Math.max(0, answering.length + 1 - given) };
  } finally {
    for (const c of clients) c.disconnect();
  }
}

/** The adapter stream's `entries-added` counter (0 before the stream exists). */
async function streamEntries(url: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = (await redis.call('XINFO', 'STREAM', STREAM_NAME)) as unknown[];
    return Number(info[info.indexOf('entries-added') + 1] ?? 0);
  } catch {
    return 0;
  } finally {
    redis.disconnect();
  }
}

function ask<T extends ChildMessage['type']>(child: ChildProcess, msg: ParentMessage, want: T): Promise<Extract<ChildMessage, { type: T }>> {
  const done = replyOf<ChildMessage, typeof want>(child, want);
  child.send(msg);
  return done;
}

function stopClient(child: ChildProcess): void {
  if (child.exitCode !== null) return;
  child.send({ type: 'exit' } satisfies ParentMessage);
  setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 2000).unref();
}

const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-');

function table(rows: Row[]): string {
  const single = new Map(rows.filter((r) => r.processes === 1).map((r) => [r.workload, r]));
  /** Cluster / single of the same workload in this run, the single figure floored at 1 ms. */
  const ratio = (r: Row, pick: (x: Row) => number): string => {
    const base = single.get(r.workload);
    return base === undefined ? '-' : fmt(pick(r) / Math.max(pick(base), 1));
  };
  const head = ['processes', 'workload', 'command→phone p50', 'p99', '× p50', '× p99', 'emit→phone p50', 'p99', '× p50', '× p99', 'ack p50', 'ack p99', 'failed acks', 'stream entries', 'load avg'];
  const lines = rows.map((r) => [
    String(r.processes), r.workload,
    fmt(r.commandP50), fmt(r.commandP99), ratio(r, (x) => x.commandP50), ratio(r, (x) => x.commandP99),
    fmt(r.fanoutP50), fmt(r.fanoutP99), ratio(r, (x) => x.fanoutP50), ratio(r, (x) => x.fanoutP99),
    fmt(r.ackP50), fmt(r.ackP99), String(r.failedAcks), r.streamEntries === null ? '-' : String(r.streamEntries), r.load.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [
    row(head),
    ...lines.map(row),
    '(ms; command→phone = the host sends start/next → the phone has the question: what a class waits for; emit→phone = the owner emits the question → the phone has it;',
    ' × p50 / × p99 = this row\'s percentile / the 1-process percentile of the same workload in this run; target (issue 21): command→phone × p99 ≤ 1.3)',
  ].join('\n');
}
