/**
 * Gradient flow: a chain of `depth` layers, each multiplying the gradient by its local factor (activation
 * derivative times weight); long chains are shortened with an ellipsis. At reveal the product's value is shown.
 */
import type { Activation, GradientFlowTask, PublicQuestion } from '../../../shared/questions/types';
import type { ViewState } from './contract';
import { formatNumber, valueToLatex } from './math-render';
import { COLORS, MUTED_TEXT } from './palette';
import { arrow } from './shapes';
import type { Drawer, Label, Stage } from './stage';
import { describeGradientFlow } from './describe';

const DERIV: Record<Activation, (i: string) => string> = {
  sigmoid: (i) => `\\sigma'(z_{${i}})`,
  tanh: (i) => `\\tanh'(z_{${i}})`,
  relu: (i) => `\\mathbb{1}[z_{${i}}>0]`,
  linear: () => '1',
  softmax: (i) => `\\operatorname{softmax}'(z_{${i}})`,
};

/** Per-layer numbers the generator may add (weights, pre-activations): arrays as long as the chain. */
function perLayerExtras(task: GradientFlowTask): Array<[string, number[]]> {
  const out: Array<[string, number[]]> = [];
  for (const [key, v] of Object.entries(task)) {
    if (Array.isArray(v) && v.length === task.depth && v.every((x) => typeof x === 'number')) out.push([key, v]);
  }
  return out.slice(0, 2);
}

export function createGradientFlowView(stage: Stage, question: PublicQuestion): Drawer {
  const task = question.task as GradientFlowTask;
  const depth = Math.max(1, Math.min(1000, Math.floor(Number(task.depth) || 1)));
  const extras = perLayerExtras(task);
  const shared: { w?: number; z?: number } = {};
  if (typeof task.w === 'number' && Number.isFinite(task.w)) shared.w = task.w;
  if (typeof task.z === 'number' && Number.isFinite(task.z)) shared.z = task.z;
  let state: ViewState = {};

  function visibleLayers(): Array<number | null> {
    const max = stage.options.mode === 'phone' ? 3 : 6;
    if (depth <= max) return Array.from({ length: depth }, (_, i) => i + 1);
    return [1, 2, null, depth - 1, depth].filter((v, i, a) => v === null || a.indexOf(v) === i);
  }

  function column(i: number | null, scale: number): Label[] {
    if (i === null) return [stage.label('\\cdots', { scale })];
    const name = stage.label(`\\text{layer } ${i}`, { scale, className: 'cra-layer' });
    const factor = stage.label(factorTex(String(i)), { scale: scale * 0.8, className: 'cra-factor' });
    const nums = extras.map(([k, v]) => stage.label(`${k}_{${i}} = ${formatNumber(v[i - 1] ?? NaN)}`, { scale: scale * 0.65, color: MUTED_TEXT }));
    return [name, factor, ...nums];
  }

  function draw(): void {
    if (!stage.ready) return;
    stage.begin();
    const m = stage.metrics;
    const vp = stage.viewport();
    const layers = visibleLayers();
    const phone = stage.options.mode === 'phone';
    const scale = phone ? 0.8 : 1.25;
    const cols = layers.map((i) => column(i, scale));
    const colW = cols.map((c) => Math.max(...c.map((l) => l.w)) + 2 * m.pad * scale);
    const gapX = m.font * (phone ? 1.3 : 2);
    const ends = [stage.label('a_0', { scale }), stage.label(`a_{${depth}}`, { scale })];
    const total = colW.reduce((s, w) => s + w, 0) + (ends[0]?.w ?? 0) + (ends[1]?.w ?? 0) + gapX * (cols.length + 1);
    let x = Math.max(m.gap, (vp.w - total) / 2);
    const boxH = (cols[0]?.[0]?.h ?? m.font) + 2 * m.pad * scale;
    const cy = m.gap * 2 + boxH / 2;
    const g = stage.gfx;
    const place = (l: Label | undefined, w: number): void => {
      if (l) stage.place(l, x + w / 2, cy);
    };
    place(ends[0], ends[0]?.w ?? 0);
    x += (ends[0]?.w ?? 0) + gapX;
    let lowest = cy;
    cols.forEach((c, ci) => {
      const w = colW[ci] ?? 0;
      arrow(g, x - gapX + 6, cy, x - 6, cy, m.stroke, COLORS.muted);
      if (layers[ci] !== null) {
        g.fillStyle(COLORS.boxFill, 1);
        g.fillRoundedRect(x, cy - boxH / 2, w, boxH, m.pad);
        g.lineStyle(m.stroke, COLORS.box, 1);
        g.strokeRoundedRect(x, cy - boxH / 2, w, boxH, m.pad);
      }
      stage.place(c[0]!, x + w / 2, cy);
      let y = cy + boxH / 2 + m.gap * 0.5;
      for (const l of c.slice(1)) {
        stage.place(l, x + w / 2, y + l.h / 2);
        y += l.h + m.gap * 0.3;
      }
      lowest = Math.max(lowest, y);
      x += w + gapX;
    });
    arrow(g, x - gapX + 6, cy, x - 6, cy, m.stroke, COLORS.muted);
    place(ends[1], ends[1]?.w ?? 0);
    const end = footer(lowest + m.gap, vp.w);
    stage.setContentSize(Math.max(vp.w, total + 2 * m.gap), end + m.gap, { centreVertically: !phone });
    const ds = stage.root.dataset;
    ds.view = 'gradient-flow';
    ds.depth = String(depth);
    ds.revealed = String(Boolean(state.revealed));
  }

  /** One layer's factor ∂a_k/∂a_(k−1) = w·f'(z_k); the weight is shared by all layers in this family. */
  function factorTex(k: string): string {
    return `${shared.w === undefined || shared.w === 1 ? '' : 'w\\,'}${DERIV[task.activation](k)}`;
  }

  function footer(y: number, width: number): number {
    const givens = Object.entries(shared).map(([key, v]) => `${key === 'z' ? 'z_k' : key} = ${formatNumber(v)}`);
    // Without z the question asks for the largest possible factor (f' at its maximum).
    const max = shared.z === undefined ? '\\max ' : '';
    const prod = `${max}\\frac{\\partial a_{${depth}}}{\\partial a_0} = \\prod_{k=1}^{${depth}} ${factorTex('k')}${givens.length ? ',\\quad ' + givens.join(',\\ ') : ''}`;
    const v = state.revealed?.answer.value;
    const tex = v === undefined ? prod : `${prod} \\;\\Rightarrow\\; ${valueToLatex(v)}`;
    const l = stage.fitLabel(tex, width - 2 * stage.metrics.gap, { scale: 0.9, className: v === undefined ? 'cra-formula' : 'cra-answer' });
    stage.place(l, width / 2, y + l.h / 2);
    return y + l.h;
  }

  return {
    update(next: ViewState): void {
      state = next;
      draw();
    },
    redraw: draw,
    describe: () => describeGradientFlow(task, depth, shared, state),
  };
}
