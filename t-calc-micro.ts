import { jacobian } from './shared/questions/families/jacobian';
import { analyseJacobian } from './shared/questions/calculus/jacobian-solve';
import { createRng } from './shared/questions/rng';
const cpu = (name: string, n: number, f: (i: number) => void) => { const t=process.cpuUsage(); for (let i=0;i<n;i++) f(i); const d=process.cpuUsage(t); console.log(name, ((d.user+d.system)/n).toFixed(1), 'us cpu'); };
for (const d of [1,2,3] as const) {
  const tasks = Array.from({length: 500}, (_, i) => jacobian.generate(d, createRng(i)));
  cpu(`gen d${d}`, 500, (i) => jacobian.generate(d, createRng(i)));
  cpu(`analyse d${d}`, 500, (i) => analyseJacobian({...tasks[i]!, outer: [...tasks[i]!.outer]}));
  cpu(`solve d${d}`, 500, (i) => jacobian.solve({...tasks[i]!, outer: [...tasks[i]!.outer, ]} , {difficulty: d, seed: i}));
}
