import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'validity_console_session';

/** The session id from the `Cookie` header (no cookie-parsing middleware for one value). */
export function sessionIdOf(request: Request): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure behind HTTPS. */
export function setSessionCookie(request: Request, response: Response, id: string, expiresAt: number): void {
  response.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.secure,
    path: '/',
  });
}
