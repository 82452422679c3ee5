import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../shared/protocol';
import { systemClock } from '../../server/clock';
import { KeyedLimiter, type BucketSpec } from '../../server/net/rate-limit';
import { REQUESTER_BUDGET, TaskPool, type TaskPoolOptions } from '../../server/tasks/task-pool';
import { bundledTaskWorker } from '../support/child-bundle';

const tasks = (...exprs: string[]): RoomSettings => ({
  ...DEFAULT_SETTINGS,
  source: { kind: 'tasks', tasks: exprs.map((expr) => ({ family: 'chain' as const, task: { expr, var: 'x' } })) },
});
/** Tasks for slow-worker.mjs: each keeps the worker busy for `ms`. */
const slowTasks = (...ms: number[]): RoomSettings => ({
  ...DEFAULT_SETTINGS,
  source: { kind: 'tasks', tasks: ms.map((m) => ({ family: 'chain' as const, task: { ms: m } })) },
});
/** Seven layers over a 12-term polynomial: tens of ms to solve, so a 1 ms budget always runs out first. */
const HEAVY = `sin(cos(tan(exp(sin(cos(log(1+(${Array.from({ length: 12 }, (_, j) => `${j + 2}*x^${j + 1}`).join('+')})^2)))))))`;
// Starting a worker (TypeScript loader, math core) takes seconds on a busy machine.
const SLOW = 90_000;
/** "Within a few seconds": the bound a refused teacher waits at most, on a loaded 2-core machine. */
const REFUSAL_BOUND_MS = 5000;

const fixture = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);
const budgets = (spec: BucketSpec = REQUESTER_BUDGET): KeyedLimiter => new KeyedLimiter(spec, systemClock);

/** A pool plus what it logged and how many failed starts it reported (the metric's feed). */
function observed(opts: Partial<TaskPoolOptions>): { pool: TaskPool; lines: string[]; failures: () => number } {
  const lines: string[] = [];
  let failures = 0;
  const pool = new TaskPool({
    budgets: budgets(),
    size: 1,
    log: (m) => lines.push(m),
    observer: { startFailed: () => void failures++ },
    ...opts,
  });
  return { pool, lines, failures: () => failures };
}

/** Resolves once `fn` holds, checking every 50 ms; rejects with `what` after `ms`. */
async function until(what: string, fn: () => boolean, ms = 30_000): Promise<void> {
  const end = performance.now() + ms;
  while (!fn()) {
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('TaskPool', () => {
  let pool: TaskPool;
  let stingy: TaskPool;
  // A cold worker from the sources (tsx) can take longer to start than a request's deadline on a loaded machine.
  const patient = { queueWaitMs: SLOW, requestDeadlineMs: SLOW, startTimeoutMs: SLOW };
  beforeAll(() => {
    // `pool` starts the run's bundled worker, the production build's (child-bundle.ts), twice (a worker is replaced);
    // `stingy` the sources' worker through tsx, as `npm run dev` does (its shim, server/tasks/task-worker.js).
    pool = new TaskPool({ budgets: budgets(), size: 1, ...patient, ...bundledTaskWorker() });
    stingy = new TaskPool({ budgets: budgets({ capacity: 1, perSecond: 0.001 }), size: 1, maxQueued: 2, ...patient });
  });
  afterAll(async () => {
    await Promise.all([pool.close(), stingy.close()]);
  });

  it('solves a task list in a worker, in order', async () => {
    const out = await pool.solveTasks(tasks('sin(x^2)', 'exp(3*x)'), 'a');
    // The exponential is written e^(…), as a textbook does (issue 23).
    expect(out.ok && out.solved?.map((q) => (q.task as { expr: string }).expr)).toEqual(['sin(x^2)', 'e^(3*x)']);
    expect(pool.health()).toEqual({ ok: true });
    expect(pool.readyWorkers()).toBe(1);
  }, SLOW);

  it('says which task cannot be solved and why', async () => {
    const out = await pool.solveTasks(tasks('sin(x^2)', 'sin((('), 'a');
    expect(out.ok ? 'ok' : out.detail).toMatch(/^Task 2 \(chain\): /);
  }, SLOW);

  it('stops a task that overruns its budget, replaces the worker and keeps serving', async () => {
    const out = await pool.solve('chain', { expr: HEAVY, var: 'x' }, 1);
    expect(out).toMatchObject({ ok: false, reason: 'unsolvable', message: 'it takes too long to solve.' });
    expect((await pool.solve('chain', { expr: 'sin(x^2)', var: 'x' }, SLOW)).ok).toBe(true);
  }, SLOW);

  it('charges the requester for solving time whether the tasks solve or not', async () => {
    const failed = await stingy.solveTasks(tasks('sin((('), 'teacher-a');
    expect(failed.ok ? 'ok' : failed.error).toBe('task-unsolvable');
    const again = await stingy.solveTasks(tasks('sin(x^2)'), 'teacher-a');
    expect(again.ok ? 'ok' : again.error).toBe('rate-limited');
    expect((await stingy.solveTasks(tasks('sin(x^2)'), 'teacher-b')).ok).toBe(true);
  }, SLOW);

  it('refuses a request that would overfill the queue', async () => {
    const out = await stingy.solveTasks(tasks('x^2', 'x^3', 'x^4'), 'c');
    expect(out.ok ? 'ok' : out.error).toBe('busy');
  });

  it('needs no worker for generated questions', async () => {
    expect(await pool.solveTasks(DEFAULT_SETTINGS, 'a')).toEqual({ ok: true });
  });
});

describe('TaskPool bounds', () => {
  const pools: TaskPool[] = [];
  const dirs: string[] = [];
  const track = <T extends { pool: TaskPool }>(p: T): T => {
    pools.push(p.pool);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses tasks within seconds when no worker can start, retries with backoff, logs once and counts every attempt', async () => {
    const { pool: broken, lines, failures } = track(
      observed({ workerFile: fixture('no-such-worker.mjs'), backoff: { initialMs: 100, maxMs: 800, randomize: false } }),
    );
    const started = performance.now();
    const first = await broken.solveTasks(tasks('sin(x^2)'), 'teacher');
    const refusedAfter = performance.now() - started;
    expect(first).toEqual({ ok: false, error: 'tasks-unavailable' });
    expect(refusedAfter).toBeLessThan(REFUSAL_BOUND_MS);
    // While it stays down, a request is refused at once, without queueing.
    const again = performance.now();
    expect(await broken.solveTasks(tasks('exp(x)'), 'teacher')).toEqual({ ok: false, error: 'tasks-unavailable' });
    // Queued, it would wait for its deadline (seconds); refused at once it is back within one loaded turn.
    expect(performance.now() - again).toBeLessThan(1000);
    expect(broken.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/task workers cannot start \(\d+ failed attempts? in \d+ s, last: /) });
    expect(broken.readyWorkers()).toBe(0);
    // Backoff (100, 200, 400, 800, 800 … ms between attempts): a handful of attempts over 2.5 s, where
    // replacing a failed worker at once (the old hot loop) made one every ~30 ms.
    const before = failures();
    await new Promise((r) => setTimeout(r, 2500));
    const inWindow = failures() - before;
    expect(inWindow).toBeGreaterThanOrEqual(2);
    expect(inWindow).toBeLessThanOrEqual(8);
    expect(lines.filter((l) => l.includes('cannot start'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
    // Generated questions never needed a worker.
    expect(await broken.solveTasks(DEFAULT_SETTINGS, 'teacher')).toEqual({ ok: true });
  }, SLOW);

  it('gives up on a worker that never says ready and refuses its queued tasks', async () => {
    const { pool: silent, lines, failures } = track(observed({ workerFile: fixture('silent-worker.mjs'), startTimeoutMs: 400, queueWaitMs: 10_000 }));
    const started = performance.now();
    expect(await silent.solveTasks(tasks('sin(x^2)'), 'teacher')).toEqual({ ok: false, error: 'tasks-unavailable' });
    expect(performance.now() - started).toBeLessThan(REFUSAL_BOUND_MS);
    expect(failures()).toBeGreaterThanOrEqual(1);
    expect(silent.health()).toMatchObject({ ok: false, detail: expect.stringContaining('silent for 400 ms') });
    expect(lines).toHaveLength(1);
  }, SLOW);

  it('gives a queued task a deadline from the moment it is queued', async () => {
    const { pool: slow } = track(observed({ workerFile: fixture('slow-worker.mjs'), queueWaitMs: 300 }));
    // The worker is started and ready first: a cold start takes seconds on a loaded machine, and a first task
    // queued before the worker is ready would itself run out of its 300 ms wait (CI met that as "ended early").
    await slow.solve('chain', { ms: 0 }, 10_000);
    await until('the worker to start', () => slow.readyWorkers() === 1);
    // The one worker is busy for 30 s (long enough that no stall of a loaded machine lets it finish first); the
    // second task's wait runs out long before. The pool's close in afterEach ends the first.
    let busyDone: unknown = false;
    // Its own request deadline as far off as its budget: the default (TASKS_ANSWER_MS, 20 s) is shorter than its 30 s.
    const busy = slow.solve('chain', { ms: 30_000 }, 60_000, performance.now() + 60_000);
    // What ended it, if it ended: the failure then says so.
    void busy.then((o) => (busyDone = o), (err: unknown) => (busyDone = String(err)));
    await until('the first task to reach the worker', () => slow.readyWorkers() === 1 && slow.queuedTasks() === 0);
    const queued = performance.now();
    const waiting = await slow.solve('chain', { ms: 0 }, 10_000);
    const waited = performance.now() - queued;
    expect(busyDone, `the first task was still running (it ended: ${JSON.stringify(busyDone)})`).toBe(false);
    expect(waiting).toMatchObject({ ok: false, reason: 'busy', ms: 0 });
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2500);
    expect(slow.queuedTasks()).toBe(0);
  }, SLOW);

  it('answers a request within its deadline, however long its tasks would take', async () => {
    const { pool: slow } = track(observed({ workerFile: fixture('slow-worker.mjs'), requestDeadlineMs: 1500 }));
    const started = performance.now();
    const out = await slow.solveTasks(slowTasks(200, 5000), 'teacher');
    expect(out).toEqual({ ok: false, error: 'busy' });
    expect(performance.now() - started).toBeLessThan(1500 + REFUSAL_BOUND_MS);
    // The worker running past the deadline was replaced; the pool serves again (once the new worker is up: its
    // start, seconds on a loaded machine, is not this request's to wait for within 1.5 s).
    await until('the replacement worker to start', () => slow.readyWorkers() === 1);
    expect(await slow.solveTasks(slowTasks(0), 'teacher')).toMatchObject({ ok: true });
  }, SLOW);

  it('recovers by itself once workers can start again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-worker-'));
    dirs.push(dir);
    const file = join(dir, 'worker.mjs');
    const { pool: flaky, lines, failures } = track(observed({ workerFile: pathToFileURL(file), backoff: { initialMs: 100, maxMs: 400 } }));
    expect(await flaky.solveTasks(tasks('sin(x^2)'), 'teacher')).toEqual({ ok: false, error: 'tasks-unavailable' });
    await until('a second failed start', () => failures() >= 2);
    // The worker becomes available (a deployment finished copying, a disk came back): the next retry starts it.
    writeFileSync(file, `await import(${JSON.stringify(fixture('slow-worker.mjs').href)});\n`);
    await until('the pool to recover', () => flaky.health().ok && flaky.readyWorkers() === 1, 60_000);
    const out = await flaky.solveTasks(slowTasks(0), 'teacher');
    expect(out.ok && out.solved?.length).toBe(1);
    expect(lines.filter((l) => l.includes('cannot start'))).toHaveLength(1);
    expect(lines.filter((l) => /start again, after \d+ failed attempts?/.test(l))).toHaveLength(1);
  }, SLOW);
});
