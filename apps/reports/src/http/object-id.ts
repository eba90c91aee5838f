import { pathIdOf } from '@validity/platform/netbox-api';

/** PostgreSQL `integer`, the type of the ids of tests and reports. */
export const MAX_INTEGER_ID = 2_147_483_647;

/**
 * The `{id}` of a detail route; anything that cannot be an id is DRF's 404, as for an unknown one. Test
 * results have `bigint` ids, read here up to the largest integer JavaScript holds exactly.
 */
export function objectIdOf(param: string, maxId = MAX_INTEGER_ID): number {
  return pathIdOf(param, maxId);
}
