import { randomBytes } from 'node:crypto';

/** What the console knows about a signed-in user; the API token never leaves this process. */
export interface ConsoleSession {
  id: string;
  token: string;
  username: string;
  writeEnabled: boolean;
  /** Synchronizer token every form and action must echo back (`csrfmiddlewaretoken`, as in NetBox). */
  csrfToken: string;
  expiresAt: number;
}

/** How long a sign-in lasts when the token itself does not expire sooner. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * Sessions held in the gateway's memory: the cookie carries only a random id, so the API token is never
 * sent to the browser. A restart of the gateway signs everyone out, which an operations console can
 * afford (signing in again takes one paste).
 */
export class ConsoleSessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly now: () => number = Date.now) {}

  open(user: {
    token: string;
    username: string;
    writeEnabled: boolean;
    tokenExpiresAt?: number;
  }): ConsoleSession {
    this.dropExpired();
    const expiresAt = Math.min(this.now() + SESSION_LIFETIME_MS, user.tokenExpiresAt ?? Infinity);
    const session: ConsoleSession = {
      id: randomBytes(32).toString('base64url'),
      token: user.token,
      username: user.username,
      writeEnabled: user.writeEnabled,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  find(id: string | undefined): ConsoleSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
