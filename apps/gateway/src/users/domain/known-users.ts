import { ADMIN_USER } from '@validity/platform/auth';
import { NetBoxValidationError } from '@validity/platform/netbox-api';

export interface KnownUser {
  id: number;
  username: string;
}

/** The one account this system has: tokens belong to `admin`, whose key is ADMIN_TOKEN. */
const USERS: readonly KnownUser[] = [ADMIN_USER];

/** NetBox's nested-field lookup: an id, `{"id": n}` or `{"username": "x"}`; absent means the requester. */
export function resolveUser(reference: unknown, requester: KnownUser): KnownUser {
  if (reference === undefined) return requester;
  if (typeof reference === 'number' || (typeof reference === 'string' && /^\d+$/.test(reference))) {
    const user = USERS.find((candidate) => candidate.id === Number(reference));
    if (user) return user;
    throw new NetBoxValidationError({ user: [`Invalid pk "${String(reference)}" - object does not exist.`] });
  }
  if (typeof reference === 'object' && reference !== null && !Array.isArray(reference)) {
    const attributes = reference as Record<string, unknown>;
    const user = USERS.find((candidate) =>
      Object.entries(attributes).every(([name, value]) => candidate[name as keyof KnownUser] === value),
    );
    if (user) return user;
    throw new NetBoxValidationError({
      user: [`Related object not found using the provided attributes: ${JSON.stringify(attributes)}`],
    });
  }
  throw new NetBoxValidationError({ user: ['Incorrect type. Expected pk value, received str.'] });
}
