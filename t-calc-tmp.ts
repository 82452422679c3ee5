import { chain } from './shared/questions/families/chain';
import { nested } from './shared/questions/families/nested';
import { higherOrder } from './shared/questions/families/higher-order';
import { activation } from './shared/questions/families/activation';
import { multivariable } from './shared/questions/families/multivariable';
import { partial } from './shared/questions/families/partial';
import { jacobian } from './shared/questions/families/jacobian';
import { createRng } from './shared/questions/rng';
const fams = [chain, nested, higherOrder, activation, multivariable, partial, jacobian] as const;
for (const fam of fams) {
  // warm up
  for (let s = 0; s < 200; s++) for (const d of [1,2,3,4,5] as const) { const t = fam.generate(d, createRng(s)); (fam.solve as any)(t, {difficulty:d, seed:s}); }
  const N = 400; const c0 = process.cpuUsage();
  const per: number[] = [];
  for (const d of [1,2,3,4,5] as const) { const t1 = process.cpuUsage(); for (let s = 1000; s < 1000+N; s++) { const t = fam.generate(d, createRng(s)); (fam.solve as any)(t, {difficulty:d, seed:s}); } const u = process.cpuUsage(t1); per.push(Math.round(N/((u.user+u.system)/1e6))); }
  const cu = process.cpuUsage(c0); const dt = (cu.user+cu.system)/1000;
  console.log(fam.family, Math.round(5*N / (dt/1000)), 'q/s', per.join(' '));
}
