import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityVerified } from './profile';

describe('identityVerified', () => {
  const secret = 'site-secret';
  const hash = createHmac('sha256', secret).update('customer-42').digest('hex');

  it('accepts the HMAC of the user id under the site secret', () => {
    expect(identityVerified(secret, 'customer-42', hash)).toBe(true);
    expect(identityVerified(secret, 'customer-42', hash.toUpperCase())).toBe(true);
  });

  it('fails closed: another id, another secret, a missing or malformed hash, no secret', () => {
    expect(identityVerified(secret, 'customer-43', hash)).toBe(false);
    expect(identityVerified('other-secret', 'customer-42', hash)).toBe(false);
    expect(identityVerified(secret, 'customer-42', undefined)).toBe(false);
    expect(identityVerified(secret, 'customer-42', 'abc')).toBe(false);
    expect(identityVerified(null, 'customer-42', hash)).toBe(false);
  });
});
