import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { toMathjsNode, valueAt } from '../../server/math/mathjs';
import type { Question } from '../../shared/questions/types';
import { SAVE_SCREENSHOTS } from './browser';
import { launchChromium } from './chromium';
import { launchBrowser, mountIn, openDemoPage, shoot, startDemo, type Demo, type OpenOptions } from './views-harness';

/**
 * The question views in real Chromium: one page of the demo (client/dev/views.html) switches between fixtures,
 * so the heavy bundle (Phaser, KaTeX) loads once per page. Two pages: `page` in the run's shared Chromium, which
 * has no WebGL, so Phaser draws with Canvas, as in a browser without WebGL; `glPage` in a Chromium of this file's
 * own with WebGL, as most players' browsers draw. WebGL here is SwiftShader, a GPU emulated on the CPU (it cost this
 * file 15 s of CPU when every test drew with it), so WebGL draws what depends on the renderer (the renderer chosen,
 * the backing store on a dense screen) and every view once for the gallery; the behaviour of the views (their DOM,
 * labels and data, the same whichever renderer paints the canvas) is tested on the Canvas page.
 */
let demo: Demo;
let browser: Browser;
let webgl: Browser;
let page: Page;
let glPage: Page;

beforeAll(async () => {
  demo = await startDemo();
  [browser, webgl] = await Promise.all([launchBrowser(), launchChromium({ webgl: true })]);
  [page, glPage] = await Promise.all([openDemoPage(browser, demo), openDemoPage(webgl, demo)]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await webgl?.close();
  await demo?.server.close();
});

async function show(o: OpenOptions, on: Page = page): Promise<{ q: Question; data: Record<string, string> }> {
  await mountIn(on, o);
  return on.evaluate(() => {
    const root = document.querySelector<HTMLElement>('.cra-view');
    return { q: window.__demo!.question, data: { ...(root?.dataset ?? {}) } as Record<string, string> };
  });
}

const count = (selector: string, on: Page = page): Promise<number> => on.locator(selector).count();

describe('renderer', () => {
  it('draws with WebGL where the browser has it, and with Canvas where it has none', async () => {
    expect((await show({ q: 'nested' }, glPage)).data.renderer).toBe('webgl');
    expect((await show({ q: 'nested' }, page)).data.renderer).toBe('canvas');
  });
});

describe('chain view', () => {
  it('draws one box per layer with the function in KaTeX when the question is fresh', async () => {
    const { q, data } = await show({ q: 'nested' });
    expect(Number(data.boxes)).toBe(q.layers!.length);
    expect(await count('.cra-box')).toBe(q.layers!.length);
    expect(await count('.cra-box .katex')).toBe(q.layers!.length);
    const outer = await page.locator('.cra-box[data-layer="0"]').innerText();
    expect(outer.replace(/\s/g, '')).toContain('u3');
    expect(await count('.katex-error')).toBe(0);
  }, 60_000);

  it('marks the active layer and shows ✓ / ✗ as text and in the view’s name when answers are in', async () => {
    const { data } = await show({ q: 'nested', state: 'mid' });
    const state = await page.evaluate(() => window.__demo!.state);
    const active = page.locator('.cra-box--active');
    expect(await active.count()).toBe(1);
    expect(await active.getAttribute('data-layer')).toBe(String(state.activeLayer));
    expect(await active.getAttribute('aria-current')).toBe('step');
    expect(data.active).toBe(String(state.activeLayer));
    const marks = state.layerMarks!.filter((m) => m !== null);
    expect(await count('.cra-mark')).toBe(marks.length);
    expect(await count('.cra-mark--correct')).toBe(marks.filter((m) => m.correct).length);
    expect(await page.locator('.cra-mark--wrong').innerText()).toContain('✗');
    // The marks are spoken in the view's own name (describe.ts), the picture's parts carry none of their own.
    expect(await page.locator('.cra-view').getAttribute('aria-label')).toMatch(/Your answers: box \d: .*, (right|wrong)/);
    expect(await page.locator('.cra-mark--correct').first().getAttribute('aria-label')).toBeNull();
  }, 60_000);

  it('fills every box with its derivative and assembles the product when revealed', async () => {
    const { q, data } = await show({ q: 'nested4', state: 'revealed' });
    expect(data.revealed).toBe('true');
    const derivs = await page.locator('.cra-derivative').evaluateAll((els) => els.map((e) => e.getAttribute('data-derivative')));
    expect(derivs.sort()).toEqual(q.layers!.map((l) => l.derivative).sort());
    const product = await page.locator('.cra-product .katex').first().innerText();
    expect(product).toContain('dx');
    expect(await count('.cra-product .mfrac')).toBeGreaterThan(0);
    expect(await count('.katex-error')).toBe(0);
  }, 60_000);

  it('keeps the row captions clear of a derivative wider than its box', async () => {
    await show({ q: 'chain-wide', state: 'revealed', width: 1000, height: 600 });
    const rects = (sel: string) => page.locator(sel).evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { l: r.left, r: r.right, t: r.top, b: r.bottom };
    }));
    const derivs = await rects('.cra-derivative');
    expect(derivs.length).toBe(1);
    for (const c of await rects('.cra-caption')) {
      for (const d of derivs) expect(c.r <= d.l || c.l >= d.r || c.b <= d.t || c.t >= d.b).toBe(true);
    }
  }, 60_000);

  it('stacks the boxes top to bottom and stays inside 390 px when on a phone', async () => {
    const { data } = await show({ q: 'nested4', state: 'revealed', mode: 'phone' });
    expect(data.layout).toBe('vertical');
    const widest = await page.locator('.cra-label').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
  }, 60_000);
});

describe('backprop view', () => {
  it('shows forward values but no gradients when the question is fresh', async () => {
    const { q } = await show({ q: 'backprop' });
    expect(await count('.cra-node-grad')).toBe(0);
    const data = await page.locator('.cra-node-data').allInnerTexts();
    expect(data.some((t) => t.includes(String(q.task && (q.task as { x: number[] }).x[0])))).toBe(true);
  }, 60_000);

  it('fills the gradients from the loss back when revealed', async () => {
    const { q, data } = await show({ q: 'backprop', state: 'revealed' });
    const named = new Set(q.backward!.filter((s) => s.name.startsWith('dL/d')).map((s) => s.name.replace(/^dL\/d/, '')));
    expect(Number(data.gradientsTotal)).toBe(named.size + 1);
    expect(data.gradientsFilled).toBe(data.gradientsTotal);
    const filled = await page.locator('.cra-node-grad').evaluateAll((els) => els.map((e) => e.getAttribute('data-grad-for')));
    expect(new Set(filled)).toEqual(new Set(['L', ...named]));
    const w1 = q.backward!.find((s) => s.name === 'dL/dW1')!.value as number;
    const shown = await page.locator('.cra-node-grad[data-grad-for="W1"]').innerText();
    // KaTeX puts the value in the text twice (HTML and MathML) after the ∇: read the first signed number.
    const value = shown.replace(/\s/g, '').match(/[−-]?\d+(?:\.\d+)?/)?.[0] ?? 'none';
    expect(Number(value.replace('−', '-'))).toBeCloseTo(w1, 3);
  }, 60_000);

  it('animates the gradients one node at a time when motion is allowed', async () => {
    // Record every value of data-gradients-filled as it changes, from before the view is mounted.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver((records) => {
        for (const r of records) seen.push((r.target as HTMLElement).dataset.gradientsFilled ?? '');
      }).observe(document.getElementById('stage')!, { subtree: true, attributes: true, attributeFilter: ['data-gradients-filled'] });
    });
    await show({ q: 'backprop', state: 'revealed', reduced: false });
    await page.waitForFunction(() => {
      const d = document.querySelector<HTMLElement>('.cra-view')!.dataset;
      return d.gradientsFilled === d.gradientsTotal;
    }, undefined, { timeout: 30_000 });
    const total = await page.evaluate(() => Number(document.querySelector<HTMLElement>('.cra-view')!.dataset.gradientsTotal));
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.map(Number));
    const distinct = [...new Set(seen)];
    expect(distinct).toContain(1);
    expect(distinct.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...seen)).toBe(total);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  }, 60_000);
});

describe('dependency tree view', () => {
  it('draws z, the intermediates and the parameters with no path lit when fresh', async () => {
    const { q, data } = await show({ q: 'multivariable' });
    const subs = (q.task as { subs: Record<string, string> }).subs;
    for (const v of ['z', ...Object.keys(subs)]) expect(await count(`[data-node="${v}"]`)).toBe(1);
    expect(data.pathsLit).toBe('0');
    expect(await count('.cra-path-term')).toBe(0);
  }, 60_000);

  it('lights every path and lists its product when revealed', async () => {
    const { q, data } = await show({ q: 'partial', state: 'revealed' });
    expect(Number(data.pathsLit)).toBe(q.paths!.length);
    const vias = await page.locator('.cra-path-term').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    expect(vias).toEqual(q.paths!.map((p) => p.via));
    expect(await count('.cra-path-badge')).toBe(q.paths!.length);
    expect(await count('.cra-path-sum .katex')).toBe(1);
  }, 60_000);
});

describe('implicit view', () => {
  it('plots the curve and no tangent before the reveal', async () => {
    const { data } = await show({ q: 'implicit' });
    expect(Number(data.curveSegments)).toBeGreaterThan(50);
    expect(data.tangent).toBe('none');
    expect(data.point).toBe('3,4');
  }, 60_000);

  it('draws the tangent with the answer slope when revealed at a point', async () => {
    const { q, data } = await show({ q: 'implicit', state: 'revealed' });
    expect(data.tangent).toBe('drawn');
    expect(Number(data.tangentSlope)).toBeCloseTo(q.answer.value as number, 9);
  }, 60_000);

  it('matches the slope to the answer expression at its sample point when the answer is in x and y', async () => {
    const { q, data } = await show({ q: 'implicit-folium', state: 'revealed' });
    const [x, y] = data.point!.split(',').map(Number);
    const expected = valueAt(toMathjsNode(q.answer.expr!), { x: x!, y: y! });
    expect(Number(data.tangentSlope)).toBeCloseTo(expected, 2);
  }, 60_000);
});

describe('jacobian and gradient-flow views', () => {
  it('labels the two factors and the result with their shapes', async () => {
    const { q, data } = await show({ q: 'jacobian', state: 'revealed' });
    const t = q.task as { outer: string[]; outerVars: string[]; inner: string[]; innerVars: string[] };
    const m = t.outer.length;
    const k = t.outerVars.length;
    const n = t.innerVars.length;
    expect(data.shapes).toBe(`${m}x${k},${t.inner.length}x${n},${m}x${n}`);
    expect(await count('.cra-answer .katex')).toBe(1);
  }, 60_000);

  it('draws the chain of layers and the factor of each', async () => {
    const { q, data } = await show({ q: 'gradient-flow', state: 'revealed' });
    expect(data.depth).toBe(String((q.task as { depth: number }).depth));
    expect(await count('.cra-factor')).toBeGreaterThan(0);
    expect(await count('.cra-answer .katex')).toBe(1);
  }, 60_000);
});

describe('stage', () => {
  it('scales the canvas backing store by devicePixelRatio when the screen is dense', async () => {
    const dense = await openDemoPage(webgl, demo, 2);
    try {
      await mountIn(dense, { q: 'chain', state: 'revealed', width: 1200, height: 700 });
      const size = await dense.evaluate(() => {
        const c = document.querySelector('#stage canvas') as HTMLCanvasElement;
        return { w: c.width, h: c.height, cssW: c.getBoundingClientRect().width, dpr: devicePixelRatio };
      });
      expect(size.dpr).toBe(2);
      expect(size.w).toBe(Math.round(size.cssW * 2));
    } finally {
      await dense.close();
    }
  }, 300_000);

  it('follows the container when the window is resized', async () => {
    await show({ q: 'chain', width: 1280, height: 720 });
    await page.setViewportSize({ width: 900, height: 600 });
    await page.waitForFunction(() => (document.querySelector('#stage canvas') as HTMLCanvasElement).width === 900, undefined, { timeout: 10_000 });
  }, 60_000);

  it('draws again from the labels it typeset before: none measured again, none carrying an earlier state', async () => {
    await show({ q: 'nested', state: 'mid' });
    const r = await page.evaluate(() => {
      const demo = window.__demo!;
      const labels = (): string[] => [...document.querySelectorAll('#stage .cra-label')].map((e) => e.outerHTML);
      const first = labels();
      let measured = 0;
      const own = Object.getOwnPropertyDescriptor(Element.prototype, 'getBoundingClientRect')!.value as (this: Element) => DOMRect;
      Element.prototype.getBoundingClientRect = function (this: Element) {
        if (this.classList.contains('cra-label')) measured++;
        return own.call(this);
      };
      try {
        // Fresh (no box active, no marks), then the answers again: the second draw is made of labels seen before.
        demo.view.update({});
        const freshActive = document.querySelectorAll('#stage [aria-current="step"]').length;
        const freshMarks = document.querySelectorAll('#stage .cra-mark').length;
        measured = 0;
        demo.view.update(demo.state);
        return { first, again: labels(), measured, freshActive, freshMarks };
      } finally {
        Element.prototype.getBoundingClientRect = own;
      }
    });
    expect(r.measured).toBe(0);
    expect(r.again).toEqual(r.first);
    expect([r.freshActive, r.freshMarks]).toEqual([0, 0]);
  }, 60_000);

  it('removes the canvas and the labels when destroyed', async () => {
    await show({ q: 'implicit' });
    expect(await count('#stage canvas')).toBe(1);
    await page.evaluate(() => window.__demo!.view.destroy());
    expect(await count('#stage canvas')).toBe(0);
    expect(await count('#stage .cra-label')).toBe(0);
  }, 60_000);
});

describe('screenshots', () => {
  const keys = ['chain', 'nested', 'nested4', 'higher-order', 'activation', 'multivariable', 'partial', 'jacobian', 'jacobian-at', 'implicit', 'implicit-folium', 'implicit2', 'backprop', 'gradient-flow'];
  /**
   * One fixture per view (client/src/views/index.ts draws eleven families with six views): what WebGL changes is how
   * a view's shapes are painted, the same for every family a view draws, while what the families change (labels,
   * layout, data) is checked on every fixture in the Canvas gallery. SwiftShader paints on the CPU, a second or
   * more per picture; ARENA_SCREENSHOTS=all draws every fixture in both, for the gallery.
   */
  const perView = ['nested', 'multivariable', 'jacobian', 'implicit', 'backprop', 'gradient-flow'];
  // The projector's gallery drawn with WebGL, the phone's with Canvas.
  for (const [mode, renderer, drawn] of [['projector', 'webgl', SAVE_SCREENSHOTS ? keys : perView], ['phone', 'canvas', keys]] as const) {
    it(`renders ${drawn === keys ? 'every fixture' : 'every view'} without KaTeX errors and saves a ${mode} screenshot of each (${renderer})`, async () => {
      const on = renderer === 'webgl' ? glPage : page;
      for (const q of drawn) {
        const state = q === 'nested' ? 'mid' : 'revealed';
        const { data } = await show({ q, state, mode }, on);
        expect(data.renderer, q).toBe(renderer);
        expect(await count('.katex-error', on), q).toBe(0);
        // KaTeX draws an unknown command in red instead of failing: none may reach the screen.
        expect(await count('.katex [style*="color:#cc0000"], .katex [style*="rgb(204, 0, 0)"]', on), q).toBe(0);
        const file = await shoot(on, `${q}-${mode}`);
        expect(statSync(file).size, q).toBeGreaterThan(5_000);
      }
    }, 300_000);
  }
});
