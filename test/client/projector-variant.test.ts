/**
 * A game with a variant per player on the projector: the reveal shows the family's general solution (no one
 * student's numbers are the class's answer), the results say "their variant", and every worked step is labelled
 * as one student's example. One question at 1920×1080, with the same fit and 28 px checks as the full walk.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startArena, type RunningArena } from './arena-server';
import { sockets, walkProjector } from './projector-walk';

let browser: Browser;
let arena: RunningArena;

beforeAll(async () => {
  [browser, arena] = await Promise.all([launchBrowser(), startArena()]);
}, 240_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await browser?.close();
  await arena?.close();
});

describe('projector, variant game', () => {
  it('reveals the general solution and labels the working as one student\'s variant', async () => {
    await walkProjector(browser, arena, ['nested'], 'variant', { variants: true, sizes: [{ width: 1920, height: 1080 }] });
  }, 300_000);
});
