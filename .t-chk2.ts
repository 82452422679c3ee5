import { generateQuestion, FAMILIES } from './shared/questions/index';
import { checkAnswer } from './shared/check/index';
// warm
for (const fam of FAMILIES) for (let s = 100; s < 110; s++) { const q = generateQuestion(fam, 3, s); checkAnswer(q, (q.answer.expr ?? q.answer.matrix ?? q.answer.value) as any); checkAnswer(q, 'x'); }
for (const fam of FAMILIES) {
  const cold: number[] = []; const warm: number[] = [];
  for (let d = 1; d <= 5; d++) for (let s = 0; s < 8; s++) {
    const q = generateQuestion(fam, d as 1, s);
    const ans = (q.answer.expr ?? q.answer.matrix ?? q.answer.value) as any;
    let t = performance.now(); checkAnswer(q, ans, q.layers?.map(l=>l.derivative)); cold.push(performance.now() - t);
    t = performance.now(); checkAnswer(q, ans, q.layers?.map(l=>l.derivative)); warm.push(performance.now() - t);
  }
  cold.sort((a,b)=>a-b); warm.sort((a,b)=>a-b);
  console.log(fam.padEnd(14), 'cold med', cold[cold.length>>1]!.toFixed(2), 'max', cold.at(-1)!.toFixed(2), ' warm med', warm[warm.length>>1]!.toFixed(3), 'max', warm.at(-1)!.toFixed(2));
}
