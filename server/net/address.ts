/**
 * The client's address for rate limits and room caps: the socket's peer, or, behind reverse proxies the operator
 * trusts (Express `trust proxy`, config TRUST_PROXY), the address they report in X-Forwarded-For. The same trust
 * function Express compiles for HTTP requests decides here, so sockets and HTTP agree on who the client is.
 */

/** Express's compiled `trust proxy fn`: is the hop `addr`, `i` hops from the server, a trusted proxy? */
export type TrustFn = (addr: string, i: number) => boolean;

export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trust: TrustFn): string {
  if (forwardedFor === undefined) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const hops = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= 64)
    .reverse();
  // Walk back from the peer while each hop is a trusted proxy; the first untrusted one is the client.
  const chain = [peer, ...hops];
  for (let i = 0; i < chain.length - 1; i++) {
    if (!trust(chain[i] as string, i)) return chain[i] as string;
  }
  return chain[chain.length - 1] ?? peer;
}
