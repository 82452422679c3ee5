import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { run } from '../../server/cli/check';

async function runRaw(lines: string[], args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const stdin = Readable.from([lines.join('\n')]);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await run(args, { stdin, stdout, stderr });
  return { code, out, err };
}

async function runWith(lines: string[], args: string[] = []): Promise<{ code: number; out: unknown[]; err: string }> {
  const r = await runRaw(lines, args);
  return { ...r, out: r.out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown) };
}

describe('arena check', () => {
  it('writes one verdict per expression line when lines are well formed', async () => {
    const { code, out } = await runWith([
      JSON.stringify({ expected: 'sin(2x)', given: '2sin(x)cos(x)' }),
      JSON.stringify({ expected: '-(x^2+y^2)/y^3', given: '-25/y^3', curve: 'x^2+y^2=25' }),
      JSON.stringify({ expected: 'cos(t)^2-sin(t)^2', given: 'x^2-y^2', subs: { x: 'cos(t)', y: 'sin(t)' } }),
      JSON.stringify({ expected: 'x', given: 'sqrt(x^2)' }),
    ]);
    expect(code).toBe(0);
    expect(out.map((v) => (v as { correct: boolean }).correct)).toEqual([true, true, true, false]);
  });

  it('answers garbage lines with an error verdict and carries on', async () => {
    const { out } = await runWith(['not json', '[1, 2]', '{"foo": 1}', 'null', JSON.stringify({ expected: 'x', given: 'x' })]);
    expect(out).toHaveLength(5);
    for (const v of out.slice(0, 4)) expect(v).toMatchObject({ correct: false, error: expect.any(String) });
    expect(out[4]).toMatchObject({ correct: true });
  });

  it('reads answers in the notation people type when checking task lines', async () => {
    const lines = [
      { family: 'chain', task: { expr: '(x^2+1)^3', var: 'x' }, answer: '6x(x^2+1)^2' },
      { family: 'implicit', task: { equation: 'x^2 + y^2 = 25', order: 1 }, answer: "y' = -x/y" },
      { family: 'chain', task: { expr: 'sin(x^2)', var: 'x' }, answer: '2xcos(x^2)', layers: ['cos(u)', '2x'] },
      { family: 'chain', task: { expr: 'sin(x^2)', var: 'x' }, answer: '1/(x+9^999)' },
    ];
    const { out } = await runWith(lines.map((l) => JSON.stringify(l)));
    expect(out.map((v) => (v as { correct: boolean }).correct)).toEqual([true, true, true, false]);
    expect(out[2]).toMatchObject({ layers: [{ correct: true }, { correct: true }] });
  });

  it('refuses a hostile answer with a message for a person', async () => {
    const { out } = await runWith([JSON.stringify({ expected: 'x^2', given: 'import("fs")', vars: ['x'] })]);
    expect(out[0]).toEqual({ correct: false, error: expect.stringMatching(/^Unknown function "import": the functions are sin, cos/) });
  });

  it('solves a task line and judges the answer and each layer when a family is given', async () => {
    const line = { family: 'chain', task: { expr: 'sin(x^2)', var: 'x' }, answer: 'cos(x^2)', layers: ['cos(u)', '2x'] };
    const { out } = await runWith([JSON.stringify(line)]);
    expect(out[0]).toMatchObject({ correct: false, mistake: 'forgot-inner-derivative', layers: [{ correct: true }, { correct: true }] });
  });

  it('answers a task that cannot be solved with an error verdict', async () => {
    const { out } = await runWith([JSON.stringify({ family: 'chain', task: { expr: 'sin(', var: 'x' }, answer: 'x' })]);
    expect(out[0]).toMatchObject({ correct: false, error: expect.any(String) });
  });

  it('refuses an unknown family with a message', async () => {
    const { out } = await runWith([JSON.stringify({ family: 'nope', task: {}, answer: 'x' })]);
    expect(out[0]).toMatchObject({ correct: false, error: expect.stringContaining('nope') });
  });

  it('skips blank lines when they appear between records', async () => {
    expect((await runWith(['', '   '])).out).toEqual([]);
  });

  it('prints usage and exits 0 when asked for help', async () => {
    const help = await runRaw([], ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage: arena check');
  });

  it('exits 2 when given an unexpected argument', async () => {
    const r = await runWith([], ['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unexpected argument');
  });

  // Spawning tsx costs seconds on a loaded 2-core box: this one test gets a generous timeout.
  it('works end to end through the arena command when spawned', { timeout: 180_000 }, () => {
    const input = [JSON.stringify({ expected: 'sin(2x)', given: '2sin(x)cos(x)' }), 'garbage'].join('\n');
    const tsx = 'node_modules/tsx/dist/cli.mjs';
    const r = spawnSync(process.execPath, [tsx, 'server/cli.ts', 'check'], { input, encoding: 'utf8', timeout: 170_000 });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { correct: boolean; error?: string });
    expect(lines[0]?.correct).toBe(true);
    expect(lines[1]).toEqual({ correct: false, error: 'The line is not valid JSON.' });
  });
});
