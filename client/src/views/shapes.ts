/**
 * Small drawing helpers shared by the views: arrows with filled heads and the size of round variable nodes.
 */
import type * as Phaser from 'phaser';
import type { ModeMetrics } from './palette';
import type { Label } from './stage';

/** Draws an arrow from (x1, y1) to (x2, y2) with a filled head, in the current line style colour. */
export function arrow(
  g: Phaser.GameObjects.Graphics,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  width: number,
  color: number,
  alpha = 1,
): void {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len < 1) return;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const head = Math.min(len * 0.5, width * 4 + 6);
  g.lineStyle(width, color, alpha);
  g.lineBetween(x1, y1, x2 - ux * head * 0.8, y2 - uy * head * 0.8);
  g.fillStyle(color, alpha);
  const bx = x2 - ux * head;
  const by = y2 - uy * head;
  const hw = head * 0.55;
  g.fillTriangle(x2, y2, bx - uy * hw, by + ux * hw, bx + uy * hw, by - ux * hw);
}

/** Radius of the round x / y / variable nodes around a label. */
export function endRadius(label: Label, m: ModeMetrics): number {
  return Math.max(label.w, label.h) / 2 + m.pad * 0.6;
}
