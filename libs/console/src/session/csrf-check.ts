import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { ConsoleSession } from './console-session.store';

/** The form field name NetBox (Django) uses, so operators recognise it in a captured request. */
export const CSRF_FIELD = 'csrfmiddlewaretoken';

/**
 * A state-changing request must come from a page of this origin: the browser's `Origin` (or, failing
 * that, `Referer`) names this host, and `Sec-Fetch-Site` is not `cross-site`. SameSite=Strict alone does
 * not cover another port of the same host, which is the same site.
 */
export function isSameOrigin(request: Request): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const source = request.headers.origin ?? request.headers.referer;
  if (!source || source === 'null') return source === undefined;
  try {
    return new URL(source).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Same origin and the session's synchronizer token in the form body, compared in constant time. */
export function passesCsrfCheck(request: Request, session: ConsoleSession): boolean {
  if (!isSameOrigin(request)) return false;
  const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
