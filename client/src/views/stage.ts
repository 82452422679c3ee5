/**
 * The drawing surface every question view shares: a Phaser game whose canvas backing store is devicePixelRatio ×
 * its CSS size (sharp on a 4K projector), and a DOM layer of KaTeX labels positioned over it (Phaser text blurs
 * when scaled). Views redraw everything from their state on each change; the stage only keeps the surface.
 */
import * as Phaser from 'phaser';
import type { ViewOptions, ViewState } from './contract';
import { renderLatex } from './math-render';
import { metricsFor, screenScale, type ModeMetrics } from './palette';

/** What each family's view gives the stage: new state in, and a full redraw from the current state. */
export interface Drawer {
  update(state: ViewState): void;
  redraw(): void;
  /** The drawing in words, from the same data (describe.ts): the view's accessible name. */
  describe(): string;
}

export interface Label {
  el: HTMLElement;
  w: number;
  h: number;
}

export interface LabelOptions {
  /** Font size relative to the mode's base font. */
  scale?: number;
  color?: string;
  /** Plain text instead of LaTeX. */
  text?: string;
  /** Plain text after the math (✓ / ✗: KaTeX has no metrics for them). */
  suffix?: string;
  className?: string;
  background?: string;
}

const MAX_BACKING_SIDE = 8192;
/** Labels a stage remembers the look and size of (see `Stage.label`); past this it forgets them all. */
const MAX_KNOWN_LABELS = 400;
/** Re-layouts with tighter metrics per size before a drawing is scaled as a whole. */
const MAX_RELAYOUTS = 3;

/** Metrics with type and spacing scaled by `density`, never a label below the mode's floor. */
function denser(m: ModeMetrics, density: number): ModeMetrics {
  if (density >= 1) return m;
  const font = Math.max(m.minFont, m.font * density);
  const r = font / m.font;
  return { ...m, font, gap: m.gap * r, pad: m.pad * r, stroke: Math.max(2, m.stroke * r) };
}

/** Frames drawn after the last change before the loop sleeps (the first may still be the old size). */
const IDLE_FRAMES = 3;

export class Stage {
  readonly root: HTMLDivElement;
  private readonly inner: HTMLDivElement;
  private readonly overlay: HTMLDivElement;
  private readonly game: Phaser.Game;
  private gfxObj: Phaser.GameObjects.Graphics | null = null;
  private scene: Phaser.Scene | null = null;
  private dpr = 1;
  private size = { w: 0, h: 0 };
  /**
   * While the drawing is fitted (scaled and shifted), the largest box that stays inside the panel after the fit,
   * in content px: the box (canvas and labels) is cut to it, so it never reaches past its panel (issue 24).
   */
  private boxLimit: { w: number; h: number } | null = null;
  private tween: Phaser.Tweens.Tween | null = null;
  private destroyed = false;
  private pendingAnimation: (() => void) | null = null;
  /** Frames rendered since the last change; at IDLE_FRAMES with nothing animating, the loop sleeps. */
  private idleFrames = 0;
  /**
   * Projector: the layout's type and spacing relative to the mode's metrics. A drawing too large for its panel is
   * first laid out again tighter (down to the legible floor for every label), and only then scaled as a whole,
   * so labels keep their size where they can. Reset on every resize.
   */
  private density = 1;
  private relayouts = 0;
  /**
   * Labels already typeset and measured, by everything that sets how they look: a redraw (a reveal step, a new
   * answer count, a size seen before) copies them instead of typesetting and measuring them again. Measuring was
   * a forced layout per label, a quarter of the projector's main-thread time on the reveal slides.
   */
  private readonly known = new Map<string, { template: HTMLDivElement; w: number; h: number }>();
  metrics: ModeMetrics;

  constructor(
    private readonly container: HTMLElement,
    readonly options: ViewOptions,
    private readonly redraw: () => void,
  ) {
    this.root = document.createElement('div');
    this.root.className = `cra-view cra-view--${options.mode}`;
    // One image named by the drawing's description (describe.ts): its KaTeX labels are parts of the picture, and
    // the region scrolls on a phone, so it takes focus (WCAG 1.1.1, 2.1.1; docs/accessibility.md).
    this.root.setAttribute('role', 'img');
    this.root.tabIndex = 0;
    Object.assign(this.root.style, { position: 'relative', width: '100%', height: '100%', overflow: 'auto' });
    this.inner = document.createElement('div');
    Object.assign(this.inner.style, { position: 'relative', overflow: options.mode === 'projector' ? 'visible' : 'hidden' });
    this.overlay = document.createElement('div');
    this.overlay.className = 'cra-view__labels';
    Object.assign(this.overlay.style, { position: 'absolute', left: '0', top: '0', right: '0', bottom: '0', zIndex: '1' });
    this.root.append(this.inner);
    container.append(this.root);
    this.metrics = metricsFor(options.mode, this.viewport().w, screenScale());
    this.dpr = currentDpr();
    this.size = this.viewport();
    this.applyInnerSize();
    this.game = this.createGame();
    this.inner.append(this.overlay);
    document.fonts?.addEventListener('loadingdone', this.onFontsLoaded);
  }

  /** The visible area, CSS px (the container's content box). */
  viewport(): { w: number; h: number } {
    const r = this.container.getBoundingClientRect();
    return { w: Math.max(1, Math.floor(r.width)), h: Math.max(1, Math.floor(r.height)) };
  }

  get ready(): boolean {
    return this.gfxObj !== null && !this.destroyed;
  }

  get gfx(): Phaser.GameObjects.Graphics {
    if (!this.gfxObj) throw new Error('The stage is not ready yet.');
    return this.gfxObj;
  }

  /** Sets the view's accessible name: the drawing in words. */
  describe(text: string): void {
    if (this.root.getAttribute('aria-label') !== text) this.root.setAttribute('aria-label', text);
  }

  /** Starts a redraw: no labels, no graphics; metrics follow the current width. */
  begin(): void {
    this.wake();
    this.overlay.replaceChildren();
    this.overlay.style.transform = '';
    // Labels are measured with getBoundingClientRect: the previous fit-to-panel scale must not shrink them.
    this.inner.style.transform = '';
    this.gfxObj?.clear();
    this.gfxObj?.setPosition(0, 0);
    this.metrics = denser(metricsFor(this.options.mode, this.viewport().w, screenScale()), this.density);
  }

  /** A KaTeX (or plain text) label, rendered and measured, placed later with `place`. */
  label(latex: string, opts: LabelOptions = {}): Label {
    const fontPx = Math.max(this.metrics.minFont, this.metrics.font * (opts.scale ?? 1));
    const key = JSON.stringify([latex, fontPx, opts.text, opts.suffix, opts.className, opts.color, opts.background, currentDpr()]);
    const seen = this.known.get(key);
    if (seen) {
      // A copy of the label as it was made, before any view marked it (data-*, classes, a border added after).
      const el = seen.template.cloneNode(true) as HTMLDivElement;
      this.overlay.append(el);
      return { el, w: seen.w, h: seen.h };
    }
    const el = document.createElement('div');
    el.className = `cra-label ${opts.className ?? ''}`.trim();
    Object.assign(el.style, {
      position: 'absolute',
      whiteSpace: 'nowrap',
      fontSize: `${fontPx}px`,
      color: opts.color ?? '#1f2328',
      lineHeight: '1.2',
      fontFamily: 'system-ui, "Segoe UI", Roboto, sans-serif',
      left: '0',
      top: '0',
      visibility: 'hidden',
    });
    if (opts.background) Object.assign(el.style, { background: opts.background, padding: '0.1em 0.3em', borderRadius: '0.3em' });
    if (opts.text !== undefined) el.textContent = opts.text;
    else renderLatex(el, latex);
    if (opts.suffix !== undefined) {
      const span = document.createElement('span');
      span.className = 'cra-suffix';
      span.style.marginLeft = '0.35em';
      span.textContent = opts.suffix;
      el.append(span);
    }
    this.overlay.append(el);
    const r = el.getBoundingClientRect();
    // Remembered only as measured at rest: fonts loaded (a font arriving later changes the size) and the drawing
    // unscaled (begin() clears the fit scale; a label made after a fit would be measured scaled).
    if (document.fonts?.status !== 'loading' && !this.inner.style.transform) {
      if (this.known.size >= MAX_KNOWN_LABELS) this.known.clear();
      this.known.set(key, { template: el.cloneNode(true) as HTMLDivElement, w: r.width, h: r.height });
    }
    return { el, w: r.width, h: r.height };
  }

  /** Like `label`, but shrunk (never below 45 %) so it is at most `maxW` wide. */
  fitLabel(latex: string, maxW: number, opts: LabelOptions = {}): Label {
    const l = this.label(latex, opts);
    if (l.w <= maxW) return l;
    l.el.remove();
    return this.label(latex, { ...opts, scale: (opts.scale ?? 1) * Math.max(0.45, (maxW / l.w) * 0.98) });
  }

  /**
   * Math made of parts (factors, definitions) that must stay readable on a phone: one line when it fits at
   * 85 % or more, else the parts packed greedily into lines of a centred `gathered` block.
   */
  fitParts(parts: string[], joiner: string, maxW: number, opts: LabelOptions = {}): Label {
    const one = this.label(parts.join(joiner), opts);
    if (one.w <= maxW) return one;
    if ((maxW / one.w) >= 0.85 || parts.length < 2) {
      one.el.remove();
      return this.fitLabel(parts.join(joiner), maxW, opts);
    }
    one.el.remove();
    const widths = parts.map((p) => {
      const l = this.label(p + joiner, opts);
      l.el.remove();
      return l.w;
    });
    const lines: string[][] = [[]];
    let used = 0;
    parts.forEach((p, i) => {
      const w = widths[i] ?? 0;
      const line = lines[lines.length - 1];
      if (line && line.length > 0 && used + w > maxW * 0.95) {
        lines.push([p]);
        used = w;
      } else {
        line?.push(p);
        used += w;
      }
    });
    const body = lines.map((l) => l.join(joiner)).join(`${joiner} \\\\ `);
    return this.fitLabel(`\\begin{gathered}${body}\\end{gathered}`, maxW, opts);
  }

  /** Puts a label's centre (or left edge, with align 'left') at (x, y) in CSS px of the content. */
  place(label: Label, x: number, y: number, align: 'center' | 'left' | 'right' = 'center'): void {
    const left = align === 'center' ? x - label.w / 2 : align === 'left' ? x : x - label.w;
    Object.assign(label.el.style, { left: `${left}px`, top: `${y - label.h / 2}px`, visibility: 'visible' });
  }

  /** The content's size; larger than the viewport makes the view scroll (phones). */
  setContentSize(w: number, h: number, opts: { centreVertically?: boolean } = {}): void {
    const vp = this.viewport();
    if (opts.centreVertically && h < vp.h && this.gfxObj) {
      // Short drawings sit in the middle of a projector screen: shift labels and graphics together.
      const off = Math.floor((vp.h - h) / 2);
      this.overlay.style.transform = `translateY(${off}px)`;
      this.gfxObj.setPosition(0, off * this.gfxObj.scaleY);
    }
    // The panel size this layout was made for: tests wait on it after a resize (not while a tighter one is due).
    if (this.fitToViewport(w, h, vp)) delete this.root.dataset.laidFor;
    else this.root.dataset.laidFor = `${vp.w}x${vp.h}`;
    const lim = this.boxLimit;
    const next = lim
      ? { w: Math.max(Math.ceil(w), Math.min(vp.w, Math.floor(lim.w))), h: Math.max(Math.ceil(h), Math.min(vp.h, Math.floor(lim.h))) }
      : { w: Math.max(vp.w, Math.ceil(w)), h: Math.max(vp.h, Math.ceil(h)) };
    const dpr = currentDpr();
    if (next.w === this.size.w && next.h === this.size.h && dpr === this.dpr) return;
    this.size = next;
    this.dpr = dpr;
    this.applyInnerSize();
    this.resizeGame();
  }

  /**
   * On the projector nothing may scroll or be cut off: a drawing larger than its panel is scaled down as a whole
   * (canvas and labels together) and centred. Phones scroll instead, where a swipe is natural.
   */
  private fitToViewport(w: number, h: number, vp: { w: number; h: number }): boolean {
    // Labels never shrink below the legible minimum, so one may stick out of the drawing: the bounds include them.
    const b = this.options.mode === 'projector' ? this.labelBounds() : { x0: 0, y0: 0, x1: 0, y1: 0 };
    const x0 = Math.min(0, b.x0);
    const y0 = Math.min(0, b.y0);
    // Whole pixels, as the box is sized: a fractional content size would leave the scaled box a pixel past the panel.
    const cw = Math.ceil(Math.max(w, b.x1) - x0);
    const ch = Math.ceil(Math.max(h, b.y1) - y0);
    const k = this.options.mode === 'projector' ? Math.min(1, vp.w / Math.max(1, cw), vp.h / Math.max(1, ch)) : 1;
    let relayout = false;
    if (k < 0.999 && this.options.mode === 'projector' && this.relayouts < MAX_RELAYOUTS) {
      // Too large: lay it out again with tighter type and spacing before scaling it (see `density`).
      const smallest = this.metrics.minFont / Math.max(1, metricsFor('projector', vp.w, screenScale()).font);
      const next = Math.max(smallest, this.density * k * 0.98);
      if (next < this.density - 0.01) {
        this.density = next;
        this.relayouts++;
        queueMicrotask(() => {
          if (!this.destroyed) this.redraw();
        });
        relayout = true;
      }
    }
    // The smallest label as the audience sees it (font size × the fit scale), for the projector's tests.
    this.root.dataset.minLabelPx = (this.smallestLabelPx() * Math.min(1, k)).toFixed(1);
    if (k >= 0.999 && x0 >= 0 && y0 >= 0) {
      this.inner.style.transform = '';
      delete this.root.dataset.fitScale;
      this.boxLimit = null;
      return relayout;
    }
    const dx = Math.max(0, (vp.w - cw * k) / 2) - x0 * k;
    const dy = (k < 0.999 ? Math.max(0, (vp.h - ch * k) / 2) : 0) - y0 * k;
    this.boxLimit = { w: (vp.w - dx) / k, h: (vp.h - dy) / k };
    Object.assign(this.inner.style, { transformOrigin: '0 0', transform: `translate(${dx}px, ${dy}px) scale(${k})` });
    if (k < 0.999) this.root.dataset.fitScale = k.toFixed(2);
    else delete this.root.dataset.fitScale;
    return relayout;
  }

  private smallestLabelPx(): number {
    let min = Infinity;
    for (const el of this.overlay.children) {
      if (el instanceof HTMLElement && el.style.visibility === 'visible') min = Math.min(min, parseFloat(el.style.fontSize) || Infinity);
    }
    return Number.isFinite(min) ? min : 0;
  }

  /** The box around every placed label, CSS px of the content (before any fit transform). */
  private labelBounds(): { x0: number; y0: number; x1: number; y1: number } {
    const out = { x0: 0, y0: 0, x1: 0, y1: 0 };
    for (const el of this.overlay.children) {
      if (!(el instanceof HTMLElement) || el.style.visibility !== 'visible') continue;
      out.x0 = Math.min(out.x0, el.offsetLeft);
      out.y0 = Math.min(out.y0, el.offsetTop);
      out.x1 = Math.max(out.x1, el.offsetLeft + el.offsetWidth);
      out.y1 = Math.max(out.y1, el.offsetTop + el.offsetHeight);
    }
    return out;
  }

  /**
   * Runs `onStep(k)` for k = 1..steps, `stepMs` apart, with a Phaser tween; with reduced motion (or no steps)
   * it jumps to the final step at once. A new call cancels the previous animation.
   */
  animate(steps: number, stepMs: number, onStep: (k: number) => void): void {
    this.tween?.stop();
    this.tween = null;
    this.pendingAnimation = null;
    if (this.options.reducedMotion || steps <= 1) {
      onStep(steps);
      return;
    }
    if (!this.scene) {
      // A reveal that arrives before Phaser has booted still animates, once the scene exists.
      this.pendingAnimation = () => this.animate(steps, stepMs, onStep);
      return;
    }
    let last = 0;
    this.wake();
    this.tween = this.scene.tweens.addCounter({
      from: 0,
      to: steps,
      duration: steps * stepMs,
      onUpdate: (tw) => {
        const k = Math.min(steps, Math.floor(tw.getValue() ?? 0) + 1);
        if (k !== last) onStep((last = k));
      },
      onComplete: () => {
        if (last !== steps) onStep(steps);
      },
    });
  }

  /** Follow a container size or devicePixelRatio change. */
  resize(): void {
    this.size = { w: 0, h: 0 };
    this.density = 1;
    this.relayouts = 0;
    this.redraw();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.tween?.stop();
    document.fonts?.removeEventListener('loadingdone', this.onFontsLoaded);
    this.root.remove();
    this.game.destroy(true);
  }

  private readonly onFontsLoaded = (): void => {
    // A font that arrived may change any label's size: measure them all again.
    this.known.clear();
    if (this.ready) this.redraw();
  };

  private applyInnerSize(): void {
    this.inner.style.width = `${this.size.w}px`;
    this.inner.style.height = `${this.size.h}px`;
    this.root.dataset.dpr = String(this.dpr);
  }

  private backing(): { w: number; h: number } {
    const k = Math.min(this.dpr, MAX_BACKING_SIDE / Math.max(this.size.w, this.size.h));
    return { w: Math.round(this.size.w * k), h: Math.round(this.size.h * k) };
  }

  /**
   * Render on change only: an idle view must not redraw 60 times a second (40 % of a projector laptop's CPU).
   * Every change (a redraw, a resize, an animation) wakes the loop; a few frames after the last one it sleeps.
   */
  private wake(): void {
    this.idleFrames = 0;
    if (!this.game?.loop || this.destroyed) return;
    if (!this.game.loop.running) this.game.loop.wake();
    this.root.dataset.loop = 'awake';
  }

  private readonly afterRender = (): void => {
    if (this.destroyed) return;
    if (this.tween?.isPlaying() || this.pendingAnimation) {
      this.idleFrames = 0;
      return;
    }
    if (++this.idleFrames < IDLE_FRAMES) return;
    this.game.loop.sleep();
    this.root.dataset.loop = 'asleep';
  };

  private resizeGame(): void {
    this.wake();
    const b = this.backing();
    this.game.scale.setZoom(this.size.w / b.w);
    this.game.scale.resize(b.w, b.h);
    this.scene?.cameras.main.setSize(b.w, b.h);
    this.gfxObj?.setScale(b.w / this.size.w);
    this.styleCanvas();
  }

  private styleCanvas(): void {
    const c = this.game.canvas as HTMLCanvasElement | undefined;
    if (!c) return;
    Object.assign(c.style, {
      position: 'absolute',
      left: '0',
      top: '0',
      width: `${this.size.w}px`,
      height: `${this.size.h}px`,
      margin: '0',
      zIndex: '0',
    });
  }

  /** Called by the scene once Phaser has booted: the graphics exist and the first drawing can happen. */
  private onSceneReady(scene: Phaser.Scene): void {
    if (this.destroyed) return;
    this.scene = scene;
    this.gfxObj = scene.add.graphics();
    this.game.events.on(Phaser.Core.Events.POST_RENDER, this.afterRender);
    this.gfxObj.setScale(this.backing().w / this.size.w);
    this.styleCanvas();
    // Which renderer Phaser chose (WebGL where the browser has it, else Canvas): the tests check both paths.
    this.root.dataset.renderer = this.game.renderer.type === Phaser.WEBGL ? 'webgl' : 'canvas';
    this.root.dataset.ready = 'true';
    this.redraw();
    this.pendingAnimation?.();
    void document.fonts?.ready.then(() => this.onFontsLoaded());
  }

  private createGame(): Phaser.Game {
    const b = this.backing();
    const onReady = (scene: Phaser.Scene): void => this.onSceneReady(scene);
    class ViewScene extends Phaser.Scene {
      create(): void {
        onReady(this);
      }
    }
    return new Phaser.Game({
      type: Phaser.AUTO,
      parent: this.inner,
      transparent: true,
      banner: false,
      autoFocus: false,
      disableContextMenu: false,
      input: { keyboard: false, mouse: false, touch: false, gamepad: false },
      audio: { noAudio: true },
      antialias: true,
      // The loop sleeps between changes (render on change only): the browser must keep the last frame, not clear
      // the drawing buffer once it has been shown, or a re-composite (a screenshot, a layer change) shows nothing.
      preserveDrawingBuffer: true,
      scale: { mode: Phaser.Scale.NONE, width: b.w, height: b.h, zoom: this.size.w / b.w, expandParent: false },
      scene: ViewScene,
    });
  }
}

function currentDpr(): number {
  const d = typeof window === 'undefined' ? 1 : window.devicePixelRatio;
  return Number.isFinite(d) && d > 0 ? d : 1;
}
