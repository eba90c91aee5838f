import { Webhook } from 'standardwebhooks';
import { signRequest } from './sign-request';

const body = Buffer.from('{"event": "created", "data": {"name": "caf\\u00e9"}}', 'utf8');
const attemptedAt = new Date('2024-01-10T08:15:02.401Z');
const messageId = 'msg_01890a5d-ac96-774b-bcce-b302099a8057_7';

describe('signRequest', () => {
  it('signs the body as NetBox does: hex HMAC-SHA512 keyed by the secret (known-answer vector)', () => {
    // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'abc', b'hello', hashlib.sha512).hexdigest())"
    const headers = signRequest({ secret: 'abc', body: Buffer.from('hello'), messageId, attemptedAt });
    expect(headers['X-Hook-Signature']).toBe(
      '7b458e1a9dda7dcff225037f22ddb4d2c47b706fe380a70a4952d9905f4c0aae' +
        '1d52bcbf014a33b769e8029771fe92cbd8337ba3a2580ad46788985567cb7a3e',
    );
  });

  it('adds Standard Webhooks headers that the standardwebhooks package verifies', () => {
    const secret = 'netbox-secret-with-ünïcode';
    const headers = signRequest({ secret, body, messageId, attemptedAt });
    expect(headers['webhook-id']).toBe(messageId);
    expect(headers['webhook-timestamp']).toBe('1704874502');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);

    const receiver = new Webhook(`whsec_${Buffer.from(secret, 'utf8').toString('base64')}`);
    jest.useFakeTimers({ now: attemptedAt });
    try {
      expect(() => receiver.verify(body, headers)).not.toThrow();
      expect(() => receiver.verify(Buffer.concat([body, Buffer.from(' ')]), headers)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends the id and timestamp but no signature without a secret', () => {
    expect(signRequest({ secret: '', body, messageId, attemptedAt })).toEqual({
      'webhook-id': messageId,
      'webhook-timestamp': '1704874502',
    });
  });

  it('signs with the old and the new secret during a rotation, X-Hook-Signature with the new only', () => {
    const headers = signRequest({ secret: 'new', previousSecret: 'old', body, messageId, attemptedAt });
    expect(headers['webhook-signature']).toMatch(/^v1,\S{44} v1,\S{44}$/);
    expect(headers['X-Hook-Signature']).toBe(
      signRequest({ secret: 'new', body, messageId, attemptedAt })['X-Hook-Signature'],
    );
    jest.useFakeTimers({ now: attemptedAt });
    try {
      for (const secret of ['old', 'new']) {
        const receiver = new Webhook(`whsec_${Buffer.from(secret).toString('base64')}`);
        expect(() => receiver.verify(body, headers)).not.toThrow();
      }
      const stranger = new Webhook(`whsec_${Buffer.from('other').toString('base64')}`);
      expect(() => stranger.verify(body, headers)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });
});
