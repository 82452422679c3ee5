import { generateQuestion } from './shared/questions/index';
for (let r = 0; r < 6; r++) for (let s = 0; s < 1500; s++) { generateQuestion('nested', 5, s); generateQuestion('partial', 5, s); generateQuestion('jacobian', 3, s); }
