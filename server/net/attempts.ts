/**
 * Fair limits on the requests that can be used to guess or to hog: joins, resumes and host claims (which name a
 * room code and a secret), and room creation.
 *
 * Failed attempts are charged per address, so guessing room codes stays slow (10, then one per 5 s). An address
 * that has once got into a room (a successful join, resume or claim) has proved it knows that code: its later
 * attempts on that code use a bucket of their own, per address and code. So a school behind one NAT, where a few
 * students mistype the code, still gets every student in, while a guesser (who never got in anywhere) does not.
 * Room creation is limited per address and per socket; live rooms per address are capped by the registry.
 */
import type { Clock } from '../clock';
import { KeyedLimiter, TokenBucket, type BucketSpec } from './rate-limit';

export interface AttemptSpecs {
  /** Failed joins / resumes / host claims per address. */
  attempts: BucketSpec;
  /** Failed attempts per (address, code) once the address got into that room. */
  knownCode: BucketSpec;
  /** Room creations per address. */
  createAddress: BucketSpec;
  /** Room creations per socket. */
  createSocket: BucketSpec;
}

export class AttemptLimits {
  private readonly perAddress: KeyedLimiter;
  private readonly perKnownCode: KeyedLimiter;
  private readonly createPerAddress: KeyedLimiter;

  constructor(
    private readonly specs: AttemptSpecs,
    private readonly clock: Clock,
  ) {
    this.perAddress = new KeyedLimiter(specs.attempts, clock);
    this.perKnownCode = new KeyedLimiter(specs.knownCode, clock);
    this.createPerAddress = new KeyedLimiter(specs.createAddress, clock);
  }

  /** The bucket that pays for a failed attempt on `code` from `address`. */
  bucketFor(address: string, code: string): TokenBucket {
    const key = pairKey(address, code);
    return this.perKnownCode.peek(key) ?? this.perAddress.bucket(address);
  }

  /** `address` got into room `code`: its later attempts on it no longer spend the address's budget. */
  proved(address: string, code: string): void {
    this.perKnownCode.bucket(pairKey(address, code));
  }

  /** Takes one room creation from the address's and the socket's allowance, or false if either is spent. */
  takeCreation(address: string, socketBucket: TokenBucket): boolean {
    const a = this.createPerAddress.bucket(address);
    if (!a.has(1) || !socketBucket.has(1)) return false;
    a.take(1);
    socketBucket.take(1);
    return true;
  }

  /** A fresh per-socket creation allowance. */
  socketCreations(): TokenBucket {
    return new TokenBucket(this.specs.createSocket, this.clock);
  }
}

const pairKey = (address: string, code: string): string => `${address}\u0000${code}`;
