import { hookSignature, isValidHookSignature } from './hook-signature';

describe('NetBox hook signature', () => {
  const body = Buffer.from('{"event": "created", "data": {"name": "caf\\u00e9"}}');

  it('is the hex HMAC-SHA512 NetBox computes (value from Python hmac.new(secret, body, sha512))', () => {
    // python3 -c 'import hmac,hashlib; print(hmac.new(b"s3cret", b"abc", hashlib.sha512).hexdigest())'
    expect(hookSignature('s3cret', Buffer.from('abc'))).toBe(
      '10d1993bd77941834427976e9e3a11118ceaa49327f62a4d9dd1d96a086b175f' +
        'eddec27aed5d21a67820f9f8a6ca7f279b5cd49a5f62b187437a33e5c1856131',
    );
  });

  it('accepts the right signature, in either hex case', () => {
    const signature = hookSignature('s3cret', body);
    expect(isValidHookSignature('s3cret', body, signature)).toBe(true);
    expect(isValidHookSignature('s3cret', body, signature.toUpperCase())).toBe(true);
  });

  it('refuses a missing, malformed or wrong signature, and one over other bytes', () => {
    const signature = hookSignature('s3cret', body);
    expect(isValidHookSignature('s3cret', body, undefined)).toBe(false);
    expect(isValidHookSignature('s3cret', body, 'abc')).toBe(false);
    expect(isValidHookSignature('other', body, signature)).toBe(false);
    expect(isValidHookSignature('s3cret', Buffer.concat([body, Buffer.from(' ')]), signature)).toBe(false);
  });
});
