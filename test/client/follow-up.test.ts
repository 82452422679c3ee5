/**
 * Teaching from the class's mistakes, end to end (issue 22's "Done means"), on the production build in Chromium:
 * a classroom game with three phones where two students forget the inner derivative ends with a summary slide
 * naming that mistake, "2 of 3" (checked by the projector measure at 1280×720, 1920×1080 and 3840×2160);
 * "Practise these" moves every phone to the follow-up round's lobby by itself, and every question of that round
 * takes the mistake as a named distractor (a phone types it and is told "Forgot the inner derivative"); the
 * phone's "Practise what you missed" opens solo with that mistake due first; after a reload the projector's home
 * page lists both games, the first game's report opens with its summary, and the follow-up's report is deleted.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION, type Ack, type CreatedRoom, type RoomSettings } from '../../shared/protocol';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { newContext, PHONE, PROJECTOR, screenshot, watchErrors } from './browser';
import { inspectScreen } from './projector-measure';
import { connectSocket, request } from './game-socket';
import { generatedSpec } from '../../server/rooms/questions';
import { generateQuestion } from '../../shared/questions/index';
import { useArena } from './use-arena';

const env = useArena();
const { contexts, sockets } = env;

const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 3840, height: 2160 }];
const MISTAKE = 'forgot-inner-derivative';

const lastTask = new WeakMap<Page, string>();

/** The next question on a phone (not the one it answered last), solved here from the task the page shows. */
async function shown(page: Page): Promise<Question> {
  const before = lastTask.get(page) ?? '';
  await page.waitForFunction((prev) => {
    const el = document.querySelector('#question-prompt');
    return !!el && el.getAttribute('data-task') !== prev && !document.querySelector('#answer-verdict');
  }, before, { timeout: 30_000 });
  const el = page.locator('#question-prompt');
  const task = (await el.getAttribute('data-task')) ?? '{}';
  lastTask.set(page, task);
  return solveTask((await el.getAttribute('data-family')) as Family, JSON.parse(task) as never);
}

/** The question's own "forgot the inner derivative" answer, as a student would type it. */
function forgetting(q: Question): string {
  const d = q.distractors?.find((x) => x.mistake === MISTAKE && typeof x.expr === 'string');
  if (!d?.expr) throw new Error(`${q.prompt.text}: no ${MISTAKE} distractor (distractors ${JSON.stringify(q.distractors?.map((x) => x.mistake))})`);
  return d.expr;
}

async function answer(page: Page, text: string): Promise<string> {
  await page.locator('.expr-input').last().fill(text);
  await page.click('#submit-answer');
  const verdict = page.locator('#answer-verdict, #reveal-verdict').first();
  await verdict.waitFor({ timeout: 15_000 });
  return (await verdict.textContent()) ?? '';
}

async function phone(code: string, nickname: string): Promise<Page> {
  const ctx = await newContext(env.browser, PHONE, env.arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(`/join/${code}`);
  await page.fill('#nickname', nickname);
  await page.click('#join-button');
  await page.locator('#player-lobby').waitFor();
  return page;
}

/**
 * Lets the held module through once the question is on screen, waits until it has been evaluated and its waiters
 * have run, and checks the question is still there: no "Could not load the game" drawn over it.
 */
async function lateModuleLeavesQuestion(page: Page, url: string, release: () => void): Promise<void> {
  expect(url, 'the reveal\'s module was asked for while the question before was closing').not.toBe('');
  release();
  // A string, so that Vitest does not rewrite the page's import().
  await page.evaluate(`import(${JSON.stringify(url)}).then(() => new Promise((resolve) => requestAnimationFrame(resolve)))`);
  expect(await page.locator('body').innerText()).not.toContain('Could not load');
  expect(await page.locator('#party-question .pill').textContent()).toContain('Question 2 of 2');
}

describe('the class summary, the follow-up round and practice from a game', () => {
  it('names 2 of 3 on the summary slide, practises that mistake, seeds solo with it, and lists the games at home', async () => {
    // The room is made through the protocol, then the projector page takes it over with its key (#/host).
    const creator = io(env.arena.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
    const settings = {
      ...DEFAULT_SETTINGS, source: { kind: 'generated', families: ['chain'], difficulty: 2 },
      questionCount: 2, secondsPerQuestion: 300, entryMode: 'final', leaderboardEvery: 0, speedScoring: false, seed: 11,
    };
    const made = (await creator.timeout(15_000).emitWithAck('room:create', { mode: 'classroom', settings })) as Ack<CreatedRoom>;
    creator.disconnect();
    if (!made.ok) throw new Error(made.error);
    const { code, hostSecret } = made.data;
    const projCtx = await newContext(env.browser, PROJECTOR, env.arena.url);
    contexts.push(projCtx);
    const proj = await projCtx.newPage();
    const projErrors = watchErrors(proj);
    await proj.goto('/');
    await proj.evaluate(({ c, s }) => localStorage.setItem('arena.resume.host', JSON.stringify({ code: c, token: s })), { c: code, s: hostSecret });
    await proj.goto('/#/host');
    await proj.locator('#host-lobby').waitFor();
    const [ada, ben, cy] = [await phone(code, 'Ada'), await phone(code, 'Ben'), await phone(code, 'Cy')] as [Page, Page, Page];
    const adaErrors = watchErrors(ada);
    await proj.locator('#player-count', { hasText: '3' }).waitFor();
    await proj.click('#start-game');

    // The first game: Ada and Ben forget the inner derivative on both questions, Cy is right.
    for (let i = 0; i < 2; i++) {
      for (const [p, right] of [[ada, false], [ben, false], [cy, true]] as const) {
        const q = await shown(p);
        const said = await answer(p, right ? (q.answer.expr ?? '') : forgetting(q));
        expect(said, `question ${i + 1}: ${q.prompt.text}`).toContain(right ? 'Right' : 'Forgot the inner derivative');
      }
      await proj.locator('#host-reveal').waitFor();
      await proj.keyboard.press('ArrowRight');
    }
    await proj.locator('#host-finished').waitFor();
    await proj.keyboard.press('ArrowRight');
    const top = proj.locator(`#summary-mistakes li[data-mistake="${MISTAKE}"]`);
    await top.waitFor();
    expect(await proj.locator('#summary-mistakes li').first().getAttribute('data-mistake')).toBe(MISTAKE);
    expect(await top.locator('.summary-count').textContent()).toBe('2 of 3');
    expect(await top.textContent()).toContain('Forgot the inner derivative');
    expect(await top.locator('.summary-where').textContent()).toBe('on questions 1, 2');
    await proj.locator('#summary-example .answer.wrong').waitFor();
    await proj.locator('#summary-topics [data-topic="chain"]', { hasText: '33% right' }).waitFor();
    for (const size of SIZES) {
      await proj.setViewportSize(size);
      const m = await inspectScreen(proj, { minFontPx: size.width === 1920 ? 28 : 0, settleMs: 30_000 });
      await screenshot(proj, `follow-up-summary-${size.width}`, 'css');
      expect(m.problems, `summary slide at ${size.width}×${size.height}`).toEqual([]);
    }
    await proj.setViewportSize(PROJECTOR);

    // Practise these: the phones move to the follow-up round's lobby by themselves.
    // P is "Practise these" (its key cap shows it).
    expect(await proj.locator('#practise-button kbd').textContent()).toBe('P');
    await proj.keyboard.press('p');
    await proj.locator('#host-lobby #lobby-topics', { hasText: 'Practice: forgot the inner derivative' }).waitFor();
    for (const p of [ada, ben, cy]) await p.locator('#player-lobby #follow-up-note', { hasText: 'forgot the inner derivative' }).waitFor();
    await proj.click('#start-game');
    // Every question of the round takes the mistake as a named distractor: Ada makes it and is told so.
    const total = 5;
    const families: string[] = [];
    for (let i = 0; i < total; i++) {
      await proj.locator('#host-question .pill', { hasText: `Question ${i + 1} of ${total}` }).waitFor();
      const q = await shown(ada);
      families.push(`${q.family}-${q.difficulty}`);
      expect(q.distractors?.map((d) => d.mistake), `follow-up question ${i + 1}: ${q.prompt.text}`).toContain(MISTAKE);
      expect(await answer(ada, forgetting(q)), `follow-up question ${i + 1}: ${q.prompt.text}`).toContain('Forgot the inner derivative');
      await proj.click('#skip-button');
      await proj.locator('#host-reveal').waitFor();
      await proj.keyboard.press('ArrowRight');
    }
    console.log(`follow-up round ${code}: ${families.join(', ')}`);
    await proj.locator('#host-finished').waitFor();

    // Ada's end screen: Practise what you missed opens solo with that mistake due first.
    const practise = ada.locator('#player-finished #practise-missed');
    await practise.waitFor();
    await screenshot(ada, 'follow-up-phone-end');
    await practise.click();
    await ada.locator('#solo-review-note').waitFor();
    await ada.click('#solo-go');
    const banner = ada.locator('#solo-review');
    await banner.waitFor();
    expect(await banner.getAttribute('data-review')).toMatch(new RegExp(`:${MISTAKE}$`));
    expect(await banner.textContent()).toContain('forgot the inner derivative');
    expect(adaErrors).toEqual([]);

    // The teacher's games on this laptop, after a reload: both games, each opening its report.
    await proj.goto('/');
    await proj.reload();
    const listed = proj.locator('#my-games a.hosted-game');
    await listed.first().waitFor();
    expect(await listed.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-code')}/${e.getAttribute('data-game')}`))).toEqual([`${code}/2`, `${code}/1`]);
    expect(await proj.locator('#my-games li').nth(1).textContent()).toMatch(/Chain rule · 3 players · 33% right/);
    await screenshot(proj, 'follow-up-home-list', 'css');
    await listed.nth(1).click();
    const firstReport = proj.locator(`#report-mistakes tr[data-mistake="${MISTAKE}"]`);
    await firstReport.waitFor();
    expect(await firstReport.textContent()).toContain('2 of 3');
    expect(await proj.locator('#report-rows tbody tr').count()).toBe(6);
    // The follow-up's report, then deleted from its page: the server has it no more, the list neither.
    await proj.goto('/');
    await proj.locator('#my-games a.hosted-game').first().click();
    await proj.locator('#report-rows tbody tr').first().waitFor();
    expect(await proj.locator('#report-rows tbody tr').count()).toBe(3 * total);
    proj.once('dialog', (d) => void d.accept());
    await proj.click('#delete-report');
    await proj.locator('#report-deleted').waitFor();
    const gone = await proj.evaluate(async ({ c, s }) => (await fetch(`/api/rooms/${c}/report.json?game=2`, { method: 'POST', headers: { 'x-host-secret': s } })).status, { c: code, s: hostSecret });
    expect(gone).toBe(404);
    const kept = await proj.evaluate(async ({ c, s }) => (await fetch(`/api/rooms/${c}/report.json?game=1`, { method: 'POST', headers: { 'x-host-secret': s } })).status, { c: code, s: hostSecret });
    expect(kept).toBe(200);
    await proj.goto('/');
    await proj.locator('#my-games').waitFor();
    expect(await proj.locator('#my-games a.hosted-game').evaluateAll((els) => els.map((e) => e.getAttribute('data-game')))).toEqual(['1']);
    expect(projErrors).toEqual([]);
  }, 300_000);

  it('ends an interview drill party with the group\'s weakest topic, Practise these for the creator, Practise what you missed for all', async () => {
    const LAPTOP = { width: 1440, height: 900 };
    const anaCtx = await newContext(env.browser, LAPTOP, env.arena.url);
    contexts.push(anaCtx);
    const ana = await anaCtx.newPage();
    const anaErrors = watchErrors(ana);
    await ana.goto('/');
    await ana.click('#create-party');
    await ana.fill('#party-nickname', 'Ana');
    await ana.check('#party-drill');
    await ana.click('.party-form button[type=submit]');
    // Two chain tasks of the teacher's own, so the run is the same every time.
    await ana.locator('#settings-form details > summary').click();
    const task = JSON.stringify({ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' }, difficulty: 2 });
    await ana.fill('#set-tasks', `${task}\n${task}`);
    await ana.click('#open-lobby');
    await ana.locator('#party-lobby').waitFor();
    const link = await ana.inputValue('#party-link');
    const benCtx = await newContext(env.browser, PHONE, env.arena.url);
    contexts.push(benCtx);
    const ben = await benCtx.newPage();
    const benErrors = watchErrors(ben);
    // Ben's first reveal arrives late (a slow phone network, a quick creator): its module is held until question 2
    // is on his screen, and must then not draw over it (client/src/app/lazy-screen.ts).
    let releaseReveal = (): void => undefined;
    const revealHeld = new Promise<void>((resolve) => { releaseReveal = resolve; });
    let revealUrl = '';
    await benCtx.route(/\/assets\/party-reveal-[\w-]+\.js$/, async (route) => {
      revealUrl = route.request().url();
      await revealHeld;
      await route.continue();
    });
    await ben.goto(link);
    await ben.fill('#nickname', 'Ben');
    await ben.click('#join-button');
    await ben.locator('#party-lobby').waitFor();
    await ana.locator('#party-group li', { hasText: 'Ben' }).waitFor();
    await ana.click('#start-game');
    for (let n = 1; n <= 2; n++) {
      for (const [p, typed] of [[ana, '2*x*cos(x^2)'], [ben, 'cos(x^2)']] as const) {
        await p.locator('#party-question .pill', { hasText: `Question ${n} of 2` }).waitFor();
        if (p === ben && n === 2) await lateModuleLeavesQuestion(ben, revealUrl, releaseReveal);
        await p.locator('#answer-area input').first().fill(typed);
        await p.click('#submit-answer');
        await p.locator('#answer-verdict, #party-reveal').first().waitFor();
      }
      await ana.locator('#party-reveal').waitFor();
      // The drill shows the board every 2 questions, so after question 1 Next opens question 2 straight away.
      await ana.click('#next-button');
    }
    for (const p of [ana, ben]) {
      await p.locator('#party-finished #weakest-topic', { hasText: 'Chain rule' }).waitFor();
      expect(await p.locator('#weakest-topic').textContent()).toContain('(50% right)');
    }
    // Only the one who missed is offered the practice of what they missed; only the creator starts the round.
    await ben.locator('#party-finished #practise-missed').waitFor();
    expect(await ana.locator('#practise-missed').count()).toBe(0);
    await ana.locator('#party-finished #practise-button').waitFor();
    expect(await ben.locator('#practise-button').count()).toBe(0);
    const m = await inspectScreen(ana, { minFontPx: 0, settleMs: 10_000 });
    await screenshot(ana, 'follow-up-party-end-1440', 'css');
    expect(m.problems, 'the creator\'s end page').toEqual([]);
    await screenshot(ben, 'follow-up-party-end-phone');
    await ana.click('#practise-button');
    for (const p of [ana, ben]) await p.locator('#party-lobby').waitFor();
    expect(anaErrors).toEqual([]);
    expect(benErrors).toEqual([]);
  }, 300_000);

  it('fits three mistakes and the longest example on the summary slide at every projector size', async () => {
    // A six-layer question (nested, level 5): its wrong answers are the longest a chain question gives. Four
    // students: two make the mistake with the longest answer (the slide's example), two others one each.
    const settings: RoomSettings = {
      ...DEFAULT_SETTINGS, source: { kind: 'generated', families: ['nested'], difficulty: 5 },
      questionCount: 1, secondsPerQuestion: 300, entryMode: 'final', leaderboardEvery: 0, speedScoring: false, seed: 23,
    };
    const creator = await connectSocket(env.arena.url, sockets);
    const made = await request<CreatedRoom>(creator, 'room:create', { mode: 'classroom', settings });
    creator.disconnect();
    const spec = generatedSpec(settings, 23, 0, 0);
    const q = generateQuestion(spec.family, spec.difficulty, spec.seed);
    const byLength = [...(q.distractors ?? [])].filter((d) => d.expr).sort((a, b) => (b.expr?.length ?? 0) - (a.expr?.length ?? 0));
    const picks = byLength.filter((d, i) => byLength.findIndex((x) => x.mistake === d.mistake) === i).slice(0, 3);
    expect(picks.length, `${q.prompt.text}: distractors ${JSON.stringify(q.distractors?.map((d) => d.mistake))}`).toBe(3);
    const projCtx = await newContext(env.browser, PROJECTOR, env.arena.url);
    contexts.push(projCtx);
    const proj = await projCtx.newPage();
    await proj.goto('/');
    await proj.evaluate(({ c, s: secret }) => localStorage.setItem('arena.resume.host', JSON.stringify({ code: c, token: secret })), { c: made.code, s: made.hostSecret });
    await proj.goto('/#/host');
    await proj.locator('#host-lobby').waitFor();
    const players = [];
    for (const name of ['Ada', 'Ben', 'Cy', 'Di']) {
      const p = await connectSocket(env.arena.url, sockets);
      await request(p, 'room:join', { code: made.code, nickname: name });
      players.push(p);
    }
    await proj.locator('#player-count', { hasText: '4' }).waitFor();
    await proj.click('#start-game');
    await proj.locator('#host-question').waitFor();
    const answers = [picks[0], picks[0], picks[1], picks[2]];
    for (const [i, p] of players.entries()) await request(p, 'answer:submit', { index: 0, final: answers[i]?.expr });
    await proj.locator('#host-reveal').waitFor();
    await proj.keyboard.press('ArrowRight');
    await proj.locator('#host-finished').waitFor();
    await proj.keyboard.press('ArrowRight');
    await proj.locator('#summary-mistakes li').nth(2).waitFor();
    expect(await proj.locator('#summary-mistakes li').first().getAttribute('data-mistake')).toBe(picks[0]?.mistake);
    expect(await proj.locator('#summary-example .answer.wrong').getAttribute('data-text')).toBe(picks[0]?.expr);
    for (const size of SIZES) {
      await proj.setViewportSize(size);
      const m = await inspectScreen(proj, { minFontPx: size.width === 1920 ? 28 : 0, settleMs: 30_000 });
      await screenshot(proj, `follow-up-summary-long-${size.width}`, 'css');
      expect(m.problems, `summary slide with the longest example at ${size.width}×${size.height}`).toEqual([]);
    }
    for (const p of players) p.disconnect();
  }, 300_000);
});
