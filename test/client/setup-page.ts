/**
 * From the home page, the projector's setup page as a teacher fills it for one of their own questions: the seconds per question, the
 * task under "Your own questions", the entry mode; then "Open the lobby". Returns the game code.
 */
import type { Page } from 'playwright-core';

export async function openLobbyWithTask(host: Page, opts: { seconds: number; task: unknown; entry: 'layers' | 'final' }): Promise<string> {
  await host.click('#create-classroom');
  await host.locator('#host-setup').waitFor();
  await host.fill('#set-seconds', String(opts.seconds));
  await host.locator('#settings-form details > summary').click();
  await host.fill('#set-tasks', JSON.stringify(opts.task));
  await host.selectOption('#set-entry', opts.entry);
  await host.click('#open-lobby');
  return (await host.locator('#room-code-display').textContent())?.trim() ?? '';
}
