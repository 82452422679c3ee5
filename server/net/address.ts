/**
 * The client's address for rate limits: the socket's peer, or, behind a reverse proxy the operator trusts, the
 * address the proxy reports in X-Forwarded-For. `trustProxy` follows Express: `true` trusts every hop (the
 * left-most address), a number trusts that many hops from the server, `false`/0 ignores the header (a client
 * could write anything there).
 */
export type TrustProxy = boolean | number;

export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  if (trust === false || trust === 0 || forwardedFor === undefined) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const hops = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= 64);
  if (hops.length === 0) return peer;
  if (trust === true) return hops[0] ?? peer;
  // The chain as the server sees it: client, proxies…, peer. Trust `trust` hops back from the peer.
  const chain = [...hops, peer];
  return chain[Math.max(0, chain.length - 1 - Math.floor(trust))] ?? peer;
}
