import { authenticateRequest } from './authenticate-request';
import { TokenDirectory } from './token-directory';
import { hashTokenKey } from './token-key';

const ADMIN_KEY = '0123456789abcdef0123456789abcdef01234567';
const READ_ONLY_KEY = 'ffffffffffffffffffffffffffffffffffffffff';
const EXPIRED_KEY = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';

function directory(): TokenDirectory {
  const tokens = new TokenDirectory(ADMIN_KEY);
  const user = { id: 2, username: 'viewer' };
  tokens.put({ id: 5, user, key_sha256: hashTokenKey(READ_ONLY_KEY), write_enabled: false, expires: null });
  tokens.put({
    id: 6,
    user,
    key_sha256: hashTokenKey(EXPIRED_KEY),
    write_enabled: true,
    expires: '2020-01-01T00:00:00Z',
  });
  return tokens;
}

const detailOf = (outcome: ReturnType<typeof authenticateRequest>) => (outcome.ok ? 'ok' : outcome.detail);

describe('authenticateRequest (NetBox 3.6 token rules)', () => {
  it.each([
    [undefined, 'GET', 'Authentication credentials were not provided.'],
    ['Bearer abc', 'GET', 'Authentication credentials were not provided.'],
    ['Token', 'GET', 'Invalid token header. No credentials provided.'],
    ['Token a b', 'GET', 'Invalid token header. Token string should not contain spaces.'],
    [`Token ${'1'.repeat(40)}`, 'GET', 'Invalid token'],
    [`Token ${EXPIRED_KEY}`, 'GET', 'Token expired'],
    [`Token ${READ_ONLY_KEY}`, 'POST', 'You do not have permission to perform this action.'],
    [`Token ${READ_ONLY_KEY}`, 'DELETE', 'You do not have permission to perform this action.'],
    [`Token ${READ_ONLY_KEY}`, 'GET', 'ok'],
    [`token ${ADMIN_KEY}`, 'POST', 'ok'],
  ])('Authorization %p on %s gives %p', (header, method, expected) => {
    expect(detailOf(authenticateRequest(header, method, directory()))).toBe(expected);
  });

  it('stops accepting a token once it is removed', () => {
    const tokens = directory();
    tokens.remove(5);
    expect(detailOf(authenticateRequest(`Token ${READ_ONLY_KEY}`, 'GET', tokens))).toBe('Invalid token');
  });

  it('accepts the admin token from the environment as user admin with write access', () => {
    const outcome = authenticateRequest(`Token ${ADMIN_KEY}`, 'PATCH', directory());
    expect(outcome.ok && outcome.token.user).toEqual({ id: 1, username: 'admin' });
  });
});
