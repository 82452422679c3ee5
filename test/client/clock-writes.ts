/**
 * Counts what the live clock (client/src/app/countdown.ts) writes to the page while the seconds it shows change
 * `changes` times: the text's writes and the bar's. Each write is a frame to lay out, paint and composite on the
 * projector and every phone, all round long, so the tests hold the clock to writing only what the eye can see.
 */
import type { Page } from 'playwright-core';

export function clockWrites(page: Page, screen: string, changes: number): Promise<{ text: number; bar: number }> {
  return page.evaluate(([scope, want]) => new Promise<{ text: number; bar: number }>((resolve, reject) => {
    const text = document.querySelector(`${scope} [data-timer]`);
    const fill = document.querySelector(`${scope} .timer-bar > div`);
    if (!text || !fill) return reject(new Error(`no clock on ${scope}`));
    const seen = { text: 0, bar: 0 };
    const shown = [text.textContent];
    const observer = new MutationObserver((records) => {
      for (const r of records) if (r.target === fill) seen.bar++; else seen.text++;
      if (text.textContent !== shown.at(-1)) shown.push(text.textContent);
      if (shown.length === want + 1) {
        observer.disconnect();
        resolve(seen);
      }
    });
    observer.observe(text, { childList: true, characterData: true, subtree: true });
    observer.observe(fill, { attributes: true, attributeFilter: ['style'] });
    setTimeout(() => reject(new Error(`the clock showed ${JSON.stringify(shown)} in 15 s`)), 15_000);
  }), [screen, changes] as const);
}
