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
import { localLimiter, type AddressLimiter, type SharedLimiters } from './address-limiter';
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

/**
 * The per-address budgets may be shared by a cluster (`shared`); the per-(address, code) budget of a proved
 * address stays in the process that saw the proof (it only ever loosens the limit for that one room).
 */
export class AttemptLimits {
  private readonly perAddress: AddressLimiter;
  private readonly perKnownCode: KeyedLimiter;
  private readonly createPerAddress: AddressLimiter;

  constructor(
    private readonly specs: AttemptSpecs,
    private readonly clock: Clock,
    shared?: Pick<SharedLimiters, 'attempts' | 'createAddress'>,
  ) {
    this.perAddress = shared?.attempts ?? localLimiter(specs.attempts, clock);
    this.perKnownCode = new KeyedLimiter(specs.knownCode, clock);
    this.createPerAddress = shared?.createAddress ?? localLimiter(specs.createAddress, clock);
  }

  /** Whether `address` may try `code` now (a failed attempt would still be paid for). */
  allowed(address: string, code: string): boolean | Promise<boolean> {
    const known = this.perKnownCode.peek(pairKey(address, code));
    return known ? known.has(1) : this.perAddress.has(address);
  }

  /** Pays for a failed attempt on `code` from `address`. */
  async failed(address: string, code: string): Promise<void> {
    const known = this.perKnownCode.peek(pairKey(address, code));
    if (known) known.take(1);
    else await this.perAddress.take(address);
  }

  /** `address` got into room `code`: its later attempts on it no longer spend the address's budget. */
  proved(address: string, code: string): void {
    this.perKnownCode.bucket(pairKey(address, code));
  }

  /** Takes one room creation from the address's and the socket's allowance, or false if either is spent. */
  async takeCreation(address: string, socketBucket: TokenBucket): Promise<boolean> {
    if (!socketBucket.has(1)) return false;
    if (!(await this.createPerAddress.take(address))) return false;
    socketBucket.take(1);
    return true;
  }

  /** A fresh per-socket creation allowance. */
  socketCreations(): TokenBucket {
    return new TokenBucket(this.specs.createSocket, this.clock);
  }
}

const pairKey = (address: string, code: string): string => `${address}\u0000${code}`;
