import * as compose from './shared/questions/calculus/compose';
import { nested } from './shared/questions/families/nested';
import { createRng } from './shared/questions/rng';
import { parseExpr } from './shared/questions/calculus/parse';
import { compileNode } from './shared/questions/calculus/numeric';
import { SAMPLE_VALUES } from './shared/questions/calculus/expr-task';
let calls = 0, fails = 0;
const orig = compose.acceptable;
for (const d of [3,4,5] as const) {
  calls = 0; fails = 0;
  for (let i = 0; i < 300; i++) {
    const rng = createRng(i);
    // replicate drawExpr loop counting
    nested.generate(d, rng);
  }
}
// count by instrumenting: sample random draws directly
const W = ['sin(u)', 'cos(u)', 'u^2', 'sqrt(u)', 'log(u)', 'atan(u)', 'tanh(u)', 'sec(u)', 'softplus(u)', 'sigmoid(u)', 'asin(u)'];
let ok = 0; const N = 2000; const rng = createRng(5);
for (let i = 0; i < N; i++) { const ws = Array.from({length: 5}, () => rng.pick(W)); const e = compose.composeAll(ws, rng.pick(['sin(x)', 'x^2 + 1', '2*x + 3'])); const f = compileNode(parseExpr(e)); const good = SAMPLE_VALUES.filter((v) => Number.isFinite(f({x: v}))).length; if (good >= 7) ok++; }
console.log('acceptance approx', ok / N);
