/**
 * Backprop: the computational graph drawn like micrograd's — one record per quantity with its forward value
 * ("data") and, at reveal, its gradient ("grad") filled in from the loss backwards, one node at a time unless
 * reduced motion is on.
 */
import type { BackpropTask, PublicQuestion } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { buildBackpropGraph, gradientNode, gradientOrder, type GraphNode, type Value } from './backprop-graph';
import { valueToLatex } from './math-render';
import { COLORS, css } from './palette';
import { arrow } from './shapes';
import type { Drawer, Label, Stage } from './stage';
import { describeNetwork } from './describe';

interface Box {
  node: GraphNode;
  labels: Label[];
  /** Inner padding, CSS px: the box is measured and drawn with the same value. */
  pad: number;
  scale: number;
  w: number;
  h: number;
  x: number;
  y: number;
}

const STEP_MS = 450;

export function createBackpropView(stage: Stage, question: PublicQuestion): Drawer {
  const graph = buildBackpropGraph(question.task as BackpropTask);
  let state: ViewState = {};
  let grads: Array<{ id: string; value: Value }> = [];
  let shown = 0;
  let revealedId: string | null = null;
  const target = (question.task as BackpropTask).target;
  const askedGradient = target.startsWith('dL/d') ? gradientNode({ name: target, value: 0, text: '', latex: '' }) : null;

  function makeBox(node: GraphNode, scale: number): Box {
    const grad = grads.slice(0, shown).find((g) => g.id === node.id);
    const labels = [stage.label(node.tex, { scale: scale * 1.05, className: 'cra-node-name' })];
    labels[0]?.el.setAttribute('data-node', node.id);
    const data = node.value === null ? '\\boxed{?}' : valueToLatex(node.value);
    // The projector has no room for the word on every node: the value sits under the name (a phone keeps "data").
    const dataTex = stage.options.mode === 'projector' ? data : `\\text{data}\\;${data}`;
    labels.push(stage.label(dataTex, { scale: scale * 0.72, className: 'cra-node-data' }));
    if (!grad && askedGradient === node.id && !state.revealed) {
      // The quantity the question asks for: its empty grad slot is on the board before the reveal.
      const q = stage.label('\\text{grad}\\;\\boxed{?}', { scale: scale * 0.72, className: 'cra-node-asked' });
      q.el.dataset.askedFor = node.id;
      labels.push(q);
    }
    if (grad) {
      const gradTex = stage.options.mode === 'projector' ? `\\nabla\\,${valueToLatex(grad.value)}` : `\\text{grad}\\;${valueToLatex(grad.value)}`;
      const g = stage.label(gradTex, {
        scale: scale * 0.72,
        color: css(COLORS.gradient),
        className: 'cra-node-grad',
      });
      g.el.dataset.gradFor = node.id;
      labels.push(g);
    }
    const pad = stage.metrics.pad * 0.7 * scale;
    const w = Math.max(...labels.map((l) => l.w)) + 2 * pad;
    const h = labels.reduce((s, l) => s + l.h, 0) + 2 * pad + (labels.length - 1) * pad * 0.6;
    return { node, labels, pad, scale, w, h, x: 0, y: 0 };
  }

  function layout(boxes: Box[], vertical: boolean, scale: number): { w: number; h: number } {
    const m = stage.metrics;
    const gap = m.font * (vertical ? 1.5 : 1.6) * scale;
    const along = (b: Box): number => (vertical ? b.h : b.w);
    const across = (b: Box): number => (vertical ? b.w : b.h);
    const slots = Math.max(...boxes.map((b) => b.node.slot)) + 1;
    const mains = boxes.filter((b) => b.node.lane === 'main');
    const sides = boxes.filter((b) => b.node.lane === 'side');
    const mainAcross = Math.max(...mains.map(across));
    const sideAcross = Math.max(0, ...sides.map(across));
    const margin = m.gap * 1.5;
    const laneMain = margin + (vertical ? mainAcross / 2 : sideAcross + gap + mainAcross / 2);
    const laneSide = vertical ? margin + mainAcross + gap + sideAcross / 2 : margin + sideAcross / 2;
    let cursor = margin;
    for (let s = 0; s < slots; s++) {
      const main = mains.filter((b) => b.node.slot === s);
      const side = sides.filter((b) => b.node.slot === s);
      const sideLen = side.reduce((t, b) => t + along(b), 0) + gap * 0.5 * Math.max(0, side.length - 1);
      const size = Math.max(sideLen, ...main.map(along));
      const centre = cursor + size / 2;
      for (const b of main) setPos(b, centre, laneMain, vertical);
      let c = centre - sideLen / 2;
      for (const b of side) {
        setPos(b, c + along(b) / 2, laneSide, vertical);
        c += along(b) + gap * 0.5;
      }
      cursor += size + gap;
    }
    const length = cursor - gap + margin;
    const width = margin * 2 + mainAcross + sideAcross + gap;
    return vertical ? { w: width, h: length } : { w: length, h: width };
  }

  function draw(): void {
    if (!stage.ready) return;
    const vp = stage.viewport();
    stage.begin();
    // The projector always draws the graph left to right (shrunk to fit); a phone stacks it top to bottom.
    const vertical = stage.options.mode === 'phone';
    let boxes = graph.nodes.map((n) => makeBox(n, 1));
    let size = layout(boxes, vertical, 1);
    const fit = Math.min(vp.w / size.w, vertical ? 1 : (vp.h * 0.95) / size.h);
    if (fit < 1 || (!vertical && fit > 1.15)) {
      const scale = Math.max(0.45, Math.min(1.4, fit * 0.97));
      stage.begin();
      boxes = graph.nodes.map((n) => makeBox(n, scale));
      size = layout(boxes, vertical, scale);
    }
    const off = { x: Math.max(0, (vp.w - size.w) / 2), y: Math.max(0, (vp.h - size.h) / 2) };
    for (const b of boxes) {
      b.x += off.x;
      b.y += off.y;
    }
    drawEdges(boxes);
    for (const b of boxes) drawBox(b);
    stage.setContentSize(size.w + off.x, size.h + off.y);
    const d = stage.root.dataset;
    d.view = 'backprop';
    d.layout = vertical ? 'vertical' : 'horizontal';
    d.nodes = String(graph.nodes.length);
    d.gradientsTotal = String(grads.length);
    d.gradientsFilled = String(shown);
    d.revealed = String(Boolean(state.revealed));
  }

  function drawEdges(boxes: Box[]): void {
    const byId = new Map(boxes.map((b) => [b.node.id, b]));
    for (const e of graph.edges) {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      if (!a || !b) continue;
      const [x1, y1] = border(a, b.x, b.y, 4);
      const [x2, y2] = border(b, a.x, a.y, 4);
      arrow(stage.gfx, x1, y1, x2, y2, stage.metrics.stroke * 0.8, COLORS.muted);
      if (e.op) {
        const l = stage.label(e.op, { scale: 0.7 * a.scale, background: '#ffffff', className: 'cra-op' });
        stage.place(l, (x1 + x2) / 2, (y1 + y2) / 2);
      }
    }
  }

  function drawBox(b: Box): void {
    const g = stage.gfx;
    const m = stage.metrics;
    const hasGrad = b.labels.some((l) => l.el.classList.contains('cra-node-grad'));
    const asked = b.labels.some((l) => l.el.classList.contains('cra-node-asked'));
    const fresh = b.node.id === revealedId && hasGrad;
    const left = b.x - b.w / 2;
    const top = b.y - b.h / 2;
    g.fillStyle(b.node.lane === 'side' ? 0xffffff : COLORS.boxFill, 1);
    g.fillRoundedRect(left, top, b.w, b.h, m.pad * 0.6);
    g.lineStyle(fresh || asked ? m.stroke * 2 : m.stroke, hasGrad ? COLORS.gradient : asked ? COLORS.active : COLORS.box, 1);
    g.strokeRoundedRect(left, top, b.w, b.h, m.pad * 0.6);
    let y = top + b.pad;
    b.labels.forEach((l, i) => {
      if (i > 0) {
        g.lineStyle(1, COLORS.grid, 1);
        g.lineBetween(left + 2, y - b.pad * 0.3, left + b.w - 2, y - b.pad * 0.3);
      }
      stage.place(l, b.x, y + l.h / 2);
      y += l.h + b.pad * 0.6;
    });
  }

  return {
    update(next: ViewState): void {
      const wasRevealed = Boolean(state.revealed);
      state = next;
      grads = next.revealed?.backward ? gradientOrder(graph, next.revealed.backward) : [];
      if (!next.revealed) {
        shown = 0;
        draw();
        return;
      }
      if (wasRevealed) {
        draw();
        return;
      }
      shown = 0;
      draw();
      stage.animate(grads.length, STEP_MS, (k) => {
        shown = k;
        revealedId = grads[k - 1]?.id ?? null;
        draw();
      });
    },
    redraw: draw,
    // The final board in words at once: the gradients a sighted student watches fill in one by one.
    describe: () => describeNetwork(question.task as BackpropTask, graph, grads, askedGradient),
  };
}

function setPos(b: Box, along: number, across: number, vertical: boolean): void {
  b.x = vertical ? across : along;
  b.y = vertical ? along : across;
}

/** Where the segment from the box centre towards (tx, ty) leaves the box, pushed out by `gap`. */
function border(b: Box, tx: number, ty: number, gap: number): [number, number] {
  const dx = tx - b.x;
  const dy = ty - b.y;
  const len = Math.hypot(dx, dy) || 1;
  const t = Math.min(Math.abs(dx) > 1e-9 ? b.w / 2 / Math.abs(dx) : Infinity, Math.abs(dy) > 1e-9 ? b.h / 2 / Math.abs(dy) : Infinity);
  return [b.x + dx * t + (dx / len) * gap, b.y + dy * t + (dy / len) * gap];
}
