import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../shared/protocol';
import { systemClock } from '../../server/clock';
import { TaskPool } from '../../server/rooms/task-pool';

const tasks = (...exprs: string[]): RoomSettings => ({
  ...DEFAULT_SETTINGS,
  source: { kind: 'tasks', tasks: exprs.map((expr) => ({ family: 'chain' as const, task: { expr, var: 'x' } })) },
});
const HEAVY = 'sin(cos(tan(exp(sin(cos(x^2+3*x))))))';

describe('TaskPool', () => {
  const pools: TaskPool[] = [];
  const pool = (opts: Partial<ConstructorParameters<typeof TaskPool>[0]> = {}): TaskPool => {
    const p = new TaskPool({ clock: systemClock, size: 1, ...opts });
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('solves a task list in a worker, in order', async () => {
    const out = await pool().solveTasks(tasks('sin(x^2)', 'exp(3*x)'), 'a');
    expect(out.ok && out.solved?.map((q) => (q.task as { expr: string }).expr)).toEqual(['sin(x^2)', 'exp(3*x)']);
  }, 30_000);

  it('says which task cannot be solved and why', async () => {
    const out = await pool().solveTasks(tasks('sin(x^2)', 'sin((('), 'a');
    expect(out.ok ? 'ok' : out.detail).toMatch(/^Task 2 \(chain\): /);
  }, 30_000);

  it('stops a task that overruns its budget and keeps serving the next request', async () => {
    const p = pool({ taskBudgetMs: 1 });
    const out = await p.solveTasks(tasks(HEAVY), 'a');
    expect(out.ok ? 'ok' : out.detail).toBe('Task 1 (chain): it takes too long to solve.');
    const relaxed = pool({ taskBudgetMs: 20_000 });
    expect((await relaxed.solveTasks(tasks('sin(x^2)'), 'a')).ok).toBe(true);
  }, 30_000);

  it('charges the requester for solving time whether the tasks solve or not', async () => {
    const p = pool({ requester: { capacity: 1, perSecond: 0.001 } });
    const failed = await p.solveTasks(tasks('sin((('), 'teacher-a');
    expect(failed.ok ? 'ok' : failed.error).toBe('task-unsolvable');
    const again = await p.solveTasks(tasks('sin(x^2)'), 'teacher-a');
    expect(again.ok ? 'ok' : again.error).toBe('rate-limited');
    expect((await p.solveTasks(tasks('sin(x^2)'), 'teacher-b')).ok).toBe(true);
  }, 30_000);

  it('refuses a request that would overfill the queue', async () => {
    const out = await pool({ maxQueued: 2 }).solveTasks(tasks('x^2', 'x^3', 'x^4'), 'a');
    expect(out.ok ? 'ok' : out.error).toBe('busy');
  });

  it('needs no worker for generated questions', async () => {
    expect(await pool().solveTasks(DEFAULT_SETTINGS, 'a')).toEqual({ ok: true });
  });
});
