import { math } from './shared/math/engine';
import { fastParse } from './shared/questions/calculus/fast-parse';
const exprs = ['sin(cos(x^2 + 3*x))*exp(2*x)', '-x^2', '2^-x', '-2*x*sin(x^2)*cos(cos(x^2))', 'x/y*z', 'a - b - c', '2*-x', 'x^2^3', '-(x + 1)^2/(3*y)', '1e-3*x', '.5*x', 'log(x, 2)', '-x*y', '2x', 'x y', 'sin (x)', '(x+1)(x-1)', 'x!', "x'", '3 * (x - 1) ^ -2', '+x', 'f(x, y)', '2.5e3'];
for (const e of exprs) { const f = fastParse(e); let m = ''; try { m = math.parse(e).toString({parenthesis:'all'}); } catch { m = 'ERR'; } console.log(JSON.stringify(e).padEnd(36), f ? (f.toString({parenthesis:'all'}) === m ? 'SAME' : 'DIFF ' + f.toString({parenthesis:'all'}) + ' vs ' + m) : 'fallback'); }
const t=performance.now(); for (let i=0;i<5000;i++) fastParse('sin(cos(x^2 + 3*x))*exp(2*x)'); console.log('fast', ((performance.now()-t)/5).toFixed(1), 'us');
const t2=performance.now(); for (let i=0;i<5000;i++) math.parse('sin(cos(x^2 + 3*x))*exp(2*x)'); console.log('mathjs', ((performance.now()-t2)/5).toFixed(1), 'us');
