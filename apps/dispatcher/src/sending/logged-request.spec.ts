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
});
