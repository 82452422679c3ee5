/**
 * The question views: `mountQuestionView` draws any question family into a container (see contract.ts).
 * Screens mount a view, feed it state with `update`, call `resize` after a layout change and `destroy` when done.
 */
import type { Family, PublicQuestion } from '../../../shared/questions/types';
import type { MountQuestionView, ViewState } from './contract';
import { createChainView } from './chain-view';
import { createBackpropView } from './backprop-view';
import { createTreeView } from './tree-view';
import { createImplicitView } from './implicit-view';
import { createJacobianView } from './jacobian-view';
import { createGradientFlowView } from './gradient-flow-view';
import { Stage, type Drawer } from './stage';

export type { MountQuestionView, QuestionView, ViewOptions, ViewState, LayerMark, ViewMode } from './contract';
export { renderLatex, exprToLatex } from './math-render';

const FACTORIES: Record<Family, (stage: Stage, q: PublicQuestion) => Drawer> = {
  chain: createChainView,
  nested: createChainView,
  'higher-order': createChainView,
  activation: createChainView,
  multivariable: createTreeView,
  partial: createTreeView,
  jacobian: createJacobianView,
  implicit: createImplicitView,
  implicit2: createImplicitView,
  backprop: createBackpropView,
  'gradient-flow': createGradientFlowView,
};

/**
 * Mounts the view for `question.family` into `container` (which should have a size: the view fills it and scrolls
 * when its content is larger, as on a phone). Draws the fresh state at once; unknown families throw, since a
 * screen passing one is a programming error, not player input.
 */
export const mountQuestionView: MountQuestionView = (container, question, options) => {
  const factory = FACTORIES[question.family];
  if (!factory) throw new Error(`No view for question family "${String(question.family)}".`);
  let drawer: Drawer | null = null;
  const stage = new Stage(container, options, () => drawer?.redraw());
  drawer = factory(stage, question);
  stage.root.dataset.family = question.family;
  let destroyed = false;
  drawer.update({});
  stage.describe(drawer.describe());
  return {
    update(state: ViewState): void {
      if (destroyed || !drawer) return;
      drawer.update(state);
      stage.describe(drawer.describe());
    },
    resize(): void {
      if (!destroyed) stage.resize();
    },
    destroy(): void {
      destroyed = true;
      stage.destroy();
    },
  };
};
