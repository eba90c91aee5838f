import type { ApiTokenRecord } from '@validity/contracts';
import type { TokenDirectory } from './token-directory';

export type AuthenticationOutcome =
  | { ok: true; token: ApiTokenRecord }
  /** `unknownKey`: a well-formed header whose key the directory does not hold (yet). */
  | { ok: false; detail: string; unknownKey?: true };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * NetBox 3.6's TokenAuthentication and TokenPermissions, with its exact `detail` texts. The answer to a
 * failure is 403, never 401: NetBox's first authentication class offers no challenge, so DRF sends 403.
 */
export function authenticateRequest(
  authorization: string | undefined,
  method: string,
  directory: TokenDirectory,
  now: Date = new Date(),
): AuthenticationOutcome {
  if (!authorization) return { ok: false, detail: 'Authentication credentials were not provided.' };
  const parts = authorization.trim().split(/\s+/);
  if (parts[0].toLowerCase() !== 'token') {
    return { ok: false, detail: 'Authentication credentials were not provided.' };
  }
  if (parts.length === 1) return { ok: false, detail: 'Invalid token header. No credentials provided.' };
  if (parts.length > 2) {
    return { ok: false, detail: 'Invalid token header. Token string should not contain spaces.' };
  }
  const token = directory.findByKey(parts[1]);
  if (!token) return { ok: false, detail: 'Invalid token', unknownKey: true };
  if (token.expires !== null && Date.parse(token.expires) < now.getTime()) {
    return { ok: false, detail: 'Token expired' };
  }
  if (!token.write_enabled && !SAFE_METHODS.has(method.toUpperCase())) {
    return { ok: false, detail: 'You do not have permission to perform this action.' };
  }
  return { ok: true, token };
}
