/**
 * `npm run bench -- checker`: the answer checker on a realistic answer set (right, wrong and hostile answers
 * to generated questions of every family), against a floor measured in the same run: mathjs parse +
 * compile + evaluate of the same answer strings. Targets (docs/answer-checking.md#caches-and-cost): median < 0.3 ms,
 * p99 < 2 ms, at most 3× the floor, no single check over 20 ms.
 */
import { create, all, type FactoryFunctionMap } from 'mathjs';
import { checkAnswer, checkExpressions, type AnswerInput, type ExpressionsInput } from '../shared/check/index';
import { clearJudgeCache } from '../shared/check/judges';
import { FAMILIES, generateQuestion, type Difficulty, type Question } from '../shared/questions/index';

interface Item {
  question: Question;
  answer: AnswerInput;
  kind: 'right' | 'wrong' | 'hostile';
}

const HOSTILE: AnswerInput[] = [
  'import("fs")',
  'derivative(sin(x), x)',
  'x^99999999',
  '1e308*1e308',
  '5 cm',
  't + phi',
  '',
  '('.repeat(30) + 'x' + ')'.repeat(30),
  'x+'.repeat(250) + 'x',
  'sin(x',
];
const PASSES = 5;

function answerOf(q: Question): AnswerInput {
  return (q.answer.expr ?? q.answer.matrix ?? q.answer.value) as AnswerInput;
}

function buildItems(): Item[] {
  const items: Item[] = [];
  for (const family of FAMILIES) {
    for (let d = 1; d <= 5; d++) {
      for (let seed = 0; seed < 4; seed++) {
        const question = generateQuestion(family, d as Difficulty, 1000 + seed);
        items.push({ question, answer: answerOf(question), kind: 'right' });
        if (question.answer.expr) items.push({ question, answer: `(${question.answer.expr}) * 1`, kind: 'right' });
        for (const dist of (question.distractors ?? []).slice(0, 3)) {
          items.push({ question, answer: (dist.expr ?? dist.matrix ?? dist.value) as AnswerInput, kind: 'wrong' });
        }
        for (const h of HOSTILE.slice((d + seed) % 7, ((d + seed) % 7) + 3)) items.push({ question, answer: h, kind: 'hostile' });
      }
    }
  }
  return items;
}

/** Every answer string in an item: matrix and vector answers count one string per entry. */
function stringsOf(answer: AnswerInput): string[] {
  if (Array.isArray(answer)) return answer.flat().map(String);
  return [String(answer)];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function timeChecker(items: Item[]): number[] {
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (const it of items) {
      const start = performance.now();
      checkAnswer(it.question, it.answer);
      times.push(performance.now() - start);
    }
  }
  return times;
}

function timeFloor(items: Item[]): number[] {
  const floorMath = create(all as FactoryFunctionMap, { number: 'number' });
  const scope = { x: 0.7, y: 0.3, z: 0.2, t: 0.5, u: 0.4, v: 0.6, w: 0.9, r: 1.1, s: 0.8 };
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (const it of items) {
      const start = performance.now();
      for (const s of stringsOf(it.answer)) {
        try {
          floorMath.parse(s).compile().evaluate({ ...scope });
        } catch {
          // Hostile strings throw in mathjs; the floor counts the time to find out.
        }
      }
      times.push(performance.now() - start);
    }
  }
  return times;
}

/**
 * The first check of a question pays for parsing the expected answer and drawing its points. Each is run on a
 * fresh question object with empty caches, best of three to filter scheduler noise.
 */
function coldChecks(): number[] {
  const times: number[] = [];
  for (const family of FAMILIES) {
    for (let d = 1; d <= 5; d++) {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const q = generateQuestion(family, d as Difficulty, 5000);
        clearJudgeCache();
        const start = performance.now();
        checkAnswer(q, answerOf(q));
        best = Math.min(best, performance.now() - start);
      }
      times.push(best);
    }
  }
  return times;
}

/** Per answer, the fastest of its runs (times are laid out pass after pass). */
function bestOfPasses(n: number, times: number[]): number[] {
  return Array.from({ length: n }, (_, i) => Math.min(...Array.from({ length: PASSES }, (_, p) => times[p * n + i] ?? Infinity)));
}

function summary(label: string, times: number[]): { total: number; median: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  const median = percentile(sorted, 0.5);
  console.log(
    `${label.padEnd(28)} ${String(times.length).padStart(6)} ops  ${(times.length / (total / 1000)).toFixed(0).padStart(8)} ops/s  ` +
      `median ${median.toFixed(4)} ms  p99 ${percentile(sorted, 0.99).toFixed(4)} ms  max ${(sorted.at(-1) ?? NaN).toFixed(3)} ms`,
  );
  return { total, median };
}

/**
 * Worst cases: hostile inputs of at most 1,000 characters, typed answers and `arena check` lines (whose
 * expected answers and curves are parsed and sampled cold). Target: none over 20 ms.
 */
function worstCaseInputs(): Array<{ label: string; input: ExpressionsInput }> {
  const pad = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);
  const long = (unit: string): string => pad(unit, 1000 - 2).replace(/[+*]$/, '') ;
  const sum = (term: string, n: number): string => Array.from({ length: n }, () => term).join('+');
  const cases: Array<{ label: string; input: ExpressionsInput }> = [
    { label: 'power tower x^x^…', input: { expected: 'x', given: pad('x^', 398) + 'x', vars: ['x'] } },
    { label: 'nested parentheses', input: { expected: 'x', given: '('.repeat(24) + 'x' + ')'.repeat(24), vars: ['x'] } },
    { label: 'nested abs bars', input: { expected: 'x', given: '|'.repeat(24) + 'x' + '|'.repeat(24), vars: ['x'] } },
    { label: 'letter run to split', input: { expected: 'x', given: pad('xy', 40) + '+' + pad('yx', 40), vars: ['x', 'y'] } },
    { label: 'ambiguous letter run', input: { expected: 'x', given: pad('asin', 40), vars: ['a', 's', 'i', 'n', 'x'] } },
    { label: '1000-char answer', input: { expected: 'x', given: long('sin(x)*'), vars: ['x'] } },
    { label: 'long sum, typed', input: { expected: 'x', given: sum('sin(x^2)', 44), vars: ['x'] } },
    { label: 'long expected (cold)', input: { expected: sum('sin(cos(x^2+1))', 60), given: 'x', vars: ['x'] } },
    { label: 'expected nowhere defined', input: { expected: sum('sqrt(-1-x^2)', 70), given: 'x', vars: ['x'] } },
    { label: 'thin domain (x-2)^6000', input: { expected: '(x-2)^6000', given: '0', vars: ['x'] } },
    { label: 'hostile long curve', input: { expected: 'x', given: 'x', curve: `${sum('sin(1/(x*y))^2', 55)} = cos(x^99*y)` } },
    { label: 'curve with no points', input: { expected: 'x', given: 'x', curve: `${sum('x^2', 200)} = -1-y^2` } },
    { label: 'far curve xy = 1e6', input: { expected: '-y/x', given: '-1e6/x^2', curve: 'x*y = 1000000' } },
    { label: 'many subs', input: { expected: 'a+b+c+d+e1', given: 'a+b+c+d+e1', subs: { a: sum('sin(t)', 30), b: sum('cos(t)', 30), c: 't', d: 't^2', e1: 't^3' } } },
  ];
  return cases.filter((c) => JSON.stringify(c.input).length <= 1200);
}

function worstCases(): void {
  let worst = { label: '', ms: 0 };
  for (const { label, input } of worstCaseInputs()) {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      clearJudgeCache();
      const start = performance.now();
      checkExpressions(input);
      best = Math.min(best, performance.now() - start);
    }
    console.log(`  worst case ${label.padEnd(26)} ${best.toFixed(3)} ms (cold, best of 3)`);
    if (best > worst.ms) worst = { label, ms: best };
  }
  console.log(`max worst case (≤ 1,000-char inputs): ${worst.ms.toFixed(3)} ms (${worst.label}); target < 20 ms`);
}

export function run(): void {
  const items = buildItems();
  const counts = { right: 0, wrong: 0, hostile: 0 };
  for (const it of items) counts[it.kind]++;
  console.log(`answer set: ${items.length} answers (${counts.right} right, ${counts.wrong} wrong, ${counts.hostile} hostile) to ${FAMILIES.length} families`);
  // Warm-up: JIT for both, and the checker's per-question caches (a room checks many players per question).
  timeChecker(items);
  timeFloor(items);
  summary('checker, first check (cold cache)', coldChecks());
  const checkerTimes = timeChecker(items);
  const checker = summary('checker (warm question cache)', checkerTimes);
  for (const kind of ['right', 'wrong', 'hostile'] as const) {
    summary(`  of which ${kind}`, timeChecker(items.filter((i) => i.kind === kind)));
  }
  const best = bestOfPasses(items.length, checkerTimes);
  const worst = best.reduce((m, t, i) => (t > (best[m] ?? 0) ? i : m), 0);
  console.log(
    `max single check, best of ${PASSES} runs per answer (filters scheduler/GC noise on a shared machine): ` +
      `${(best[worst] ?? NaN).toFixed(3)} ms (${items[worst]?.question.family}: ${JSON.stringify(items[worst]?.answer).slice(0, 60)})`,
  );
  worstCases();
  const floor = summary('floor: mathjs parse+compile+eval', timeFloor(items));
  console.log(`ratio checker/floor: total ${(checker.total / floor.total).toFixed(2)}×, median ${(checker.median / floor.median).toFixed(2)}×`);
}
