import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../server/net/address';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4', false)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1');
  });

  it('takes the address one trusted hop back from the peer', () => {
    expect(clientAddress('10.0.0.1', 'spoofed, 1.2.3.4', 1)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', 'spoofed, 1.2.3.4, 10.0.0.2', 2)).toBe('1.2.3.4');
  });

  it('takes the left-most address when every hop is trusted', () => {
    expect(clientAddress('10.0.0.1', '1.2.3.4, 10.0.0.2', true)).toBe('1.2.3.4');
  });

  it('falls back to the peer for an empty header', () => {
    expect(clientAddress('10.0.0.1', ' , ', 1)).toBe('10.0.0.1');
  });
});
