/**
 * Security headers (helmet) with a Content-Security-Policy the client actually runs under:
 * - scripts only from this origin (Vite emits no inline script);
 * - inline styles allowed: KaTeX positions every glyph with `style="..."` and the screens set a few too;
 * - images from data: and blob: (the favicon is a data: SVG, QR codes and Phaser textures are data:/blob: URLs);
 * - fonts from this origin (KaTeX's woff2 files are hashed assets) and data:;
 * - sockets to this origin: `'self'` covers same-origin ws/wss in current browsers, the explicit ws(s)://host
 *   keeps older Safari working.
 * No upgrade-insecure-requests and no HSTS: in a classroom the game is reached over plain http on the LAN, and
 * behind a TLS proxy the proxy sets HSTS (README, Deploying).
 */
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';

const SAFE_HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** ws:// and wss:// for the Host the page was loaded from; nothing for a Host header that is not a plain host. */
function socketOrigins(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && SAFE_HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", (req: IncomingMessage) => socketOrigins(req)],
  workerSrc: ["'self'", 'blob:'],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  scriptSrcAttr: ["'none'"],
  upgradeInsecureRequests: null,
};

export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
