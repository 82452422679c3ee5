import { generateQuestion } from './shared/questions/index';
const q = generateQuestion('jacobian', 1, 3); console.log(JSON.stringify(q, null, 1));
