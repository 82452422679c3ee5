import type { FamilyModule } from '../family';
import { TaskError } from '../family';
import type { Rng } from '../rng';
import type { Difficulty, Distractor, GradientFlowTask, Question, Step } from '../types';
import { fmtNum, texNum } from '../format/number';

/**
 * Gradient-flow family: how a gradient scales through `depth` one-neuron layers a_k = f(w·a_{k−1} + b_k).
 * Each layer multiplies the gradient by w·f'(z_k); with a common weight w and pre-activation z the factor is
 * (w·f'(z))^depth. Without `z` the question asks for the upper bound (f' at its maximum, 1/4 for sigmoid) and
 * without `w` the weight is 1: the classic "at most 0.25^depth through sigmoid layers".
 */
type FlowActivation = 'sigmoid' | 'tanh' | 'relu' | 'linear';
interface Flow {
  activation: FlowActivation;
  depth: number;
  w: number;
  z: number | null;
}

const NAMES: Record<FlowActivation, [string, string]> = {
  sigmoid: ['sigmoid', '\\sigma'], tanh: ['tanh', '\\tanh'], relu: ['ReLU', '\\operatorname{ReLU}'], linear: ['linear', '\\operatorname{id}'],
};
const MAX_DERIV: Record<FlowActivation, number> = { sigmoid: 0.25, tanh: 1, relu: 1, linear: 1 };
export const MAX_DEPTH = 200;

function derivAt(act: FlowActivation, z: number | null): number {
  if (z === null) return MAX_DERIV[act];
  if (act === 'sigmoid') {
    const s = 1 / (1 + Math.exp(-z));
    return s * (1 - s);
  }
  if (act === 'tanh') return 1 - Math.tanh(z) ** 2;
  if (act === 'relu') return z > 0 ? 1 : 0;
  return 1;
}

function finiteOption(raw: Record<string, unknown>, key: 'w' | 'z'): number | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 100) {
    throw new TaskError(`${key} must be a number between -100 and 100.`);
  }
  return v;
}

function validateFlow(raw: unknown): Flow {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TaskError('The task must be a JSON object.');
  const t = raw as Record<string, unknown>;
  if (typeof t.activation !== 'string' || !(t.activation in MAX_DERIV)) {
    throw new TaskError('activation must be one of sigmoid, tanh, relu, linear (softmax is an output, not a hidden layer).');
  }
  if (typeof t.depth !== 'number' || !Number.isInteger(t.depth) || t.depth < 1 || t.depth > MAX_DEPTH) {
    throw new TaskError(`depth must be a whole number of layers from 1 to ${MAX_DEPTH}.`);
  }
  return { activation: t.activation as FlowActivation, depth: t.depth, w: finiteOption(t, 'w') ?? 1, z: finiteOption(t, 'z') };
}

function promptFor(f: Flow, hasW: boolean): { text: string; latex: string } {
  const [name, tex] = NAMES[f.activation];
  if (f.z === null) {
    const wText = hasW ? `weight w = ${fmtNum(f.w)}` : 'weights w = 1';
    return {
      text: `A gradient flows back through ${f.depth} one-neuron ${name} layers a_k = ${name}(w·a_(k−1) + b_k) with ${wText}. What is the largest possible factor ∂a_${f.depth}/∂a_0 it can be scaled by?`,
      latex: `{\\max \\frac{\\partial a_{${f.depth}}}{\\partial a_0}},\\allowbreak\\quad {a_k = ${tex}(w\\,a_{k-1} + b_k)},\\allowbreak\\ {w = ${texNum(f.w)}},\\allowbreak\\ {k = 1..${f.depth}}`,
    };
  }
  return {
    text: `A gradient flows back through ${f.depth} one-neuron ${name} layers a_k = ${name}(w·a_(k−1) + b_k), each with weight w = ${fmtNum(f.w, 12)} and pre-activation z_k = ${fmtNum(f.z, 12)}. By what factor ∂a_${f.depth}/∂a_0 is it scaled?`,
    // Groups: a narrow screen breaks between the definitions, never after an "=".
    latex: `{\\frac{\\partial a_{${f.depth}}}{\\partial a_0}},\\allowbreak\\quad {a_k = ${tex}(w\\,a_{k-1} + b_k)},\\allowbreak\\ {w = ${texNum(f.w, 12)}},\\allowbreak\\ {z_k = ${texNum(f.z, 12)}},\\allowbreak\\ {k = 1..${f.depth}}`,
  };
}

function stepsFor(f: Flow, d: number, value: number): Step[] {
  const [name, tex] = NAMES[f.activation];
  const per = f.w * d;
  const dText = f.z === null
    ? `${name}' is at most ${fmtNum(d)} (${f.activation === 'sigmoid' ? "σ'(z) = σ(z)(1 − σ(z)) peaks at z = 0" : 'its slope never exceeds 1'}).`
    : `${name}'(${fmtNum(f.z)}) = ${fmtNum(d)}.`;
  const verdict = Math.abs(per) < 1
    ? `|w·f'| = ${fmtNum(Math.abs(per))} < 1, so the gradient shrinks geometrically with depth: it vanishes.`
    : Math.abs(per) > 1
      ? `|w·f'| = ${fmtNum(Math.abs(per))} > 1, so the gradient grows geometrically with depth: it explodes.`
      : "|w·f'| = 1, so the gradient keeps its size through every layer.";
  return [
    { prose: 'By the chain rule, each layer multiplies the gradient by the same kind of factor:', text: `By the chain rule each layer multiplies the gradient by ∂a_k/∂a_(k−1) = w·${name}'(z_k).`,
      latex: `\\frac{\\partial a_k}{\\partial a_{k-1}} = w\\, ${tex}'(z_k)` },
    { prose: f.z === null ? "The activation's largest slope:" : "The activation's slope at \\(z_k\\):", text: dText, latex: `${tex}'(${f.z === null ? 'z' : texNum(f.z)}) ${f.z === null ? '\\le' : '='} ${texNum(d)}` },
    { prose: "One layer's factor:", text: `One layer's factor: w·${name}' = ${fmtNum(f.w)}·${fmtNum(d)} = ${fmtNum(per)}.`, latex: `w\\,${tex}' = ${texNum(f.w)} \\cdot ${texNum(d)} = ${texNum(per)}` },
    { prose: `All ${f.depth} factors are equal, so they multiply to a power:`, text: `All ${f.depth} factors are equal, so they multiply to (${fmtNum(per)})^${f.depth} = ${fmtNum(value)}.`,
      latex: `\\frac{\\partial a_{${f.depth}}}{\\partial a_0} = \\prod_{k=1}^{${f.depth}} w\\,${tex}'(z_k) = (${texNum(per)})^{${f.depth}} = ${texNum(value)}` },
    { prose: Math.abs(per) < 1 ? 'Below 1, so the gradient shrinks with depth: it vanishes.' : Math.abs(per) > 1 ? 'Above 1, so the gradient grows with depth: it explodes.' : 'Exactly 1, so the gradient keeps its size.', text: verdict, latex: `\\left|w\\,${tex}'\\right| ${Math.abs(per) < 1 ? '<' : Math.abs(per) > 1 ? '>' : '='} 1` },
  ];
}

function distractorsFor(f: Flow, d: number, value: number): Distractor[] {
  const out: Distractor[] = [];
  const add = (x: Distractor & { value: number }): void => {
    if (Number.isFinite(x.value) && Math.abs(x.value - value) > 1e-12 * Math.max(1, Math.abs(value))) out.push(x);
  };
  add({ mistake: 'activation-derivative-missing', value: f.w ** f.depth,
    feedback: `w^${f.depth} leaves out the activation's slope: every layer also multiplies by ${NAMES[f.activation][0]}'(z) = ${fmtNum(d)}.` });
  add({ mistake: 'missing-layer-factor', value: (f.w * d) ** (f.depth - 1),
    feedback: `That has ${f.depth - 1} factors: there is one w·f'(z) per layer, ${f.depth} in all.` });
  return out;
}

function solveFlow(raw: GradientFlowTask, meta: { difficulty: Difficulty; seed: number }): Question {
  const f = validateFlow(raw);
  const hasW = (raw as Record<string, unknown>).w !== undefined && (raw as Record<string, unknown>).w !== null;
  const d = derivAt(f.activation, f.z);
  const value = (f.w * d) ** f.depth;
  if (!Number.isFinite(value)) throw new TaskError('The factor overflows: use a smaller weight or fewer layers.');
  const task: GradientFlowTask = { activation: f.activation, depth: f.depth, ...(hasW ? { w: f.w } : {}), ...(f.z !== null ? { z: f.z } : {}) };
  const distractors = distractorsFor(f, d, value);
  return {
    id: `gradient-flow-${meta.difficulty}-${meta.seed}`,
    family: 'gradient-flow',
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: promptFor(f, hasW),
    task,
    answer: { value },
    steps: stepsFor(f, d, value),
    ...(distractors.length > 0 ? { distractors } : {}),
  };
}

/** One decimal place, never 0: numbers a person can multiply out in a timed round. */
function tenth(rng: Rng, lo: number, hi: number): number {
  const v = rng.int(lo, hi);
  return (v === 0 ? 1 : v) / 10;
}

function generateFlow(d: Difficulty, rng: Rng): GradientFlowTask {
  switch (d) {
    case 1: {
      const depth = rng.int(2, 10);
      return rng.bool() ? { activation: 'sigmoid', depth } : { activation: 'sigmoid', depth, w: rng.pick([0.5, 2]) };
    }
    case 2:
      return { activation: rng.pick(['sigmoid', 'tanh'] as const), depth: rng.int(2, 4), w: 1, z: tenth(rng, -10, 10) };
    case 3:
      return { activation: rng.pick(['sigmoid', 'tanh'] as const), depth: rng.int(3, 6), w: tenth(rng, 5, 20), z: tenth(rng, -10, 10) };
    case 4:
      return { activation: rng.pick(['relu', 'linear'] as const), depth: rng.int(5, 10), w: rng.pick([0.5, 0.8, 0.9, 1.1, 1.2, 1.5, 2]), z: tenth(rng, 1, 10) };
    case 5: {
      const activation = rng.pick(['sigmoid', 'tanh', 'relu'] as const);
      // A negative z would make every ReLU factor 0: keep ReLU layers active so the question is not trivial.
      return { activation, depth: rng.int(10, 30), w: tenth(rng, 5, 40), z: activation === 'relu' ? tenth(rng, 1, 15) : tenth(rng, -15, 15) };
    }
  }
}

export const gradientFlow: FamilyModule<'gradient-flow'> = {
  family: 'gradient-flow',
  generate: generateFlow,
  solve: solveFlow,
};
