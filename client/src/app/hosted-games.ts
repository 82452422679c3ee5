/**
 * Games hosted from this browser (code, host secret, when), newest first, so the report page can open past
 * reports without the secret ever going in a URL. Kept in localStorage, like the host's resume token;
 * everything read back is untrusted.
 */
export interface HostedGame {
  code: string;
  secret: string;
  at: number;
}

const KEY = 'arena.hosted.v1';
const MAX = 30;

export function hostedGames(): HostedGame[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter((g): g is HostedGame => typeof g === 'object' && g !== null
      && typeof (g as HostedGame).code === 'string' && /^[A-Z0-9]{4,8}$/.test((g as HostedGame).code)
      && typeof (g as HostedGame).secret === 'string' && (g as HostedGame).secret.length <= 100
      && typeof (g as HostedGame).at === 'number').slice(0, MAX);
  } catch {
    return [];
  }
}

/** Adds (or moves to the top) a hosted game. */
export function rememberHostedGame(code: string, secret: string, at = Date.now()): void {
  try {
    const list = [{ code, secret, at }, ...hostedGames().filter((g) => g.code !== code || g.secret !== secret)].slice(0, MAX);
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* storage blocked: the report page still takes a typed code and secret */
  }
}
