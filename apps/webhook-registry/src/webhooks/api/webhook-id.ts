import { pathIdOf } from '@validity/platform/netbox-api';

/**
 * The id in `/api/extras/webhooks/{id}/`. NetBox's route takes any segment and answers 404 for one that
 * is not an existing id; only an id's canonical form names it (`pathIdOf`).
 */
export function webhookIdOf(segment: string): number {
  return pathIdOf(segment);
}
