import { networkInterfaces } from 'node:os';

/**
 * The address phones should use to join. A teacher usually opens http://localhost:3000 on the laptop, and a QR
 * code for "localhost" would send every phone to itself; so when the page was reached over loopback and the
 * server listens on every interface, the lobby shows the laptop's LAN address instead.
 */
export function lanOrigin(requestHost: string | undefined, listenHost: string, port: number, interfaces: Interfaces = networkInterfaces()): string | null {
  if (listenHost !== '0.0.0.0' && listenHost !== '::') return null;
  if (!requestHost || !isLoopbackHost(requestHost)) return null;
  const ip = lanAddresses(interfaces)[0];
  return ip === undefined ? null : `http://${ip}:${port}`;
}

export function isLoopbackHost(hostHeader: string): boolean {
  const host = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The machine's network interfaces as Node lists them (tests pass a made-up table). */
export type Interfaces = ReturnType<typeof networkInterfaces>;

/** Non-internal IPv4 addresses, private ranges first (those are what a classroom Wi-Fi hands out). */
export function lanAddresses(interfaces: Interfaces = networkInterfaces()): string[] {
  const all = Object.values(interfaces)
    .flat()
    .filter((a): a is NonNullable<typeof a> => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  const isPrivate = (ip: string): boolean => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
  return [...all.filter(isPrivate), ...all.filter((ip) => !isPrivate(ip))];
}
