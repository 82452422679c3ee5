/**
 * The computational graph of a backprop task (docs/question-format.md#backprop-tasks): x → z1 → a1 → … → L with the
 * parameters W_i, b_i feeding each z_i and the target y feeding L. Forward values are computed here from the public
 * task (a player may see them), except the target quantity and everything after it when the question asks for a
 * forward value — showing those would give the answer away before the reveal.
 */
import type { Activation, BackpropStep, BackpropTask } from '../../../shared/questions/types';
import { forward } from '../../../shared/questions/backprop/network';

export type Value = number | number[] | number[][];

export interface GraphNode {
  id: string;
  /** LaTeX of the node's name. */
  tex: string;
  /** 'main' nodes run along the chain; 'side' nodes (W_i, b_i, y) feed into one main node. */
  lane: 'main' | 'side';
  /** Index of the main node this node belongs to (its own index for main nodes). */
  slot: number;
  value: Value | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** LaTeX for the operation on this edge (activation edges), if any. */
  op?: string;
}

export interface BackpropGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const ACT_TEX: Record<Activation, string> = {
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  relu: '\\operatorname{ReLU}',
  linear: '\\operatorname{id}',
  softmax: '\\operatorname{softmax}',
};

/** Unwraps 1-element vectors so a one-neuron network shows plain numbers. */
function tidy(v: number[]): Value {
  return v.length === 1 ? (v[0] ?? 0) : v;
}
function tidyMatrix(m: number[][]): Value {
  return m.length === 1 && m[0]?.length === 1 ? (m[0][0] ?? 0) : m;
}

/** Builds the graph with forward values; `hidden` forward quantities get value null. */
export function buildBackpropGraph(task: BackpropTask): BackpropGraph {
  const nodes: GraphNode[] = [{ id: 'x', tex: 'x', lane: 'main', slot: 0, value: tidy(task.x) }];
  const edges: GraphEdge[] = [];
  // The same forward pass the question was solved with, so the graph can never disagree with the answer.
  const pass = forward(task);
  let prev = 'x';
  task.layers.forEach((layer, i) => {
    const k = i + 1;
    const zSlot = nodes.filter((n) => n.lane === 'main').length;
    nodes.push({ id: `W${k}`, tex: `W_{${k}}`, lane: 'side', slot: zSlot, value: tidyMatrix(layer.W) });
    nodes.push({ id: `b${k}`, tex: `b_{${k}}`, lane: 'side', slot: zSlot, value: tidy(layer.b) });
    nodes.push({ id: `z${k}`, tex: `z_{${k}}`, lane: 'main', slot: zSlot, value: tidy(pass.z[k] ?? []) });
    nodes.push({ id: `a${k}`, tex: `a_{${k}}`, lane: 'main', slot: zSlot + 1, value: tidy(pass.a[k] ?? []) });
    edges.push({ from: prev, to: `z${k}` }, { from: `W${k}`, to: `z${k}` }, { from: `b${k}`, to: `z${k}` });
    edges.push({ from: `z${k}`, to: `a${k}`, op: ACT_TEX[layer.activation] });
    prev = `a${k}`;
  });
  const lSlot = nodes.filter((n) => n.lane === 'main').length;
  nodes.push({ id: 'y', tex: 'y', lane: 'side', slot: lSlot, value: tidy(task.y) });
  nodes.push({ id: 'L', tex: 'L', lane: 'main', slot: lSlot, value: pass.loss });
  edges.push({ from: prev, to: 'L' }, { from: 'y', to: 'L' });
  hideTarget(nodes, task.target);
  return { nodes, edges };
}

function hideTarget(nodes: GraphNode[], target: string): void {
  const name = target === 'loss' ? 'L' : target.replace(/\[.*$/, '');
  const t = nodes.find((n) => n.id === name && n.lane === 'main');
  if (!t) return;
  for (const n of nodes) if (n.lane === 'main' && n.slot >= t.slot && n.id !== 'x') n.value = null;
}

/** Node id a backward step belongs to (`dL/dW2`, `dL/dW2[1][3]`, `dL/da1` …), or null for forward steps. */
export function gradientNode(step: BackpropStep): string | null {
  const m = /^dL\/d([A-Za-z]+\d*)(\[.*)?$/.exec(step.name.replace(/\s+/g, ''));
  if (!m?.[1]) return null;
  return m[1] === 'loss' || m[1] === 'L' ? 'L' : m[1];
}

/**
 * Gradients to fill in at reveal, in backward order (from the loss back to x): dL/dL = 1 first, then each
 * node the question's backward steps name. A whole-tensor step wins over an indexed one for the same node.
 */
export function gradientOrder(graph: BackpropGraph, steps: BackpropStep[]): Array<{ id: string; value: Value }> {
  const byNode = new Map<string, Value>([['L', 1]]);
  for (const s of steps) {
    const id = gradientNode(s);
    if (!id || !graph.nodes.some((n) => n.id === id)) continue;
    const indexed = /\[/.test(s.name);
    if (!indexed || !byNode.has(id)) byNode.set(id, s.value);
  }
  const slotOf = (id: string): number => graph.nodes.find((n) => n.id === id)?.slot ?? 0;
  const sideFirst = (id: string): number => (graph.nodes.find((n) => n.id === id)?.lane === 'side' ? 0 : 1);
  return [...byNode.entries()]
    .sort(([a], [b]) => slotOf(b) - slotOf(a) || sideFirst(b) - sideFirst(a))
    .map(([id, value]) => ({ id, value }));
}
