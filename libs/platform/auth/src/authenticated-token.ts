import type { Request } from 'express';
import type { ApiTokenRecord } from '@validity/contracts';

const TOKEN = Symbol('validity:authenticated-token');

type WithToken = Request & { [TOKEN]?: ApiTokenRecord };

export function setAuthenticatedToken(request: Request, token: ApiTokenRecord): void {
  (request as WithToken)[TOKEN] = token;
}

/** The token the guard accepted for this request; its user becomes the events' `username`. */
export function authenticatedToken(request: Request): ApiTokenRecord {
  const token = (request as WithToken)[TOKEN];
  if (!token) throw new Error('authenticatedToken() called on a route without TokenAuthGuard');
  return token;
}
