/**
 * The projector fits and teaches on one screen, with the largest questions the generators make: share 1 of 4
 * of the walk (test/support/largest-questions.json), played as the teacher's own questions at three sizes,
 * question to podium (see projector-walk.ts). The four files run side by side.
 */
import { launchBrowser } from './browser';
import { startArena } from './arena-server';
import { walkFile } from './projector-walk';

walkFile({ launchBrowser, startArena }, 0, 4);
