import { generateQuestion } from './shared/questions/index';
for (let r = 0; r < 10; r++) for (let s = 0; s < 2000; s++) { generateQuestion('multivariable', 5, s); }
