import type { Rng } from '../rng';

/**
 * Curves for generated implicit questions, by level (1 conics … 5 trig/exp mixes). Each picks a point first and
 * then sets the constant so that the point lies on the curve exactly (integers and values like e^0 = 1, sin 0 = 0),
 * so `at` never needs rounding.
 */
export interface CurveChoice {
  equation: string;
  x: number;
  y: number;
}

type Maker = (rng: Rng) => CurveChoice;

const nz = (rng: Rng, lo: number, hi: number): number => {
  const v = rng.int(lo, hi - 1);
  return v >= 0 ? v + 1 : v;
};

/** `a*body` with the sign folded into the joining operator: term(" + ", -2, "x*y") → " - 2*x*y". */
function term(join: ' + ' | '', coef: number, body: string): string {
  const mag = Math.abs(coef) === 1 ? body : `${Math.abs(coef)}*${body}`;
  if (join === '') return coef < 0 ? `-${mag}` : mag;
  return `${coef < 0 ? ' - ' : ' + '}${mag}`;
}

function constant(join: ' + ', c: number): string {
  if (c === 0) return '';
  return `${c < 0 ? ' - ' : join}${Math.abs(c)}`;
}

const at = (left: string, value: (x: number, y: number) => number, x: number, y: number): CurveChoice => ({
  equation: `${left} = ${value(x, y)}`, x, y,
});

const LEVEL1: Maker[] = [
  (r) => at('x^2 + y^2', (x, y) => x * x + y * y, r.int(-4, 4), nz(r, -4, 4)),
  (r) => {
    const a = r.int(1, 4);
    const b = r.pick([1, 2, 3, 4, 9].filter((v) => v !== a));
    return at(`${term('', a, 'x^2')}${term(' + ', b, 'y^2')}`, (x, y) => a * x * x + b * y * y, r.int(-3, 3), nz(r, -3, 3));
  },
];

const LEVEL2: Maker[] = [
  (r) => {
    const k = r.pick([-1, 1, 2]);
    return at(`x^2${term(' + ', k, 'x*y')} + y^2`, (x, y) => x * x + k * x * y + y * y, r.int(-3, 3), nz(r, -3, 3));
  },
  (r) => at('x*y', (x, y) => x * y, nz(r, -4, 4), nz(r, -4, 4)),
  (r) => {
    const k = r.int(1, 3);
    return at(`x^2${term(' + ', -k, 'y^2')}`, (x, y) => x * x - k * y * y, r.int(-4, 4), nz(r, -3, 3));
  },
  (r) => at('x^3 + y^3', (x, y) => x ** 3 + y ** 3, r.int(-3, 3), nz(r, -3, 3)),
  (r) => {
    const a = r.int(-3, 3);
    const [x, y] = [r.int(-2, 3), nz(r, -4, 4)];
    const b = y * y - x ** 3 - a * x;
    return { equation: `y^2 = x^3${a === 0 ? '' : term(' + ', a, 'x')}${constant(' + ', b)}`, x, y };
  },
];

const FOLIUM: ReadonlyArray<[number, number, number]> = [[1, 1, 2], [2, 2, 4], [3, 3, 6], [2, 4, 9], [4, 2, 9], [4, 4, 8]];

const LEVEL3: Maker[] = [
  (r) => {
    const [x, y, k] = r.pick(FOLIUM);
    return { equation: `x^3 + y^3 = ${k}*x*y`, x, y };
  },
  (r) => at('x^2*y + y^3', (x, y) => x * x * y + y ** 3, r.int(-3, 3), nz(r, -2, 2)),
  (r) => at('x*y^2 + x^3', (x, y) => x * y * y + x ** 3, nz(r, -3, 3), nz(r, -3, 3)),
  (r) => at('y^3 + x*y', (x, y) => y ** 3 + x * y, r.int(-3, 3), nz(r, -2, 2)),
];

const LEVEL4: Maker[] = [
  (r) => at('sin(x*y) + y^2', (_x, y) => y * y, 0, nz(r, -3, 3)),
  (r) => at('e^(x*y) + y^2', (_x, y) => 1 + y * y, 0, nz(r, -3, 3)),
  (r) => at('x*e^y + y', (x) => x, r.pick([-3, -2, 1, 2, 3]), 0),
  (r) => at('y*e^x + x^2', (_x, y) => y, 0, nz(r, -4, 4)),
  (r) => {
    const a = r.pick([2, 3, 4]);
    return { equation: `e^(x*y) = ${a}*x + y`, x: 0, y: 1 };
  },
];

const PYTHAGOREAN: ReadonlyArray<[number, number]> = [[3, 4], [4, 3], [-3, 4], [6, 8], [-8, 6], [5, 12], [0, 2]];

const LEVEL5: Maker[] = [
  (r) => at('y*e^(x*y) + x^2', (_x, y) => y, 0, nz(r, -3, 3)),
  (r) => at('x*sin(y) + y^3', (_x, y) => y ** 3, 0, nz(r, -2, 2)),
  (r) => {
    const [x, y] = r.pick(PYTHAGOREAN);
    return at('sqrt(x^2 + y^2) + y', (a, b) => Math.sqrt(a * a + b * b) + b, x, y);
  },
  (r) => {
    const [x, y] = r.pick([[1, 1], [4, 0.25], [2, 0.5], [0.5, 2]] as const);
    return at('log(x*y) + y', (_a, b) => b, x, y);
  },
  (r) => at('y^2*e^x + x*y', (_x, y) => y * y, 0, r.pick([-3, -2, 1, 2, 3])),
];

export const CURVE_LEVELS: readonly Maker[][] = [LEVEL1, LEVEL2, LEVEL3, LEVEL4, LEVEL5];

/** A curve and a point on it from level 1–5. */
export function pickCurve(level: number, rng: Rng): CurveChoice {
  const makers = CURVE_LEVELS[Math.min(Math.max(level, 1), 5) - 1] ?? LEVEL1;
  return rng.pick(makers)(rng);
}
