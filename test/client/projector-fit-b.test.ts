/**
 * The projector fits and teaches on one screen: the other families at difficulty 5, at three sizes (see
 * projector-walk.ts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FAMILIES } from '../../shared/questions/index';
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

describe('projector', () => {
  it('fits the other families at difficulty 5 on one 16:9 screen at three sizes, question to podium', async () => {
    await walkProjector(browser, arena, FAMILIES.slice(6), 'b');
  }, 900_000);
});
