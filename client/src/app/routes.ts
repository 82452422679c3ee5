/** URL helpers: join links (`/join/CODE`, `?code=CODE`, `#/join/CODE`) and screen navigation. */

/** Room codes: letters and digits only, as typed by a person; anything else is dropped. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8);
}

/** The room code a join link or QR code carries, or '' when there is none. */
export function parseJoinCode(loc: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const path = /\/join\/([A-Za-z0-9]+)/.exec(loc.pathname) ?? /join\/([A-Za-z0-9]+)/.exec(loc.hash);
  if (path?.[1]) return normaliseCode(path[1]);
  const q = new URLSearchParams(loc.search).get('code');
  return q ? normaliseCode(q) : '';
}

/** The link a QR code on the projector points to. */
export function joinUrl(code: string, origin: string = location.origin): string {
  return `${origin}/?code=${encodeURIComponent(code)}`;
}

/** Switches screen without reloading (hash routes need no server-side fallback). */
export function go(route: '' | 'host' | 'play' | 'solo'): void {
  const target = route === '' ? '#/' : `#/${route}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}
