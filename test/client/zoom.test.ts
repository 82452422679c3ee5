/**
 * Zoom and reflow (docs/accessibility.md#zoom), in Chromium on the production build: a laptop's 1280×720 screen
 * at 200 % (640×360 CSS px) and at 400 % (320×180, the WCAG 1.4.10 reflow width), no touch, answering a
 * box-by-box question. In every box in turn, the prompt (or its sticky summary), the box and Submit are on screen
 * together, none under another, and nothing scrolls sideways. Screenshots of each size go to test-output/screenshots/zoom-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newContext, PROJECTOR, screenshot, settle } from './browser';
import { useArena } from './use-arena';
import { openLobbyWithTask } from './setup-page';

const env = useArena({ warm: true });
const { contexts } = env;

/** A laptop page zoomed to `zoom` % of 1280×720: the CSS viewport shrinks, the pixels per CSS px grow. */
async function zoomed(zoom: number, path: string): Promise<Page> {
  const f = zoom / 100;
  const ctx = await newContext(env.browser, { width: Math.round(1280 / f), height: Math.round(720 / f) }, env.arena.url,
    { deviceScaleFactor: f, isMobile: false, hasTouch: false });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(path);
  return page;
}

interface Seen { prompt: boolean; box: boolean; submit: boolean; sideways: boolean }

/** Whether the prompt, the focused box and Submit each show at least a line's worth on screen, and any sideways scroll. */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    // On screen and not under anything (a sticky summary or bar): the middle of its visible part is its own.
    const onScreen = (el: Element | null): boolean => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const top = Math.max(r.top, 0);
      const bottom = Math.min(r.bottom, innerHeight);
      if (bottom - top < Math.min(16, r.height) || r.right <= 0 || r.left >= innerWidth) return false;
      const hit = document.elementFromPoint(Math.min(Math.max((r.left + r.right) / 2, 1), innerWidth - 1), (top + bottom) / 2);
      return hit !== null && (el === hit || el.contains(hit));
    };
    return {
      prompt: onScreen(document.querySelector('#question-prompt')),
      box: onScreen(document.activeElement),
      submit: onScreen(document.querySelector('#submit-answer')),
      sideways: document.documentElement.scrollWidth > innerWidth + 1,
    };
  });
}

const TASK = { family: 'chain', task: { expr: 'sec(atan(x^2 + 2))', var: 'x' } };

describe('zoom and reflow', () => {
  it('keeps the prompt, the box being typed in and Submit on screen together at 200 % and 400 %', async () => {
    const host = await (async () => {
      const ctx = await newContext(env.browser, PROJECTOR, env.arena.url);
      contexts.push(ctx);
      return ctx.newPage();
    })();
    await host.goto('/');
    const code = await openLobbyWithTask(host, { seconds: 600, task: TASK, entry: 'layers' });
    const pages: Array<[number, Page]> = [];
    for (const zoom of [200, 400]) {
      const p = await zoomed(zoom, `/?code=${code}`);
      await p.fill('#nickname', `Zoom${zoom}`);
      await p.click('#join-button');
      await p.locator('#player-lobby').waitFor();
      pages.push([zoom, p]);
    }
    await host.click('#start-game');
    for (const [zoom, p] of pages) {
      await p.locator('#question-prompt .katex').first().waitFor();
      const boxes = p.locator('#answer-area input.expr-input');
      const n = await boxes.count();
      expect(n).toBe(4);
      for (let i = 0; i < n; i++) {
        await boxes.nth(i).focus();
        await settle(p);
        expect(await seen(p), `${zoom} %, box ${i + 1} of ${n}`).toEqual({ prompt: true, box: true, submit: true, sideways: false });
        if (i === 0 || i === n - 1) await screenshot(p, `zoom-${zoom}-box${i + 1}`);
      }
    }
  }, 180_000);
});
