import type { FamilyModule } from '../family';
import { TaskError } from '../family';
import type { BackpropTask, Question, Step } from '../types';
import { fmtValue, texValue } from '../format/number';
import { backward, forward, type ForwardPass } from '../backprop/network';
import { explainNetwork } from '../backprop/explain';
import { distractorsFor, promptFor, targetTex, targetText } from '../backprop/describe';
import { generateBackprop } from '../backprop/generate';
import { parseTarget, quantityName, quantityValue, targetValue, type Target } from '../backprop/target';
import { validateBackpropTask } from '../backprop/validate';

/**
 * Backprop family (docs/question-format.md#backprop-tasks): one forward or backward quantity of a small dense
 * network. The answer is exact to double precision; `backward` lists every quantity up to the target in computation
 * order, so a client can fill a computational graph from the loss back.
 */

function allFinite(fw: ForwardPass): boolean {
  return Number.isFinite(fw.loss) && [...fw.z, ...fw.a].every((v) => v.every(Number.isFinite));
}

function answerSteps(t: Target, value: number | number[] | number[][], intro: string): { first: Step; last: Step } {
  return {
    first: { text: intro, prose: intro.replace(/ until .*$/, '.'), latex: '\\text{forward: } z_i = W_i a_{i-1} + b_i,\\ a_i = f_i(z_i);\\quad \\text{backward: } \\delta_i = \\frac{\\partial L}{\\partial a_i} \\odot f_i\'(z_i),\\ \\frac{\\partial L}{\\partial W_i} = \\delta_i a_{i-1}^{\\top},\\ \\frac{\\partial L}{\\partial a_{i-1}} = W_i^{\\top} \\delta_i' },
    last: { text: `So ${targetText(t)} = ${fmtValue(value)}.`, prose: 'So the answer is:', latex: `${targetTex(t)} = ${texValue(value, 3)}` },
  };
}

function solveBackprop(raw: BackpropTask, meta: { difficulty: Question['difficulty']; seed: number }): Question {
  const task = validateBackpropTask(raw);
  const t = parseTarget(task.target, [task.x.length, ...task.layers.map((l) => l.b.length)]);
  const fw = forward(task);
  if (!allFinite(fw)) throw new TaskError('The forward pass overflows or takes the log of 0: use smaller weights or inputs.');
  const bw = t.quantity.startsWith('d') ? backward(task, fw) : null;
  const value = targetValue(t, quantityValue(t, fw, bw));
  if (![value].flat(2).every(Number.isFinite)) throw new TaskError(`${t.name} is not a finite number for this network.`);
  const explained = explainNetwork(task, fw, bw, quantityName(t.quantity, t.layer));
  const intro = bw
    ? `Run the forward pass layer by layer, compute the loss, then go back from the loss with the chain rule until ${t.name}.`
    : `Run the forward pass layer by layer until ${t.name}.`;
  const { first, last } = answerSteps(t, value, intro);
  const distractors = distractorsFor(task, t, fw, value);
  return {
    id: `backprop-${meta.difficulty}-${meta.seed}`,
    family: 'backprop',
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: promptFor(task, t),
    task: { ...task, target: t.name },
    answer: { value },
    backward: explained.map(({ name, value: v, text, latex }) => ({ name, value: v, text, latex })),
    steps: [first, ...explained.map((s) => ({ text: `${s.why} ${s.text}`, prose: s.prose, latex: s.latex })), last],
    ...(distractors.length > 0 ? { distractors } : {}),
  };
}

export const backprop: FamilyModule<'backprop'> = {
  family: 'backprop',
  generate: generateBackprop,
  solve: solveBackprop,
};
