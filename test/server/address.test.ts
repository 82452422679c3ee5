import express from 'express';
import { describe, expect, it } from 'vitest';
import type { TrustProxy } from '../../server/config';
import { clientAddress, type TrustFn } from '../../server/net/address';

/** The trust function Express compiles for a `trust proxy` setting, as the server uses it. */
function trusting(setting: TrustProxy): TrustFn {
  const app = express();
  app.set('trust proxy', setting);
  return app.get('trust proxy fn') as TrustFn;
}

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4', trusting(false))).toBe('10.0.0.1');
  });

  it('takes the address one trusted hop back from the peer', () => {
    expect(clientAddress('10.0.0.1', 'spoofed, 1.2.3.4', trusting(1))).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', 'spoofed, 1.2.3.4, 10.0.0.2', trusting(2))).toBe('1.2.3.4');
  });

  it('takes the left-most address when every hop is trusted', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4, 10.0.0.2', trusting(true))).toBe('1.2.3.4');
  });

  it('trusts only the listed proxies', () => {
    expect(clientAddress('127.0.0.1', 'spoofed, 1.2.3.4', trusting(['loopback']))).toBe('1.2.3.4');
    expect(clientAddress('203.0.113.5', '1.2.3.4', trusting(['loopback']))).toBe('203.0.113.5');
  });

  it('falls back to the peer for an empty header', () => {
    expect(clientAddress('10.0.0.1', ' , ', trusting(1))).toBe('10.0.0.1');
  });
});
