import { multivariable } from './shared/questions/families/multivariable';
import { partial } from './shared/questions/families/partial';
import { createRng } from './shared/questions/rng';
for (const fam of [multivariable, partial] as const)
for (const d of [1,2,3,4,5] as const) for (let s=0;s<3;s++) { const t = fam.generate(d, createRng(s*7+d)); const q = fam.solve(t as never, {difficulty:d, seed:s}); console.log(fam.family, d, q.paths!.length, JSON.stringify(q.task), '=>', q.answer.expr, '|', q.distractors?.map(x=>x.mistake).join(' ; ')); }
const q = multivariable.solve({expr:'x^2*y', subs:{x:'cos(t)', y:'t^2'}, wrt:'t'}, {difficulty:1,seed:0}); console.log(JSON.stringify(q,null,1));
