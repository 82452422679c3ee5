import type { MistakeCode } from '../check/types';

/**
 * The question contract (see docs/question-format.md). Field names here are a boundary: add fields freely,
 * never rename or drop one. Every type is plain JSON so a question can cross the wire and the CLI unchanged.
 */

export const FAMILIES = [
  'chain',
  'nested',
  'higher-order',
  'activation',
  'multivariable',
  'partial',
  'jacobian',
  'implicit',
  'implicit2',
  'backprop',
  'gradient-flow',
] as const;
export type Family = (typeof FAMILIES)[number];

export type Difficulty = 1 | 2 | 3 | 4 | 5;

/** A single-variable differentiation task: d/d(var) of expr, `order` 2 for higher-order. */
export interface ExprTask {
  expr: string;
  var: string;
  order?: 1 | 2;
}

/** dz/d(wrt) where z = expr in intermediate variables, each defined by `subs` in the parameters. */
export interface SubsTask {
  expr: string;
  subs: Record<string, string>;
  wrt: string;
}

/** J of f∘g: outer f(outerVars) has one expression per output, inner g(innerVars) likewise. */
export interface JacobianTask {
  outer: string[];
  outerVars: string[];
  inner: string[];
  innerVars: string[];
  at?: Record<string, number>;
}

export interface ImplicitTask {
  equation: string;
  order: 1 | 2;
  at?: { x: number; y: number };
}

export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear' | 'softmax';

export interface BackpropLayer {
  W: number[][];
  b: number[];
  activation: Activation;
}

export interface BackpropTask {
  x: number[];
  y: number[];
  loss: 'mse' | 'cross-entropy';
  layers: BackpropLayer[];
  /** `loss`, `z2`, `a1`, `dL/da2`, `dL/dz1`, `dL/dW1`, `dL/db2`, optionally indexed: `dL/dW2[1][3]` (1-based). */
  target: string;
}

export interface GradientFlowTask {
  activation: Activation;
  depth: number;
  /** Family-specific extra parameters (weights, pre-activations) may be added by the generator. */
  [extra: string]: unknown;
}

export type Task = ExprTask | SubsTask | JacobianTask | ImplicitTask | BackpropTask | GradientFlowTask;

export interface TaskByFamily {
  chain: ExprTask;
  nested: ExprTask;
  'higher-order': ExprTask;
  activation: ExprTask;
  multivariable: SubsTask;
  partial: SubsTask;
  jacobian: JacobianTask;
  implicit: ImplicitTask;
  implicit2: ImplicitTask;
  backprop: BackpropTask;
  'gradient-flow': GradientFlowTask;
}

export interface Answer {
  expr?: string;
  matrix?: Array<Array<string | number>>;
  value?: number | number[] | number[][];
}

/** One link of a composition, outermost first; `u` is the layer's input. */
export interface Layer {
  fn: string;
  inner: string;
  /** Local derivative in u. */
  derivative: string;
  /** Local derivative evaluated at the inner expression (u replaced by `inner`). */
  evaluated: string;
  latex?: { fn: string; derivative: string; evaluated: string };
}

export interface Step {
  /** Plain text (CLI, worksheets, screen-reader fallback). */
  text: string;
  latex: string;
  /**
   * The step in words for a screen: prose with its mathematics as LaTeX inside `\( … \)`, never programming
   * notation, so a projector can typeset all of it. Optional: older questions and teacher tools may omit it.
   */
  prose?: string;
  /** Chain families: the layer this step works on (0 = outermost, as in `layers`), lit in the diagram. */
  layer?: number;
  /** Multivariable / partial: the path (index in `paths`) this step follows, lit in the diagram. */
  path?: number;
}

/** One path z → x → t of a multivariable / partial question: its factors multiply to the path's term. */
export interface PathTerm {
  via: string;
  /** ∂z/∂via, in the intermediate variables (or already substituted). */
  outer: string;
  /** d(via)/d(wrt) in the parameters. */
  inner: string;
  /** The product, fully in the parameters. */
  term: string;
}

/** One quantity of a backprop question's forward or backward pass, in computation order. */
export interface BackpropStep {
  name: string;
  value: number | number[] | number[][];
  text: string;
  latex: string;
}

/**
 * A typical wrong answer built from the question's own structure (STACK's "buggy answers", made
 * automatically): the checker compares a wrong answer with each and names the matching mistake.
 * Never sent to a player before the reveal.
 */
export interface Distractor {
  mistake: MistakeCode;
  expr?: string;
  matrix?: Array<Array<string | number>>;
  value?: number | number[] | number[][];
  /** For a person, specific to this question: "You differentiated sin(u) but did not multiply by 2x." */
  feedback: string;
}

export interface Question {
  id: string;
  family: Family;
  difficulty: Difficulty;
  seed: number;
  prompt: { text: string; latex: string };
  task: Task;
  answer: Answer;
  layers?: Layer[];
  paths?: PathTerm[];
  backward?: BackpropStep[];
  steps: Step[];
  distractors?: Distractor[];
}

/** What a player may see before the reveal: no answer, no derivatives, no steps, no backward values. */
export interface PublicQuestion {
  id: string;
  family: Family;
  difficulty: Difficulty;
  prompt: { text: string; latex: string };
  task: Task;
  /** Chain families: the boxes to draw, outermost first, without their derivatives. */
  layers?: Array<{ fn: string; inner: string }>;
  /** Multivariable / partial: the dependency tree's edges, without derivatives. */
  paths?: Array<{ via: string }>;
  /** What kind of input the answer takes, so a client can show the right input. */
  answerKind: 'expr' | 'matrix' | 'value';
  /** Matrix answers: rows × columns; value answers: the shape of the number(s). */
  shape?: number[];
  /** Variables an expression answer may use. */
  vars?: string[];
}
