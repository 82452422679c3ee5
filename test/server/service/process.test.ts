/**
 * The production build as a process: `npm start` runs plain node on dist/server, a SIGTERM sent to the started
 * process (npm itself, as a supervisor would) stops the server within 10 s, own questions open a classroom and a
 * party (the task worker is the bundle's own entry), and the bundled `arena` command works. The server part is
 * built here with the build script (esbuild and its bundle check, seconds); the client is not needed
 * (ARENA_CLIENT_DIR).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateChecked } from '../../../server/math/checked';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION, TASKS_ANSWER_MS, type Ack, type CreatedRoom, type PlayerPhaseView, type RoomSettings } from '../../../shared/protocol';

const ROOT = process.cwd();
/** Starting node and loading the bundle on a loaded 2-core CI box. */
const START_TIMEOUT = 60_000;

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`server build failed: ${built.stderr}${built.stdout}`);
  dir = mkdtempSync(join(tmpdir(), 'arena-process-'));
  mkdirSync(join(dir, 'client'));
  writeFileSync(join(dir, 'client', 'index.html'), '<!doctype html><title>Chain Rule Arena</title>');
  env = { ...process.env, PORT: '0', HOST: '127.0.0.1', ARENA_DATA_DIR: join(dir, 'data'), ARENA_CLIENT_DIR: join(dir, 'client'), LOG_FORMAT: 'json', NODE_ENV: 'production' };
}, 150_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  url: string;
  pid: number;
  lines: string[];
}

/** Resolves once the child's JSON log says it is listening; rejects if it exits or takes too long. */
function listening(child: ChildProcess): Promise<Started> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening after ${START_TIMEOUT} ms:\n${lines.join('\n')}`)), START_TIMEOUT);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string; pid?: number };
      if (entry.url && entry.pid && entry.msg?.includes('listening')) {
        clearTimeout(timer);
        resolve({ url: entry.url, pid: entry.pid, lines });
      }
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the milliseconds until `pid` is gone; rejects after `limitMs`. */
function gone(pid: number, limitMs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      const elapsed = performance.now() - started;
      if (!alive(pid)) {
        clearInterval(check);
        resolve(elapsed);
      } else if (elapsed > limitMs) {
        clearInterval(check);
        reject(new Error(`process ${pid} still running ${limitMs} ms after SIGTERM`));
      }
    }, 50);
  });
}

describe('the production process', () => {
  it('npm start runs node on the build, and SIGTERM to npm stops the server within 10 s', async () => {
    const npm = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await listening(npm);
    try {
      expect(started.pid).not.toBe(npm.pid);
      const ready = await fetch(`${started.url}/readyz`);
      expect(ready.status).toBe(200);
      const cmd = spawnSync('ps', ['-o', 'args=', '-p', String(started.pid)], { encoding: 'utf8' }).stdout;
      expect(cmd).toMatch(/^node\b|\/node\b/);
      expect(cmd).not.toContain('tsx');
      const npmExit = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
      npm.kill('SIGTERM');
      await gone(started.pid, 10_000);
      await npmExit;
      await expect(fetch(`${started.url}/healthz`)).rejects.toThrow();
    } finally {
      if (alive(started.pid)) process.kill(started.pid, 'SIGKILL');
    }
  }, START_TIMEOUT + 30_000);

  it('node dist/server/cli.js exits 0 within 10 s of SIGTERM, logging the shutdown', async () => {
    const node = spawn(process.execPath, ['dist/server/cli.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await listening(node);
    let stderr = '';
    node.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<string>((resolve) => node.once('exit', (code, signal) => resolve(`${code} ${signal} ${stderr}`)));
    node.kill('SIGTERM');
    const elapsed = await gone(started.pid, 10_000);
    expect(elapsed).toBeLessThan(10_000);
    expect(await exited).toBe('0 null ');
    expect(started.lines.join('\n')).toContain('"event":"SIGTERM"');
  }, START_TIMEOUT + 30_000);

  it('opens a classroom and a party with own questions over Socket.IO', async () => {
    const node = spawn(process.execPath, ['dist/server/cli.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await listening(node);
    const sockets: Socket[] = [];
    const connect = async (): Promise<Socket> => {
      const s = io(started.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      return s;
    };
    // Within the protocol's bound for a request with tasks: an ack that never comes fails here, not by time-out.
    const emit = <T>(s: Socket, event: string, payload: unknown): Promise<Ack<T>> => s.timeout(TASKS_ANSWER_MS + 5000).emitWithAck(event, payload) as Promise<Ack<T>>;
    const own = (...exprs: string[]): RoomSettings => ({
      ...DEFAULT_SETTINGS,
      secondsPerQuestion: 60,
      source: { kind: 'tasks', tasks: exprs.map((expr) => ({ family: 'chain' as const, task: { expr, var: 'x' } })) },
    });
    const questionOf = (s: Socket): Promise<string> =>
      new Promise((resolve) => {
        s.on('state', (v: PlayerPhaseView) => {
          if (v.phase === 'question') resolve((v.question.task as { expr: string }).expr);
        });
      });
    try {
      const teacher = await connect();
      const classroom = await emit<CreatedRoom>(teacher, 'room:create', { mode: 'classroom', settings: own('sin(x^2)', 'exp(3*x)') });
      if (!classroom.ok) throw new Error(`classroom refused: ${classroom.error} ${classroom.detail ?? ''}`);
      const phone = await connect();
      expect(await emit(phone, 'room:join', { code: classroom.data.code, nickname: 'Ada' })).toMatchObject({ ok: true });
      const first = questionOf(phone);
      expect(await emit(teacher, 'host:command', { type: 'start' })).toMatchObject({ ok: true, data: { phase: 'question', total: 2 } });
      expect(await first).toBe('sin(x^2)');

      const friend = await connect();
      const party = await emit<CreatedRoom>(friend, 'room:create', { mode: 'party', settings: own('cos(5*x)'), nickname: 'Grace' });
      if (!party.ok) throw new Error(`party refused: ${party.error} ${party.detail ?? ''}`);
      expect(party.data.player?.you.nickname).toBe('Grace');
      const partyQuestion = questionOf(friend);
      expect(await emit(friend, 'host:command', { type: 'start' })).toMatchObject({ ok: true, data: { phase: 'question', total: 1 } });
      expect(await partyQuestion).toBe('cos(5*x)');

      const ready = (await (await fetch(`${started.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
      expect(ready.checks.ownQuestions).toEqual({ ok: true });
      expect(started.lines.join('\n')).not.toContain('task worker');
    } finally {
      for (const s of sockets) s.disconnect();
      node.kill('SIGTERM');
      await gone(started.pid, 10_000).catch(() => process.kill(started.pid, 'SIGKILL'));
    }
  }, START_TIMEOUT + 60_000);

  it('refuses a bad configuration with the variable named and exit code 2', () => {
    const r = spawnSync(process.execPath, ['dist/server/cli.js', 'serve'], { cwd: ROOT, env: { ...env, TRUST_PROXY: 'everyone' }, encoding: 'utf8', timeout: START_TIMEOUT });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('TRUST_PROXY="everyone"');
  });

  it('runs the arena command from the build', () => {
    const help = spawnSync(process.execPath, ['dist/server/cli.js', 'serve', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: START_TIMEOUT });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('LOG_LEVEL');
    const q = spawnSync(process.execPath, ['dist/server/cli.js', 'questions', '--family', 'nested', '--count', '1', '--seed', '7'], { cwd: ROOT, encoding: 'utf8', timeout: START_TIMEOUT });
    expect(q.status).toBe(0);
    const question = JSON.parse(q.stdout.trim()) as { family: string; answer: unknown };
    expect(question.family).toBe('nested');
    expect(question.answer).toBeTruthy();
    // The built command prints exactly the question the sources make for that family, difficulty and seed.
    expect(question).toEqual(JSON.parse(JSON.stringify(generateChecked('nested', 3, 7))));
  }, START_TIMEOUT * 2);
});
