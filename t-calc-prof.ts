import { jacobian } from './shared/questions/families/jacobian';
import { createRng } from './shared/questions/rng';
const tasks = Array.from({length: 300}, (_, i) => jacobian.generate(3, createRng(i)));
for (let r = 0; r < 40; r++) for (let i = 0; i < 300; i++) jacobian.solve(JSON.parse(JSON.stringify(tasks[i])), {difficulty: 3, seed: i});
