import { chain } from './shared/questions/families/chain';
import { createRng } from './shared/questions/rng';
for (const d of [1,2,3,4,5] as const) for (let s = 0; s < 30; s++) { const q = chain.solve(chain.generate(d, createRng(s * 7919 + d)), {difficulty: d, seed: s}); if (q.layers!.length !== 2) console.log(d, s, JSON.stringify(q.task), q.layers?.map(l => l.fn + ' | ' + l.inner)); }
