/**
 * Issue 24, played on the production build in Chromium: a first-time teacher's classroom game (setup with the
 * time per topic and hidden names, a rude nickname refused on a phone, the lobby with its title, topics and
 * music, a reveal moved on with → alone, the phone's reveal opening on its verdict, the podium's build-up
 * without a 0-point place, a removed player kept out under a new name), a party on a phone (verdict, answer and
 * Ready above the fold, the diagram folded, labelled scores, an early End counting the questions played) and
 * solo at 360 px (worked steps and keypad labels within the width). Screenshots: test-output/screenshots/show-*.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack, type PlayerPhaseView } from '../../shared/protocol';
import { solveTask, type Family } from '../../shared/questions/index';
import { defaultSeconds } from '../../shared/timing/question-seconds';
import { newContext, PHONE, PROJECTOR, screenshot, settle, waitForCondition, watchErrors } from './browser';
import { clockWrites } from './clock-writes';
import { measureScreen } from './projector-measure';
import { useArena } from './use-arena';

const LAPTOP = { width: 1440, height: 900 };
const SIZES = [{ width: 1280, height: 720 }, PROJECTOR, { width: 3840, height: 2160 }] as const;

const env = useArena();
const { contexts, sockets } = env;

async function open(viewport: { width: number; height: number }, extra: Parameters<typeof newContext>[3] = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await newContext(env.browser, viewport, env.arena.url, extra);
  contexts.push(ctx);
  const page = await ctx.newPage();
  return { page, errors: watchErrors(page) };
}

/** A player on a real Socket.IO client: the state it was sent, and a right answer for the open question. */
async function socketPlayer(code: string, nickname: string): Promise<{ state: () => PlayerPhaseView | null; answerRight: () => Promise<void> }> {
  const socket = io(env.arena.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION, deviceId: `socket-${nickname}-device` }, forceNew: true, reconnection: false });
  sockets.push(socket);
  let state: PlayerPhaseView | null = null;
  socket.on('state', (s: PlayerPhaseView) => (state = s));
  const res = (await socket.timeout(10_000).emitWithAck('room:join', { code, nickname })) as Ack<{ state: PlayerPhaseView }>;
  if (!res.ok) throw new Error(`join refused: ${res.error}`);
  state = res.data.state;
  return {
    state: () => state,
    answerRight: async () => {
      const s = state;
      if (s?.phase !== 'question') throw new Error('no open question');
      const q = solveTask(s.question.family, s.question.task);
      const ack = (await socket.timeout(10_000).emitWithAck('answer:submit', { index: s.index, final: q.answer.expr ?? q.answer.matrix ?? q.answer.value ?? '0' })) as Ack<unknown>;
      if (!ack.ok) throw new Error(`answer refused: ${ack.error}`);
    },
  };
}

async function joinOnPhone(page: Page, code: string, nickname: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.fill('#nickname', nickname);
  await page.click('#join-button');
}

/** The projector screen fits, and no text in its results, board, podium or bars overlaps or is cut (all sizes). */
async function fitsEverywhere(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await settle(page);
    await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
    const m = await measureScreen(page, 0);
    expect(m.problems, `${name} at ${size.width}`).toEqual([]);
    await screenshot(page, `show-${name}-${size.width}`, 'css');
  }
  await page.setViewportSize(PROJECTOR);
  await settle(page);
}

/** Every worked step's formula within its step box, and the box within the page (nothing cut off). */
async function stepsWithinWidth(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    for (const li of document.querySelectorAll<HTMLElement>('.steps li')) {
      const box = li.getBoundingClientRect();
      if (box.right > vw + 1) out.push(`step box past the screen: ${Math.round(box.right)} > ${vw}`);
      if (li.scrollWidth > li.clientWidth + 1) out.push(`step wider than its box: ${li.scrollWidth} > ${li.clientWidth}: ${(li.textContent ?? '').slice(0, 60)}`);
    }
    return out;
  });
}

describe('a classroom show', () => {
  it('plays a classroom game a teacher can run in front of a class', async () => {
    const host = await open(PROJECTOR);
    const { page } = host;
    await page.goto('/');
    await page.click('#create-classroom');
    await page.locator('#host-setup').waitFor();
    // Time that fits the question: each topic shows the table's time for its difficulty, and follows it.
    for (const box of await page.locator('input[name=family]').all()) await box.setChecked(false);
    await page.check('input[name=family][value=chain]');
    await page.check('input[name=family][value=backprop]');
    await page.selectOption('select[data-family="chain"]', '3');
    await page.selectOption('select[data-family="backprop"]', '3');
    const chainSeconds = page.locator('input[name=topic-seconds][data-family="chain"]');
    const backpropSeconds = page.locator('input[name=topic-seconds][data-family="backprop"]');
    expect(Number(await chainSeconds.inputValue())).toBe(defaultSeconds('chain', 3));
    expect(Number(await backpropSeconds.inputValue())).toBe(defaultSeconds('backprop', 3));
    await page.selectOption('select[data-family="chain"]', '5');
    expect(Number(await chainSeconds.inputValue())).toBe(defaultSeconds('chain', 5));
    await page.selectOption('select[data-family="chain"]', '3');
    // Plain words, and hidden names.
    expect(await page.locator('#set-entry option').allTextContents()).toEqual(['each box and then the whole derivative', 'only the whole derivative']);
    await page.selectOption('#set-names', 'generated');
    await page.fill('#set-count', '2');
    await page.selectOption('#set-board', '0');
    await settle(page);
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'show-setup-1440');
    await page.setViewportSize(PROJECTOR);
    await page.click('#open-lobby');
    const code = ((await page.locator('#room-code-display').textContent()) ?? '').trim();
    await expect(page.locator('#lobby-title').textContent()).resolves.toBe('Chain Rule Arena');
    await expect(page.locator('#lobby-topics').textContent()).resolves.toBe('Chain rule (medium) · Backprop (medium) · 2 questions');
    // Music while the class joins, one switch to stop it.
    await page.locator('body[data-music="playing"]').waitFor();

    // A rude nickname is refused on the phone, kindly; a fine one gets in.
    const ada = await open(PHONE);
    await joinOnPhone(ada.page, code, 'FuckFace');
    await ada.page.locator('#join-error', { hasText: 'pick another nickname' }).waitFor();
    await screenshot(ada.page, 'show-phone-rude-nickname');
    await ada.page.fill('#nickname', 'sh1thead');
    await ada.page.click('#join-button');
    await ada.page.locator('#join-error', { hasText: 'pick another nickname' }).waitFor();
    await ada.page.fill('#nickname', 'Ada');
    await ada.page.click('#join-button');
    await ada.page.locator('#player-lobby').waitFor();
    const adaShown = ((await ada.page.locator('#shown-as strong').textContent()) ?? '').trim();
    expect(adaShown).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    await screenshot(ada.page, 'show-phone-lobby-hidden-name');

    const ben = await open(PHONE);
    await joinOnPhone(ben.page, code, 'Ben');
    await ben.page.locator('#player-lobby').waitFor();
    const cy = await socketPlayer(code, 'Cy');
    // "Hide names": the projector shows the generated names, never the nicknames.
    await page.locator('#lobby-players li[data-player]').nth(2).waitFor();
    const lobbyNames = await page.locator('#lobby-players li[data-player]').allTextContents();
    expect(lobbyNames.join(' ')).not.toMatch(/\b(Ada|Ben|Cy)\b/);
    expect(lobbyNames.map((n) => n.replace('✕', '').trim())).toContain(adaShown);
    await expect(page.locator('body').getAttribute('data-last-cue')).resolves.toBe('join');
    await fitsEverywhere(page, 'lobby');
    await page.click('#mute-button');
    await page.locator('body[data-music="off"]').waitFor();
    await page.click('#mute-button');
    await page.locator('body[data-music="playing"]').waitFor();

    // A removed player cannot come back under a new name in the same game (same device).
    await page.locator('#lobby-players li', { hasText: await ben.page.locator('#shown-as strong').textContent() ?? '' }).getByRole('button').click();
    await ben.page.locator('#join-button').waitFor();
    await joinOnPhone(ben.page, code, 'Benjamin');
    await ben.page.locator('#join-error', { hasText: 'removed you' }).waitFor();

    await page.click('#start-game');
    await page.locator('#host-question').waitFor();
    await waitForCondition(page, 'music to stop', () => document.body.dataset.music === undefined);
    // The clock in a 50 s round: the seconds written as they change, the bar moved in steps of a hundredth of the
    // round (countdown.ts), two a second, where moving it at every device pixel wrote it at every tick, five a second.
    const clock = await clockWrites(page, '#host-question', 3);
    expect(clock.text).toBe(3);
    expect(clock.bar).toBeGreaterThanOrEqual(2);
    expect(clock.bar).toBeLessThanOrEqual(7);
    // The first question is the chain one: its time is the chain row's; the second (backprop) gets longer.
    const first = cy.state();
    expect(first?.phase === 'question' && first.question.family).toBe('chain');
    expect(first?.phase === 'question' && first.timer.durationMs).toBe(defaultSeconds('chain', 3) * 1000);
    await cy.answerRight();
    // Ada scrolls down to her keypad, does not answer, and the round closes.
    await ada.page.locator('#submit-answer').waitFor();
    await ada.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.click('#skip-button');

    // The phone's reveal opens at its top, on the student's own verdict and score.
    await ada.page.locator('#player-reveal #reveal-verdict').waitFor();
    await settle(ada.page);
    const verdict = await ada.page.evaluate(() => {
      const r = document.querySelector('#reveal-verdict')?.getBoundingClientRect();
      const pts = document.querySelector('#my-points')?.getBoundingClientRect();
      return { scrollY: window.scrollY, top: r?.top ?? -1, bottom: r?.bottom ?? 1e9, points: pts?.bottom ?? 1e9, vh: window.innerHeight };
    });
    expect(verdict.scrollY).toBe(0);
    expect(verdict.top).toBeGreaterThanOrEqual(0);
    expect(verdict.points).toBeLessThanOrEqual(verdict.vh);
    await screenshot(ada.page, 'show-phone-reveal');

    // One way forward: the answer and the class's results first, the working one key (↓) away.
    await page.locator('#host-reveal #reveal-slide[data-slide="0"] #class-stats').waitFor();
    await expect(page.locator('#step-counter').isVisible()).resolves.toBe(false);
    await expect(page.locator('#host-controls .primary').allTextContents()).resolves.toEqual(['Next question ▶']);
    await fitsEverywhere(page, 'reveal-results');
    // The reveal's chime has ended: the audio context sleeps (no audio thread left running through the lesson) and
    // the next cue, a step's click, wakes it.
    await expect(page.locator('body').getAttribute('data-last-cue')).resolves.toBe('reveal');
    await page.locator('body[data-audio="suspended"]').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.locator('#reveal-slide[data-slide="1"]').waitFor();
    await page.locator('body[data-audio="running"][data-last-cue="step"]').waitFor();
    await expect(page.locator('#step-counter').textContent()).resolves.toMatch(/^Step 1 of \d+$/);
    await screenshot(page, 'show-reveal-step-1920', 'css');
    await page.keyboard.press('ArrowUp');
    await page.locator('#reveal-slide[data-slide="0"]').waitFor();
    // → alone reaches the next question.
    await page.keyboard.press('ArrowRight');
    await page.locator('#host-question').waitFor();
    await waitForCondition(page, 'the second question', () => document.querySelector('#host-question .pill')?.textContent === 'Question 2 of 2');
    const second = cy.state();
    expect(second?.phase === 'question' && second.question.family).toBe('backprop');
    expect(second?.phase === 'question' && second.timer.durationMs).toBe(defaultSeconds('backprop', 3) * 1000);
    expect(defaultSeconds('backprop', 3)).not.toBe(defaultSeconds('chain', 3));
    await cy.answerRight();
    await page.click('#skip-button');
    await page.locator('#host-reveal #class-stats').waitFor();
    await page.keyboard.press('ArrowRight');

    // The podium: built up to the winner with confetti; nobody with 0 points stands on it.
    await page.locator('#host-finished').waitFor();
    await page.locator('.host-podium[data-done="true"]').waitFor();
    await page.locator('canvas.confetti[data-confetti="burst"]').waitFor({ state: 'attached' });
    await expect(page.locator('.host-podium').getAttribute('data-places')).resolves.toBe('1');
    const podiumText = (await page.locator('.host-podium').textContent()) ?? '';
    expect(podiumText).not.toContain(adaShown);
    expect(podiumText).not.toMatch(/\b(Ada|Ben|Cy)\b/);
    await expect(page.locator('#podium-winner').textContent()).resolves.toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ wins!$/);
    await screenshot(page, 'show-podium-confetti-1920', 'css');
    await fitsEverywhere(page, 'podium');
    // The report page says where the host key is; this browser's games open without it.
    await page.goto('/#/reports');
    await expect(page.locator('#host-key-help').textContent()).resolves.toMatch(/Only needed in another browser/);
    await page.locator(`#hosted-games [data-copy-key="${code}"]`).waitFor();
    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'show-reports-1440');
    expect(host.errors).toEqual([]);
    expect(ada.errors).toEqual([]);
  }, 600_000);

  it('keeps confetti still for a projector that asks for reduced motion', async () => {
    const host = await open(PROJECTOR, { reducedMotion: 'reduce' });
    const { page } = host;
    await page.goto('/');
    await page.click('#create-classroom');
    for (const box of await page.locator('input[name=family]').all()) await box.setChecked(false);
    await page.check('input[name=family][value=chain]');
    await page.fill('#set-count', '1');
    await page.click('#open-lobby');
    const code = ((await page.locator('#room-code-display').textContent()) ?? '').trim();
    const p = await socketPlayer(code, 'Dee');
    await page.locator('#lobby-players li[data-player]').waitFor();
    await page.click('#start-game');
    await page.locator('#host-question').waitFor();
    await p.answerRight();
    await page.locator('#host-reveal').waitFor();
    await page.keyboard.press('Space');
    await page.locator('.host-podium .place.p1.shown').waitFor();
    await expect(page.locator('canvas.confetti').getAttribute('data-confetti')).resolves.toBe('still');
    expect(host.errors).toEqual([]);
  }, 240_000);
});

describe('party on a phone', () => {
  it('shows verdict, answer and Ready above the fold, folds the diagram, labels scores, counts the questions played', async () => {
    const ana = await open(LAPTOP);
    await ana.page.goto('/');
    await ana.page.click('#create-party');
    await ana.page.fill('#party-nickname', 'Ana');
    await ana.page.click('.party-form button[type=submit]');
    await ana.page.fill('#set-count', '6');
    await ana.page.click('#open-lobby');
    await ana.page.locator('#party-lobby').waitFor();
    const link = await ana.page.inputValue('#party-link');
    const bo = await open(PHONE);
    await bo.page.goto(link);
    await bo.page.fill('#nickname', 'Bo');
    await bo.page.click('#join-button');
    await bo.page.locator('#party-lobby').waitFor();
    // Sound starts off on a phone, on for the laptop.
    await expect(bo.page.locator('#mute-button').textContent()).resolves.toMatch(/^Sound: off/);
    await expect(ana.page.locator('#mute-button').textContent()).resolves.toMatch(/^Sound: on/);
    await ana.page.click('#start-game');

    // The question on a phone: the drawing is folded away until opened.
    await bo.page.locator('#party-question #question-prompt').waitFor();
    await expect(bo.page.locator('#diagram-fold').getAttribute('open')).resolves.toBeNull();
    await screenshot(bo.page, 'show-party-phone-question');
    await bo.page.click('#diagram-fold summary');
    await bo.page.locator('#diagram-fold .cra-view').waitFor();
    await ana.page.click('#skip-button');

    await bo.page.locator('#party-reveal #reveal-verdict').waitFor();
    await bo.page.locator('#reveal-answer[data-typeset="true"]').waitFor();
    await settle(bo.page);
    const fold = await bo.page.evaluate(() => {
      const bottom = (sel: string): number => document.querySelector(sel)?.getBoundingClientRect().bottom ?? 1e9;
      return { vh: window.innerHeight, scrollY: window.scrollY, verdict: bottom('#reveal-verdict'), answer: bottom('#reveal-answer'), ready: bottom('#ready-button') };
    });
    expect(fold.scrollY).toBe(0);
    expect(fold.verdict).toBeLessThanOrEqual(fold.vh);
    expect(fold.answer).toBeLessThanOrEqual(fold.vh);
    expect(fold.ready, `Ready at ${fold.ready} px on a ${fold.vh} px screen`).toBeLessThanOrEqual(fold.vh);
    await expect(bo.page.locator('#diagram-fold').getAttribute('open')).resolves.toBeNull();
    // Labelled numbers and words, not "+1000 1000" and "…".
    const rows = await bo.page.locator('#party-group li').allTextContents();
    expect(rows.join('\n')).toMatch(/(\+\d+ this round|no answer)·\d+ total·not ready yet/);
    expect(rows.join('\n')).not.toContain('…');
    await screenshot(bo.page, 'show-party-phone-reveal');
    await bo.page.click('#ready-button');
    await ana.page.locator('#party-group li[data-ready="true"]', { hasText: 'Bo' }).waitFor();

    // Ended early, after one question: the end counts the one played.
    ana.page.once('dialog', (d) => void d.accept());
    await ana.page.click('#end-button');
    await bo.page.locator('#party-finished').waitFor();
    await expect(bo.page.locator('#questions-played').textContent()).resolves.toBe('1 of 6 questions played');
    await bo.page.click('#party-review summary');
    await expect(bo.page.locator('#party-review h2').count()).resolves.toBe(0);
    await screenshot(bo.page, 'show-party-phone-end');
    expect(bo.errors).toEqual([]);
    expect(ana.errors).toEqual([]);
  }, 400_000);
});

describe('solo at 360 px', () => {
  it('wraps every worked step within the width and fits every keypad label', async () => {
    const { page, errors } = await open({ width: 360, height: 780 });
    // Solo draws its questions with Math.random: seeded here, so a failure names a run that can be played again
    // (ARENA_TEST_SEED=<seed>).
    const seed = Number(process.env.ARENA_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
    await page.addInitScript((s: number) => {
      let state = s >>> 0;
      Math.random = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }, seed);
    await page.goto('/#/solo');
    await page.locator('#solo-go').waitFor({ timeout: 30_000 });
    for (const box of await page.locator('input[name=family]').all()) await box.setChecked(false);
    for (const f of ['nested', 'activation', 'backprop'] as Family[]) await page.check(`input[name=family][value=${f}]`);
    await page.check('input[name=difficulty][value="5"]');
    await page.check('input[name=duration][value="300"]');
    await page.click('#solo-go');
    const seen = new Set<string>();
    // Four questions, and more (up to ten) until two families have been seen.
    for (let i = 0; i < 4 || (seen.size < 2 && i < 10); i++) {
      const prompt = page.locator('#question-prompt');
      await prompt.waitFor({ timeout: 30_000 });
      seen.add((await prompt.getAttribute('data-family')) ?? '');
      const keys = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.keypad .key')]
        .filter((k) => k.offsetParent !== null && k.scrollWidth > k.clientWidth + 1).map((k) => `${k.dataset.key}: ${k.scrollWidth} > ${k.clientWidth}`));
      expect(keys, 'keypad labels wider than their keys').toEqual([]);
      const grid = page.locator('#solo-screen .matrix-grid input, .matrix-grid input');
      if (await grid.count() > 0) for (let c = 0; c < await grid.count(); c++) await grid.nth(c).fill('0');
      else await page.locator('.expr-input').last().fill('0');
      await page.click('#submit-answer');
      await page.locator('#solo-feedback .steps li').first().waitFor({ timeout: 15_000 });
      await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
      await page.locator('#solo-feedback .steps .katex').last().waitFor();
      await settle(page);
      expect(await stepsWithinWidth(page), `worked steps (question ${i + 1}, ARENA_TEST_SEED=${seed})`).toEqual([]);
      // Feedback typeset, not typed notation.
      if (await page.locator('#solo-feedback .feedback-math').count() > 0) {
        const text = await page.locator('#solo-feedback .feedback-text').innerHTML();
        // Every run of maths, not just one (a gradient name, a prime, a bracket of the sentence around it).
        await page.waitForFunction(() => [...document.querySelectorAll('#solo-feedback .feedback-math > span')]
          .every((s) => s.querySelector('.katex') !== null), undefined, { timeout: 15_000 }).catch(() => {
          throw new Error(`feedback maths not typeset (ARENA_TEST_SEED=${seed}): ${text}`);
        });
      }
      if (i === 0) await screenshot(page, 'show-solo-360-feedback');
      await page.click('#next-question');
    }
    expect(seen.size, `families seen (ARENA_TEST_SEED=${seed})`).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  }, 400_000);
});
