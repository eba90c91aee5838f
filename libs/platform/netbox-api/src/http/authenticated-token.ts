import type { Request } from 'express';
import type { ApiTokenRecord } from '@validity/contracts';
import { requestIdOf } from './request-context.middleware';

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

/** Who made a change, in which request: the `username` and `request_id` of the events it causes. */
export interface RequestChangeContext {
  username: string;
  requestId: string;
}

/**
 * The change context of a write. It lives beside the token (which `@validity/platform/auth`'s guard sets)
 * so that the resource kit's write routes can hand it to their use cases.
 */
export function changeContextOf(request: Request): RequestChangeContext {
  return { username: authenticatedToken(request).user.username, requestId: requestIdOf(request) };
}
