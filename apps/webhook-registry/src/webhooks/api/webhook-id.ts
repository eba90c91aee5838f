import { NotFoundError } from '@validity/platform/netbox-api';

/**
 * The id in `/api/extras/webhooks/{id}/`. NetBox's route takes any segment and answers 404 for one that
 * is not an existing id (Django's `get_object_or_404` turns a non-integer into "not found").
 */
export function webhookIdOf(segment: string): number {
  const id = /^\+?\d+$/.test(segment) ? Number(segment) : NaN;
  if (!Number.isSafeInteger(id)) throw new NotFoundError();
  return id;
}
