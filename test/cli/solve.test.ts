import { describe, expect, it } from 'vitest';
import { run } from '../../server/cli/solve';
import { runWith } from './questions-harness';

const LESSON = {
  family: 'backprop',
  task: {
    x: [2], y: [1], loss: 'mse',
    layers: [{ W: [[0.5]], b: [0.1], activation: 'sigmoid' }, { W: [[0.8]], b: [0.2], activation: 'sigmoid' }],
    target: 'dL/dW1',
  },
};

const parseLines = (out: string): Array<Record<string, unknown>> => out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('arena solve', () => {
  it('writes the full question with answer, backward steps and steps when the line is a valid task', async () => {
    const r = await runWith(run, [], `${JSON.stringify(LESSON)}\n`);
    expect(r.code).toBe(0);
    const [q] = parseLines(r.stdout);
    // Without a difficulty or seed on the line, the id says difficulty 3, seed 0.
    expect(q?.id).toBe('backprop-3-0');
    expect(Number((q?.answer as { value: number }).value.toPrecision(3))).toBe(-0.0199);
    expect(q?.backward).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'dL/dz1' })]));
    expect((q?.steps as unknown[]).length).toBeGreaterThan(3);
  });

  it('answers each line in order and carries on after bad lines', async () => {
    const input = [
      JSON.stringify({ family: 'implicit', task: { equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 4 } } }),
      '{not json',
      JSON.stringify({ family: 'nope', task: {} }),
      JSON.stringify({ family: 'backprop', task: { ...LESSON.task, target: 'dL/dW9' } }),
      JSON.stringify({ family: 'implicit', task: { equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 5 } } }),
      JSON.stringify({ family: 'gradient-flow', task: { activation: 'sigmoid', depth: 3 } }),
    ].join('\n');
    const r = await runWith(run, [], input);
    expect(r.code).toBe(0);
    const out = parseLines(r.stdout);
    expect(out).toHaveLength(6);
    expect((out[0]?.answer as { value: number }).value).toBeCloseTo(-0.75, 12);
    expect(out[1]).toEqual({ line: 2, error: 'The line is not valid JSON.' });
    expect(out[2]?.error).toMatch(/Unknown family "nope"/);
    expect(out[3]?.error).toMatch(/layers 1 to 2/);
    expect(out[4]?.error).toMatch(/not on the curve/);
    expect((out[5]?.answer as { value: number }).value).toBe(0.25 ** 3);
  });

  it('refuses a line that is JSON but not an object with a task', async () => {
    const r = await runWith(run, [], '[1,2]\n{"family":"chain"}\nnull\n');
    const out = parseLines(r.stdout);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3]);
    expect(out[1]?.error).toMatch(/"task" must be a JSON object/);
  });

  it('refuses a bad difficulty or seed on a line', async () => {
    const r = await runWith(run, [], `${JSON.stringify({ ...LESSON, difficulty: 9 })}\n${JSON.stringify({ ...LESSON, seed: -1 })}\n`);
    const out = parseLines(r.stdout);
    expect(out[0]?.error).toMatch(/difficulty/);
    expect(out[1]?.error).toMatch(/seed/);
  });

  it('uses the line\'s difficulty and seed in the question id when given', async () => {
    const r = await runWith(run, [], JSON.stringify({ ...LESSON, difficulty: 2, seed: 17 }));
    expect(parseLines(r.stdout)[0]?.id).toBe('backprop-2-17');
  });

  it('skips blank lines and reads a last line without a newline', async () => {
    const line = JSON.stringify(LESSON);
    const r = await runWith(run, [], `\n${line}\n\n${line}`);
    expect(parseLines(r.stdout)).toHaveLength(2);
  });

  it('refuses an over-long line without parsing it', async () => {
    const r = await runWith(run, [], `${'x'.repeat(100_001)}\n`);
    expect(parseLines(r.stdout)[0]?.error).toMatch(/longer than/);
  });

  it('prints usage when asked for --help and exits 2 on an unexpected argument', async () => {
    expect((await runWith(run, ['--help'])).stdout).toContain('usage: arena solve');
    const bad = await runWith(run, ['--family']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unexpected argument');
  });
});
