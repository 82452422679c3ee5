import { chain } from './shared/questions/families/chain';
import { jacobian } from './shared/questions/families/jacobian';
import { createRng } from './shared/questions/rng';
for (let s = 0; s < 1500; s++) for (const d of [1,2,3,4,5] as const) { const t = chain.generate(d, createRng(s)); chain.solve(t, {difficulty:d, seed:s}); const j = jacobian.generate(d, createRng(s)); jacobian.solve(j, {difficulty:d, seed:s}); }
