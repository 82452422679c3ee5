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

/**
 * Secondary text on a diagram (captions, axis numbers, shapes): still 7:1 or better on the diagram's panel
 * (#f5f7fa, styles.css .view-host), as all projector text must be; the lighter `muted` is for lines only.
 */
export const MUTED_TEXT = '#474f5c';

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
  /** No label is drawn smaller than this, CSS px (0: no floor). */
  minFont: number;
}

/**
 * Sizes for a mode: the projector scales with the container width (readable from the back row at 1080p and 4K),
 * the phone stays compact for a 390 px screen.
 */
export function metricsFor(mode: ViewMode, width: number, screenScale = 1): ModeMetrics {
  if (mode === 'phone') return { font: 17, gap: 14, stroke: 2, pad: 10, minFont: 0 };
  const minFont = projectorMinFont(screenScale);
  const font = Math.max(minFont * 1.15, Math.min(56 * screenScale, width / 44));
  return { font, gap: font * 0.8, stroke: Math.max(3, font / 10), pad: font * 0.55, minFont };
}

/**
 * The smallest label on a projector: 30 px on a 1920×1080 screen (28 px even if the panel scales it a little) (legible from the back row), in proportion on
 * other screens. `screenScale` is the screen's size relative to 1920×1080 (the smaller of the two ratios).
 */
export function projectorMinFont(screenScale: number): number {
  return 30 * screenScale;
}

/** The window's size relative to 1920×1080, for projector type sizes. */
export function screenScale(): number {
  if (typeof window === 'undefined') return 1;
  return Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
}
