/**
 * A page whose own `you` view reaches it late, as from a busy server or network: the server sends a phase's view
 * to the room and then each player's `you` (in slices in a large room), and this route holds every `you` back a
 * further 1.2 s. It records each verdict the page shows at a reveal, in turn, so a test can say that "No answer"
 * was never shown for an answer that counted.
 */
import type { Page } from 'playwright-core';

export interface LateYou {
  /** How many `you` messages were held back. */
  heldBack(): number;
  /**
   * The drafts the page sent (typing it never submitted), as sent, once the server's acknowledgement of each has
   * come back: only then does the server hold it (a draft seen leaving the page may still be on its way when the
   * round closes).
   */
  drafts(): string[];
  /** The reveal's verdicts as shown, in turn ("reveal-pending: Your result…", "reveal-verdict: ✓ Right …"). */
  verdictsSeen(): Promise<string[]>;
}

export async function holdBackYou(page: Page): Promise<LateYou> {
  let heldBack = 0;
  /** Drafts sent and not yet acknowledged, by their acknowledgement id; then those the server acknowledged. */
  const sent = new Map<string, string>();
  const drafts: string[] = [];
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { verdictsSeen: string[] }).verdictsSeen = seen;
    new MutationObserver(() => {
      const el = document.querySelector('#reveal-verdict, #reveal-pending');
      const text = el ? `${el.id}: ${el.textContent ?? ''}` : '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const draft = typeof m === 'string' ? /^42(\d+)\["answer:draft",/.exec(m) : null;
      if (draft?.[1] !== undefined) sent.set(draft[1], m as string);
      server.send(m);
    });
    server.onMessage((m) => {
      const ack = typeof m === 'string' ? /^43(\d+)\[/.exec(m) : null;
      const acked = ack?.[1] === undefined ? undefined : sent.get(ack[1]);
      if (acked !== undefined && (m as string).includes('"ok":true')) drafts.push(acked);
      if (typeof m === 'string' && m.startsWith('42["you",')) {
        heldBack++;
        setTimeout(() => ws.send(m), 1200);
      } else ws.send(m);
    });
  });
  return {
    heldBack: () => heldBack,
    drafts: () => [...drafts],
    verdictsSeen: () => page.evaluate(() => (window as unknown as { verdictsSeen: string[] }).verdictsSeen),
  };
}
