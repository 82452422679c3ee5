/**
 * Answering on the party page, in Chromium against the real server: the party page answers with the phone's one
 * answer panel (client/src/screens/answer-panel.ts), so what a party player typed and never sent is kept as a
 * draft by the same rule and counts at time-up (saying so in the last 10 seconds), as on the phone
 * (phone-answer.test.ts), and a refusal that is not final opens the form again. The creator is a real Socket.IO
 * client who stays seated and silent, so the round closes only at time-up or a skip.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type CreatedRoom, type RoomSettings } from '../../shared/protocol';
import { newContext, screenshot, watchErrors } from './browser';
import { connectSocket, request } from './game-socket';
import { useArena } from './use-arena';
import { holdBackYou, type LateYou } from './late-you';

const LAPTOP = { width: 1440, height: 900 };

const env = useArena();
const { contexts, sockets } = env;

/** A party of one silent creator (a socket) and Ben on a laptop page, at its first question. */
async function party(seconds: number, prepare?: (page: Page) => Promise<void>) {
  const creator = await connectSocket(env.arena.url, sockets);
  const source = { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }] } as RoomSettings['source'];
  const settings: RoomSettings = { ...DEFAULT_SETTINGS, source, questionCount: 1, secondsPerQuestion: seconds, entryMode: 'final' };
  const created = await request<CreatedRoom>(creator, 'room:create', { mode: 'party', settings, nickname: 'Ana' });
  const ctx = await newContext(env.browser, LAPTOP, env.arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await prepare?.(page);
  await page.goto(`/?code=${created.code}`);
  await page.fill('#nickname', 'Ben');
  await page.click('#join-button');
  await page.locator('#party-lobby').waitFor({ timeout: 20_000 });
  await request(creator, 'host:command', { type: 'start' });
  await page.locator('#party-question').waitFor({ timeout: 20_000 });
  return { page, errors };
}

describe('answering on the party page', () => {
  it('takes a readable answer typed and never sent when time is up, as on the phone', async () => {
    // Every `you` reaches the page late (as from a busy server): the reveal waits for it, never saying "No answer".
    let you!: LateYou;
    const { page, errors } = await party(12, async (p) => {
      you = await holdBackYou(p);
    });
    await page.locator('#answer-area input').first().fill('2x cos(x^2)');
    // Readable, so Submit is enabled; it is never pressed.
    await page.locator('#submit-answer:not([disabled])').waitFor({ timeout: 10_000 });
    await screenshot(page, 'party-typed-unsent');
    // The last 10 seconds say so, as on the phone; the readable typing is held as a draft.
    // The draft is held once the server has acknowledged it, which on a busy machine can come after the warning
    // first shows ("… Press Submit." alone, true until then): wait for the line that names the held draft.
    await page.locator('#not-sent-warning', { hasText: 'Your draft counts at time-up' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#not-sent-warning').textContent()).toMatch(/\d+ s left: your answer is not sent\. Press Submit\. Your draft counts at time-up\./);
    await screenshot(page, 'party-not-sent-warning');
    await page.locator('#reveal-verdict').waitFor({ timeout: 30_000 });
    expect(await page.locator('#reveal-verdict').getAttribute('class')).toMatch(/\bright\b/);
    expect(await page.locator('#from-draft').textContent()).toMatch(/unsent typing was taken/);
    expect(Number(/\+(\d+)/.exec((await page.locator('#my-points').textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    const seen = await you.verdictsSeen();
    expect(you.heldBack()).toBeGreaterThan(0);
    expect(seen[0], `verdicts shown in turn: ${JSON.stringify(seen)}`).toMatch(/^reveal-pending: Your result/);
    expect(seen.filter((t) => /No answer/.test(t)), `verdicts shown in turn: ${JSON.stringify(seen)}`).toEqual([]);
    await screenshot(page, 'party-draft-scored');
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows a refusal that is not final, opens the form again, and takes the answer sent again', async () => {
    // The page's first answer is refused on its way (as a rate limit would): the server never sees it.
    let refused = 0;
    let forwarded = 0;
    const { page, errors } = await party(300, (p) =>
      p.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => {
          const sent = typeof m === 'string' ? /^42(\d+)\["answer:submit",/.exec(m) : null;
          if (sent && refused === 0) {
            refused++;
            ws.send(`43${sent[1]}[{"ok":false,"error":"rate-limited"}]`);
            return;
          }
          if (sent) forwarded++;
          server.send(m);
        });
        server.onMessage((m) => ws.send(m));
      }),
    );
    await page.locator('#answer-area input').first().fill('2x cos(x^2)');
    await page.click('#submit-answer');
    await page.locator('#answer-error', { hasText: 'Too many requests' }).waitFor({ timeout: 10_000 });
    await page.locator('#answer-area input:not([disabled])').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'party-refused');
    expect([refused, forwarded]).toEqual([1, 0]);
    await page.click('#submit-answer');
    await page.locator('#answer-verdict').waitFor({ timeout: 20_000 });
    expect(await page.locator('#answer-verdict').getAttribute('class')).toMatch(/\bright\b/);
    expect(forwarded).toBe(1);
    expect(errors).toEqual([]);
  }, 120_000);
});
