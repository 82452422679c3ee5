import { parseExpr, toStr } from './shared/questions/calculus/differentiate';
import { decompose } from './shared/questions/calculus/layers';
for (const e of ['1/(5*x^2 + 2*x)^2', '1/(x^2 - x)', '1/(5*x+3)', '2/sin(x)', '1/(sin(x) + 1)', 'x/(x+1)', '(x^2+1)^(-3)']) console.log(e, decompose(parseExpr(e), 'x').map(l => toStr(l.fn) + ' | ' + toStr(l.inner)));
