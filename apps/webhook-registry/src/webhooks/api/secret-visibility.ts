import type { Request } from 'express';
import type { JsonObject } from '@validity/contracts';
import { authenticatedToken } from '@validity/platform/auth';
import { PermissionDeniedError, type QueryParams } from '@validity/platform/netbox-api';
import type { Webhook } from '../domain/webhook';
import { withSecretsMasked } from '../domain/webhook-representation';

/** Query keys that read a secret: its filters with every lookup (`secret__ic=`...), or ordering by it. */
function readsSecret(key: string, value: unknown): boolean {
  if (key === 'secret' || key.startsWith('secret__')) return true;
  const orderings = Array.isArray(value) ? value : [value];
  return (
    key === 'ordering' && orderings.some((ordering) => /(^|,)\s*-?secret\s*(,|$)/.test(String(ordering)))
  );
}

/**
 * Secrets (`secret`, the values of `additional_headers`, a password in `payload_url`) are shown only to
 * tokens that may write the webhook anyway; a read-only token sees them masked, as public topics do.
 */
export function canReadSecrets(request: Request): boolean {
  return authenticatedToken(request).write_enabled;
}

/** The representation this request may see. */
export function visibleTo(request: Request, representation: JsonObject, webhook: Webhook): JsonObject {
  return canReadSecrets(request) ? representation : withSecretsMasked(representation, webhook);
}

/**
 * A read-only token may not filter or order on `secret`: the answers would tell the secret apart
 * character by character (`?secret__isw=a`, `b`, ...) even with the values masked.
 */
export function refuseSecretQueries(request: Request, query: QueryParams): void {
  if (canReadSecrets(request)) return;
  const key = Object.entries(query).find(([name, value]) => readsSecret(name, value))?.[0];
  if (key !== undefined) {
    throw new PermissionDeniedError(`Filtering or ordering on secret (${key}) needs a write-enabled token.`);
  }
}
