import { solveTask } from './shared/questions/index';
const q = solveTask('chain', { expr: 'sin(theta^2)', var: 'theta' }); console.log(q.prompt, q.steps.at(-1));
const p = solveTask('higher-order', { expr: 'sin(theta^2)', var: 'theta', order: 2 }); console.log(p.steps.at(-1));
const m = solveTask('partial', { expr: 'x1*x2', subs: { x1: 'r*cos(theta)', x2: 'r*sin(theta)' }, wrt: 'theta' }); console.log(m.prompt, m.steps[0], m.answer);
