import { LOGGED_BODY_LIMIT_BYTES, loggedRequest } from './logged-request';

describe('loggedRequest', () => {
  const clear = new Set(['content-type', 'webhook-id', 'webhook-timestamp', 'user-agent']);

  it('masks every header value it is not told is harmless, and keeps names and order', () => {
    const logged = loggedRequest(
      {
        'Content-Type': 'application/json',
        'X-Api-Key': 'key-from-additional-headers',
        Authorization: 'Basic dXNlcjpwYXNz',
        'X-Hook-Signature': 'abc123',
        'webhook-id': 'msg_1_2',
        'webhook-timestamp': '1700000000',
        'webhook-signature': 'v1,xyz',
        'User-Agent': 'validity-events/1.0.0',
      },
      Buffer.from('{}'),
      clear,
    );
    expect(Object.entries(logged.headers)).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Api-Key', '********'],
      ['Authorization', '********'],
      ['X-Hook-Signature', '********'],
      ['webhook-id', 'msg_1_2'],
      ['webhook-timestamp', '1700000000'],
      ['webhook-signature', '********'],
      ['User-Agent', 'validity-events/1.0.0'],
    ]);
  });

  it('leaves an empty value empty, as public topics do', () => {
    expect(loggedRequest({ 'X-Empty': '' }, Buffer.alloc(0), clear).headers).toEqual({ 'X-Empty': '' });
  });

  it('keeps only the start of a long body', () => {
    const logged = loggedRequest({}, Buffer.alloc(LOGGED_BODY_LIMIT_BYTES + 10, 'a'), clear);
    expect(logged.body).toHaveLength(LOGGED_BODY_LIMIT_BYTES);
  });

  it('keeps no copy of a body that is the stored event, whole, in text PostgreSQL reads back the same', () => {
    const event = Buffer.from('{"event": "created", "data": {"display": "caf\\u00e9"}}');
    expect(loggedRequest({}, event, clear, event)).toEqual({ headers: {}, body: null, bodyIsEvent: true });
  });

  it('copies a body that is not the event itself, is cut, is not UTF-8 or holds NUL', () => {
    const rendered = Buffer.from('{"x": 1}');
    const long = Buffer.alloc(LOGGED_BODY_LIMIT_BYTES + 1, 'a');
    const invalid = Buffer.from([0x7b, 0xff, 0x7d]);
    const withNul = Buffer.from([0x7b, 0x00, 0x7d]);
    for (const [body, event] of [
      [rendered, Buffer.from('{"x": 1}')],
      [long, long],
      [invalid, invalid],
      [withNul, withNul],
    ]) {
      const logged = loggedRequest({}, body, clear, event);
      expect(logged.bodyIsEvent).toBe(false);
      expect(logged.body).toBe(body.subarray(0, LOGGED_BODY_LIMIT_BYTES).toString('utf8'));
    }
  });
});
