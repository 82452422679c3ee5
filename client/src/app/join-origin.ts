/**
 * The origin a join link should carry. The page's own origin, except on a teacher's laptop opened as localhost:
 * then the server suggests its LAN address (server/http/lan-origin.ts), since "localhost" on a phone is the phone.
 * A page reached over the internet (or the LAN) gets null back and keeps its own origin, so a party's link works
 * wherever the server is reachable.
 */
export async function fetchJoinOrigin(): Promise<string | null> {
  try {
    const res = await fetch('/api/join-origin', { cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as { origin?: unknown };
    return typeof body.origin === 'string' && /^https?:\/\/[\w.:[\]-]+$/.test(body.origin) ? body.origin : null;
  } catch {
    return null;
  }
}
