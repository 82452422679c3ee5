import { generateQuestion, FAMILIES } from './shared/questions/index';
import { checkAnswer } from './shared/check/index';
const stats: Record<string, any> = {};
for (const fam of FAMILIES) {
  const st = { n: 0, selfOk: 0, genErr: 0, distOk: 0, distN: 0, layerOk: 0, layerN: 0, fails: [] as string[], maxMs: 0 };
  stats[fam] = st;
  for (let d = 1; d <= 5; d++) for (let seed = 0; seed < 12; seed++) {
    let q;
    try { q = generateQuestion(fam, d as 1, seed); } catch (e) { st.genErr++; if (st.genErr < 3) st.fails.push('gen: ' + (e as Error).message); continue; }
    st.n++;
    const ans = q.answer.expr ?? q.answer.matrix ?? q.answer.value;
    const t = performance.now();
    const v = checkAnswer(q, ans as any, q.layers?.map(l => l.derivative));
    st.maxMs = Math.max(st.maxMs, performance.now() - t);
    if (v.correct) st.selfOk++; else if (st.fails.length < 4) st.fails.push(`self d${d} s${seed}: ${JSON.stringify(ans).slice(0,120)} -> ${JSON.stringify(v).slice(0,200)}`);
    if (v.layers) { st.layerN += v.layers.length; st.layerOk += v.layers.filter(l => l.correct).length; if (v.layers.some(l=>!l.correct) && st.fails.length < 6) st.fails.push(`layers d${d} s${seed}: ${JSON.stringify(q.layers).slice(0,300)} ${JSON.stringify(v.layers)}`); }
    for (const dd of q.distractors ?? []) {
      st.distN++;
      const a = dd.expr ?? dd.matrix ?? dd.value;
      const dv = checkAnswer(q, a as any);
      if (!dv.correct && dv.mistake === dd.mistake) st.distOk++;
      else if (st.fails.length < 8) st.fails.push(`dist d${d} s${seed} ${dd.mistake}: ${JSON.stringify(a).slice(0,100)} ans=${JSON.stringify(ans).slice(0,100)} -> ${JSON.stringify(dv).slice(0,200)}`);
    }
  }
}
for (const [f, s] of Object.entries(stats)) { const { fails, ...rest } = s; console.log(f, JSON.stringify(rest)); for (const x of fails) console.log('   ', x); }
