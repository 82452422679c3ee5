import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../shared/protocol';
import { systemClock } from '../../server/clock';
import { TaskPool } from '../../server/rooms/task-pool';

const tasks = (...exprs: string[]): RoomSettings => ({
  ...DEFAULT_SETTINGS,
  source: { kind: 'tasks', tasks: exprs.map((expr) => ({ family: 'chain' as const, task: { expr, var: 'x' } })) },
});
/** Seven layers over a 12-term polynomial: tens of ms to solve, so a 1 ms budget always runs out first. */
const HEAVY = `sin(cos(tan(exp(sin(cos(log(1+(${Array.from({ length: 12 }, (_, j) => `${j + 2}*x^${j + 1}`).join('+')})^2)))))))`;
// Starting a worker (TypeScript loader, math core) takes seconds on a busy machine.
const SLOW = 90_000;

describe('TaskPool', () => {
  let pool: TaskPool;
  let stingy: TaskPool;
  beforeAll(() => {
    pool = new TaskPool({ clock: systemClock, size: 1 });
    stingy = new TaskPool({ clock: systemClock, size: 1, requester: { capacity: 1, perSecond: 0.001 }, maxQueued: 2 });
  });
  afterAll(async () => {
    await Promise.all([pool.close(), stingy.close()]);
  });

  it('solves a task list in a worker, in order', async () => {
    const out = await pool.solveTasks(tasks('sin(x^2)', 'exp(3*x)'), 'a');
    // The exponential is written e^(…), as a textbook does (issue 23).
    expect(out.ok && out.solved?.map((q) => (q.task as { expr: string }).expr)).toEqual(['sin(x^2)', 'e^(3*x)']);
  }, SLOW);

  it('says which task cannot be solved and why', async () => {
    const out = await pool.solveTasks(tasks('sin(x^2)', 'sin((('), 'a');
    expect(out.ok ? 'ok' : out.detail).toMatch(/^Task 2 \(chain\): /);
  }, SLOW);

  it('stops a task that overruns its budget, replaces the worker and keeps serving', async () => {
    const out = await pool.solve('chain', { expr: HEAVY, var: 'x' }, 1);
    expect(out).toMatchObject({ ok: false, message: 'it takes too long to solve.' });
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
