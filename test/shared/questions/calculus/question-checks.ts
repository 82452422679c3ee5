import type { ExprTask, JacobianTask, Question, SubsTask } from '../../../../shared/questions/types';
import { centralDiff, checkDerivative, finiteAt, gridPoints, near, realFn, sameFunction } from './numeric-check';

/**
 * Whole-question checks shared by the family tests. Each returns a list of problems (empty when the
 * question is right), every fact verified numerically through mathjs and finite differences, never through
 * the generator's own differentiator.
 */

/** Chain families: answer, every layer, the layers composing back to the task, product = answer, distractors. */
export function chainProblems(q: Question, order: 1 | 2 = 1): string[] {
  const task = q.task as ExprTask;
  const v = task.var;
  const out: string[] = [];
  const answer = q.answer.expr as string;
  const r = checkDerivative(task.expr, answer, v, [v], order);
  if (r.mismatch) out.push(`answer: ${r.mismatch}`);
  if (r.checked < 2) out.push(`answer checked at only ${r.checked} points`);
  const layers = q.layers ?? [];
  if (layers.length === 0) out.push('no layers');
  for (const [i, l] of layers.entries()) out.push(...layerProblems(l, v).map((p) => `layer ${i + 1}: ${p}`));
  out.push(...compositionProblems(q, v));
  const product = layers.map((l) => `(${l.evaluated})`).join('*');
  if (order === 1 && layers.length && !sameFunction(answer, product, [v])) out.push(`layers multiply to ${product}, not the answer`);
  if (order === 2 && checkDerivative(task.expr, product, v, [v]).mismatch) out.push(`layers multiply to ${product}, not dy/d${v}`);
  for (const d of q.distractors ?? []) {
    if (sameFunction(answer, d.expr as string, [v])) out.push(`distractor ${d.mistake} equals the answer`);
  }
  return out;
}

function layerProblems(l: NonNullable<Question['layers']>[number], v: string): string[] {
  const out: string[] = [];
  const fn = realFn(l.fn);
  const inner = realFn(l.inner);
  const derivative = realFn(l.derivative);
  const evaluated = realFn(l.evaluated);
  let checked = 0;
  for (const p of gridPoints([v])) {
    const u = inner(p);
    // Beyond |u| = 1e4 a finite difference in u loses its digits to rounding: nothing to learn there.
    if (!Number.isFinite(u) || Math.abs(u) > 1e4) continue;
    const fd = centralDiff(fn, { u }, 'u');
    const ev = evaluated(p);
    if (fd === null || !Number.isFinite(ev)) continue;
    checked++;
    if (!near(fd, ev)) out.push(`evaluated ${l.evaluated} = ${ev} but d/du ${l.fn} at u = ${u} is ${fd}`);
    if (!near(derivative({ u }), ev, 1e-7)) out.push(`derivative ${l.derivative} at u = ${u} differs from evaluated ${l.evaluated}`);
    if (out.length) break;
  }
  if (checked === 0) out.push(`never checked (${l.fn} around ${l.inner})`);
  return out;
}

/** fn_1(fn_2(…fn_n(x))) is the task's expression, and each layer's inner is the composition below it. */
function compositionProblems(q: Question, v: string): string[] {
  const layers = q.layers ?? [];
  const expr = realFn((q.task as ExprTask).expr);
  const fns = layers.map((l) => realFn(l.fn));
  const inners = layers.map((l) => realFn(l.inner));
  for (const p of gridPoints([v])) {
    let value = p[v] as number;
    for (let k = layers.length - 1; k >= 0 && Number.isFinite(value); k--) {
      if (!near(value, inners[k]?.(p) ?? NaN, 1e-9)) return [`layer ${k + 1}'s inner does not match the layers below it`];
      value = fns[k]?.({ u: value }) ?? NaN;
    }
    const want = expr(p);
    // mathjs carries complex intermediates (log of a negative) on to a real-looking result: skip those.
    if (Number.isFinite(value) && Number.isFinite(want) && !near(value, want, 1e-9)) return [`layers compose to ${value}, the expression is ${want}`];
  }
  return [];
}

/** Multivariable / partial: every path term, the answer against finite differences of z(x(t), y(t)). */
export function pathProblems(q: Question): string[] {
  const task = q.task as SubsTask;
  const params = paramsOf(task);
  const out: string[] = [];
  let full = task.expr;
  for (const [k, e] of Object.entries(task.subs)) full = full.replace(new RegExp(`\\b${k}\\b`, 'g'), `(${e})`);
  const r = checkDerivative(full, q.answer.expr as string, task.wrt, params);
  if (r.mismatch) out.push(`answer: ${r.mismatch}`);
  if (r.checked < 3) out.push(`answer checked at only ${r.checked} points`);
  const paths = q.paths ?? [];
  if (paths.length !== Object.keys(task.subs).length) out.push(`${paths.length} paths for ${Object.keys(task.subs).length} intermediates`);
  for (const p of paths) {
    const inner = checkDerivative(task.subs[p.via] as string, p.inner, task.wrt, params);
    if (inner.mismatch) out.push(`path ${p.via} inner: ${inner.mismatch}`);
    const names = Object.keys(task.subs);
    const outer = checkDerivative(task.expr, p.outer, p.via, names);
    if (outer.mismatch) out.push(`path ${p.via} outer: ${outer.mismatch}`);
    let outerSub = p.outer;
    for (const [k, e] of Object.entries(task.subs)) outerSub = outerSub.replace(new RegExp(`\\b${k}\\b`, 'g'), `(${e})`);
    if (!sameFunction(p.term, `(${outerSub})*(${p.inner})`, params)) out.push(`path ${p.via} term is not outer·inner`);
  }
  if (!sameFunction(q.answer.expr as string, paths.map((p) => `(${p.term})`).join(' + '), params)) out.push('answer is not the sum of the path terms');
  for (const d of q.distractors ?? []) if (sameFunction(q.answer.expr as string, d.expr as string, params)) out.push(`distractor ${d.mistake} equals the answer`);
  return out;
}

export function paramsOf(task: SubsTask): string[] {
  const names = new Set<string>();
  for (const e of Object.values(task.subs)) for (const m of e.match(/[a-z]\w*/gi) ?? []) names.add(m);
  return [...names].filter((n) => !['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'e', 'pi', 'sec', 'tanh', 'sigmoid'].includes(n));
}

/** Jacobian: every entry against finite differences of the composed f∘g (numbers at `at`, else on a grid). */
export function jacobianProblems(q: Question): string[] {
  const t = q.task as JacobianTask;
  const composed = t.outer.map((f) => {
    let out = f;
    t.outerVars.forEach((v, k) => {
      out = out.replace(new RegExp(`\\b${v}\\b`, 'g'), `(${t.inner[k]})`);
    });
    return out;
  });
  const m = q.answer.matrix ?? [];
  const out: string[] = [];
  if (m.length !== t.outer.length || m.some((row) => row.length !== t.innerVars.length)) out.push('wrong shape');
  composed.forEach((fi, i) => {
    t.innerVars.forEach((xj, j) => {
      const entry = m[i]?.[j];
      const points = t.at ? [t.at] : gridPoints(t.innerVars, 8);
      for (const p of points) {
        const fd = centralDiff(realFn(fi), p, xj);
        const got = typeof entry === 'number' ? entry : realFn(String(entry))(p);
        if (fd !== null && !near(fd, got)) out.push(`entry [${i}][${j}] = ${got}, finite difference ${fd} at ${JSON.stringify(p)}`);
      }
      if (typeof entry === 'string' && finiteAt(entry, t.innerVars) < 2) out.push(`entry [${i}][${j}] is rarely defined`);
    });
  });
  for (const d of q.distractors ?? []) {
    const dm = d.matrix ?? [];
    const same = dm.length === m.length && dm.every((row, i) => row.length === m[i]?.length && row.every((e, j) => {
      const a = m[i]?.[j];
      return typeof a === 'number' ? near(a, e as number, 1e-9) : sameFunction(String(a), String(e), t.innerVars);
    }));
    if (same) out.push(`distractor ${d.mistake} equals the answer`);
  }
  return out;
}
