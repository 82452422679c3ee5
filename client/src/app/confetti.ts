/**
 * A burst of confetti over the whole screen for the winner (a canvas over everything, ignoring the pointer, gone
 * after a few seconds). With `prefers-reduced-motion` nothing moves: a few still pieces stay framed at the edges
 * instead, so the moment is marked without motion. `data-confetti` on the canvas says which ("burst" / "still").
 */
import { prefersReducedMotion } from './dom';

const COLORS = ['#ffd166', '#06d6a0', '#4cc9f0', '#f78c6b', '#ef476f', '#ffffff'];
const PIECES = 160;
const DURATION_MS = 4200;

export function confetti(): () => void {
  const canvas = document.createElement('canvas');
  canvas.className = 'confetti';
  canvas.setAttribute('aria-hidden', 'true');
  canvas.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;pointer-events:none;z-index:50';
  document.body.append(canvas);
  const w = (canvas.width = window.innerWidth);
  const h = (canvas.height = window.innerHeight);
  const g = canvas.getContext('2d');
  const size = Math.max(6, Math.min(w, h) / 90);
  let seed = 1;
  const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const pieces = Array.from({ length: PIECES }, (_, i) => ({
    x: rand() * w, y: -rand() * h * 0.6, vx: (rand() - 0.5) * w * 0.0006, vy: h * (0.00025 + rand() * 0.0004),
    spin: rand() * Math.PI, vs: (rand() - 0.5) * 0.01, color: COLORS[i % COLORS.length] ?? '#fff',
  }));
  if (prefersReducedMotion() || !g) {
    canvas.dataset.confetti = 'still';
    if (g) {
      // Still pieces along the top and bottom edges, clear of the names and places.
      pieces.slice(0, 60).forEach((p, i) => {
        g.fillStyle = p.color;
        g.fillRect(p.x, i % 2 === 0 ? rand() * h * 0.06 : h - rand() * h * 0.06, size, size * 0.6);
      });
    }
    return () => canvas.remove();
  }
  canvas.dataset.confetti = 'burst';
  const start = performance.now();
  let frame = 0;
  const draw = (now: number): void => {
    const t = now - start;
    g.clearRect(0, 0, w, h);
    for (const p of pieces) {
      const x = p.x + p.vx * t;
      const y = p.y + p.vy * t;
      g.save();
      g.translate(x, y);
      g.rotate(p.spin + p.vs * t);
      g.fillStyle = p.color;
      g.globalAlpha = Math.max(0, 1 - t / DURATION_MS);
      g.fillRect(-size / 2, -size * 0.3, size, size * 0.6);
      g.restore();
    }
    if (t < DURATION_MS) frame = requestAnimationFrame(draw);
    else canvas.remove();
  };
  frame = requestAnimationFrame(draw);
  return () => {
    cancelAnimationFrame(frame);
    canvas.remove();
  };
}
