/**
 * Which store errors are worth another try: the database is not reachable right now (refused, reset, starting
 * up, shutting down, too many clients), as opposed to a query the database rejects, which would fail again.
 */
export function isConnectionError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  // node-postgres's own errors carry no code: a dropped connection, or none to be had within the pool's timeout.
  if (typeof code !== 'string') return err instanceof Error && /Connection terminated|timeout exceeded when trying to connect|encountered a connection error/.test(err.message);
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code) || /^(08|57P0|53300)/.test(code);
}
