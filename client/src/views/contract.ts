/**
 * The contract between the screens (client/src/screens, client/src/app) and the question views
 * (client/src/views): a screen mounts a view into a DOM element and feeds it state; the view draws.
 */
import type { PublicQuestion, Question } from '../../../shared/questions/types';

export type ViewMode = 'projector' | 'phone';

export interface ViewOptions {
  mode: ViewMode;
  /** prefers-reduced-motion: no tweens, no animated derivation, final states drawn at once. */
  reducedMotion: boolean;
}

export interface LayerMark {
  /** What to show in the box: an expression in mathjs syntax (rendered with KaTeX). */
  expr: string;
  correct: boolean;
}

export interface ViewState {
  /** Chain families: the layer the player is answering (highlighted), outermost = 0. */
  activeLayer?: number;
  /** Chain families: per-layer marks once answered (null = not yet). */
  layerMarks?: Array<LayerMark | null>;
  /** The full question once revealed: derivatives in the boxes, paths lit, gradients filled, tangent drawn. */
  revealed?: Question;
  /** Multivariable: light only this path (0-based, in `paths` order), the one a worked step is about. */
  activePath?: number;
  /** Leave out the assembled chain-rule product under the boxes: the screen shows it step by step itself. */
  noProduct?: boolean;
}

export interface QuestionView {
  update(state: ViewState): void;
  /** Re-layout after the container changed size. */
  resize(): void;
  destroy(): void;
}

/** Implemented in client/src/views/index.ts. */
export type MountQuestionView = (
  container: HTMLElement,
  question: PublicQuestion,
  options: ViewOptions,
) => QuestionView;
