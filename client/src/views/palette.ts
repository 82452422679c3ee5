/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies) and the size scale of each view mode.
 * Colour is never the only cue: every coloured state also has a mark, a label or a line style.
 */
import type { ViewMode } from './contract';

export const OKABE_ITO = {
  black: 0x000000,
  orange: 0xe69f00,
  sky: 0x56b4e9,
  green: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  purple: 0xcc79a7,
} as const;

export const COLORS = {
  ink: 0x1f2328,
  muted: 0x6b7280,
  grid: 0xe5e7eb,
  boxFill: 0xf3f7fb,
  box: OKABE_ITO.blue,
  active: OKABE_ITO.orange,
  activeFill: 0xfff4d6,
  correct: OKABE_ITO.green,
  wrong: OKABE_ITO.vermillion,
  gradient: OKABE_ITO.vermillion,
  curve: OKABE_ITO.blue,
  tangent: OKABE_ITO.vermillion,
} as const;

/** Colours of the paths of a dependency tree, in order; the path number is drawn too. */
export const PATH_COLORS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.sky];

/** CSS colour string for a 0xRRGGBB number (DOM overlays share the palette). */
export function css(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

export interface ModeMetrics {
  /** Base font size of math labels, CSS px. */
  font: number;
  /** Gap between elements, CSS px. */
  gap: number;
  /** Stroke width of box outlines, CSS px. */
  stroke: number;
  /** Padding inside a box around its label, CSS px. */
  pad: number;
}

/**
 * Sizes for a mode: the projector scales with the container width (readable from the back row at 1080p and 4K),
 * the phone stays compact for a 390 px screen.
 */
export function metricsFor(mode: ViewMode, width: number): ModeMetrics {
  if (mode === 'phone') return { font: 17, gap: 14, stroke: 2, pad: 10 };
  const font = Math.max(22, Math.min(56, width / 44));
  return { font, gap: font * 0.8, stroke: Math.max(3, font / 10), pad: font * 0.55 };
}
