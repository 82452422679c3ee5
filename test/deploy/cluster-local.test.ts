/**
 * `scripts/cluster-local.sh` (npm run cluster): Redis, PostgreSQL, three production game processes and haproxy
 * from deploy/haproxy.cfg. Through haproxy's URL: /readyz, the client page, a room created over WebSocket and
 * one over long-polling (the sticky cookie keeps every poll of a session on one process); Redis killed and started
 * again from its append-only file with the room still there; SIGTERM then stops every process it started and
 * removes its folder. Nothing here depends on processes knowing each other's rooms.
 * The client is a one-file build (ARENA_CLIENT_DIR, as in process.test.ts): the Vite build is not what is tested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION, type Ack, type CreatedRoom } from '../../shared/protocol';

/** Building dist/server, initdb and four processes starting on a loaded 2-core CI box. */
const START_TIMEOUT = 150_000;
const WAIT_MS = 20_000;
const PAGE_MARKER = 'cluster-local test client';

interface Cluster {
  url: string;
  pids: number[];
  folder: string;
}

let dir: string;
let script: ChildProcess;
let exited: Promise<number | string>;
let cluster: Cluster;
let output = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arena-cluster-test-'));
  mkdirSync(join(dir, 'client'));
  writeFileSync(join(dir, 'client', 'index.html'), `<!doctype html><title>${PAGE_MARKER}</title>`);
  script = spawn('bash', ['scripts/cluster-local.sh', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, ARENA_CLIENT_DIR: join(dir, 'client') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => script.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  script.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-6000)));
  cluster = await ready(script);
}, START_TIMEOUT + 10_000);

afterAll(async () => {
  if (script.exitCode === null && script.signalCode === null) {
    script.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Resolves with the URL, the processes and the folder the script prints once haproxy serves /readyz. */
function ready(child: ChildProcess): Promise<Cluster> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster not ready after ${START_TIMEOUT} ms:\n${output}`)), START_TIMEOUT);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cluster-local.sh exited (${code}) before it was ready:\n${output}`));
    });
    const found: Partial<Cluster> = {};
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output = (output + line + '\n').slice(-6000);
      const pids = /^cluster processes: (.*)$/.exec(line);
      if (pids) found.pids = [...(pids[1] ?? '').matchAll(/\d+/g)].map((m) => Number(m[0]));
      const folder = /^cluster folder: (\S+)/.exec(line);
      if (folder?.[1]) found.folder = folder[1];
      const url = /^cluster ready at (http:\/\/\S+)$/.exec(line);
      if (url && found.pids && found.folder) {
        clearTimeout(timer);
        resolve({ url: url[1] ?? '', pids: found.pids, folder: found.folder });
      }
    });
  });
}

type Client = Socket;

async function connect(transport: 'websocket' | 'polling'): Promise<Client> {
  // withCredentials gives the Node client a cookie jar: it sends haproxy's cookie back, as a browser would.
  const socket = io(cluster.url, {
    transports: [transport], upgrade: false, withCredentials: true, forceNew: true, reconnection: false, timeout: WAIT_MS,
    auth: { protocolVersion: PROTOCOL_VERSION },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function createRoom(socket: Client): Promise<CreatedRoom> {
  const made = (await socket.timeout(WAIT_MS).emitWithAck('room:create', { mode: 'classroom', settings: { ...DEFAULT_SETTINGS, questionCount: 2 } })) as Ack<CreatedRoom>;
  if (!made.ok) throw new Error(`room:create refused: ${made.error}`);
  return made.data;
}

describe('the local cluster (scripts/cluster-local.sh)', () => {
  it('serves /readyz and the client page through haproxy', async () => {
    expect(cluster.pids).toHaveLength(6);
    const readyz = await fetch(`${cluster.url}/readyz`);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toMatchObject({ ok: true, checks: { store: { ok: true } } });
    const page = await fetch(`${cluster.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(PAGE_MARKER);
  });

  it('creates a room over WebSocket', async () => {
    const socket = await connect('websocket');
    try {
      expect((await createRoom(socket)).code).toMatch(/^[A-Z0-9]{4,}$/);
    } finally {
      socket.disconnect();
    }
  });

  it('keeps a long-polling session on one process with its cookie, and creates a room over it', async () => {
    const handshake = await fetch(`${cluster.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.headers.get('set-cookie')).toMatch(/^ARENA_PROCESS=game[123];/);
    const socket = await connect('polling');
    try {
      expect(socket.io.engine.transport.name).toBe('polling');
      const room = await createRoom(socket);
      expect(room.code).toMatch(/^[A-Z0-9]{4,}$/);
      // Each acked round trip is new HTTP requests: without stickiness some would reach a process that does not
      // know the session and the socket would drop.
      for (let i = 0; i < 6; i++) {
        const pong = (await socket.timeout(WAIT_MS).emitWithAck('time:ping', { clientNow: i })) as Ack<{ clientNow?: number }>;
        expect(pong.ok && pong.data.clientNow).toBe(i);
      }
      expect(socket.connected).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('runs Redis append-only: killed with -9, it is started again and the live rooms are still there', async () => {
    const host = await connect('websocket');
    const player = await connect('websocket');
    try {
      const room = await createRoom(host);
      const redis = cluster.pids[0] as number;
      // Redis 7 keeps its append-only files in this folder (only when append-only is on).
      expect(existsSync(join(cluster.folder, 'redis', 'appendonlydir'))).toBe(true);
      process.kill(redis, 'SIGKILL');
      const restarted = await new Promise<number>((resolve, reject) => {
        const deadline = performance.now() + WAIT_MS;
        const look = (): void => {
          const pid = /started again from its append-only file: redis=(\d+)/.exec(output)?.[1];
          if (pid) return resolve(Number(pid));
          if (performance.now() > deadline) return reject(new Error(`redis not restarted:\n${output}`));
          setTimeout(look, 100);
        };
        look();
      });
      cluster.pids.push(restarted);
      // The room came back with Redis's data: a player joins it by code (through whichever process haproxy picks).
      const joined = (await player.timeout(WAIT_MS).emitWithAck('room:join', { code: room.code, nickname: 'After' })) as Ack<unknown>;
      expect(joined).toMatchObject({ ok: true });
    } finally {
      host.disconnect();
      player.disconnect();
    }
  });

  it('stops every process it started on SIGTERM and removes its folder', async () => {
    script.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`not stopped in 30 s:\n${output}`)), 30_000))]);
    expect(code).toBe(143);
    expect(cluster.pids.filter(alive)).toEqual([]);
    expect(existsSync(cluster.folder)).toBe(false);
  }, 40_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
