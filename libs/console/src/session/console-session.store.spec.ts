import { ConsoleSessionStore, SESSION_LIFETIME_MS } from './console-session.store';

describe('ConsoleSessionStore', () => {
  const user = { token: 'a'.repeat(40), username: 'admin', writeEnabled: true };

  it('finds an open session by its random id until it expires', () => {
    let now = 1_000;
    const store = new ConsoleSessionStore(() => now);
    const session = store.open(user);
    expect(session.id).toMatch(/^[\w-]{43}$/);
    expect(session.csrfToken).not.toBe(session.id);
    expect(store.find(session.id)).toBe(session);
    now += SESSION_LIFETIME_MS;
    expect(store.find(session.id)).toBeUndefined();
  });

  it('ends a session when the token expires before the session would', () => {
    let now = 1_000;
    const store = new ConsoleSessionStore(() => now);
    const session = store.open({ ...user, tokenExpiresAt: 2_000 });
    now = 2_000;
    expect(store.find(session.id)).toBeUndefined();
  });

  it('forgets a closed session and unknown ids', () => {
    const store = new ConsoleSessionStore();
    const session = store.open(user);
    store.close(session.id);
    expect(store.find(session.id)).toBeUndefined();
    expect(store.find('nope')).toBeUndefined();
    expect(store.find(undefined)).toBeUndefined();
  });
});
