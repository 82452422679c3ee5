/**
 * Secrets the server hands out (host keys, resume tokens) and their hashes: rooms, stores and socket data keep
 * only the SHA-256 of a secret, never the secret itself (docs/architecture.md#glossary, "host key").
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 (hex) of a secret: what is kept, in memory and on disk. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time check of a presented secret against a stored hash. */
export function matchesHash(given: string, storedHash: string): boolean {
  return sameHash(hashSecret(given), storedHash);
}

/** Constant-time comparison of two hashes (hex). */
export function sameHash(givenHash: string, storedHash: string): boolean {
  const a = Buffer.from(givenHash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}
