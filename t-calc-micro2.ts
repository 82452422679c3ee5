import * as js from './shared/questions/calculus/jacobian-solve';
import { jacobian } from './shared/questions/families/jacobian';
import { createRng } from './shared/questions/rng';
const cpu = (name: string, n: number, f: (i: number) => void) => { for (let i=0;i<n;i++) f(i); const t=process.cpuUsage(); for (let r=0;r<3;r++) for (let i=0;i<n;i++) f(i); const d=process.cpuUsage(t); console.log(name.padEnd(12), ((d.user+d.system)/n/3).toFixed(1), 'us cpu'); };
for (const d of [1, 3] as const) {
  const tasks = Array.from({length: 300}, (_, i) => jacobian.generate(d, createRng(i)));
  cpu('gen'+d, 300, (i) => jacobian.generate(d, createRng(i)));
  cpu('analyse'+d, 300, (i) => js.analyseJacobian(JSON.parse(JSON.stringify(tasks[i]))));
  cpu('gen+solve'+d, 300, (i) => { const t = jacobian.generate(d, createRng(i)); jacobian.solve(t, {difficulty: d, seed: i}); });
}
