import { measureCell } from './bench/generators';
import type { Family } from './shared/questions/index';
const fams = (process.argv[2] ?? 'chain,nested,higher-order,activation,multivariable,partial,jacobian').split(',') as Family[];
for (const f of fams) { const row: string[] = []; for (const d of [1,2,3,4,5] as const) { measureCell(f, d, 150); const r = measureCell(f, d, 300); row.push(String(Math.round(r.perSecond)).padStart(6)); } console.log(f.padEnd(14), row.join(' ')); }
