import { NotFoundError } from '../errors/not-found.error';

/** The digits of a canonical id: no sign, no leading zero, no spaces, no exponent. */
const CANONICAL_ID = /^[1-9]\d*$/;

/**
 * The `{id}` of a detail route, or NetBox's 404 for anything that is not the canonical decimal form of
 * a positive id up to `maxId`. Django would read `01`, `+1` or ` 1` as 1 and JavaScript's `Number()`
 * even `1e0` and `0x1`; one object answering at many URLs confuses caches and audit logs, so only the
 * form the API itself writes in `url` names an object.
 */
export function pathIdOf(segment: string, maxId = Number.MAX_SAFE_INTEGER): number {
  const id = CANONICAL_ID.test(segment) ? Number(segment) : NaN;
  if (!(id <= maxId)) throw new NotFoundError();
  return id;
}
