import type { Request } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import { requestIdOf } from '@validity/platform/netbox-api';

/** Who made a change, in which request: the `username` and `request_id` of the events it causes. */
export interface ChangeContext {
  username: string;
  requestId: string;
}

export function changeContextOf(request: Request): ChangeContext {
  return { username: authenticatedToken(request).user.username, requestId: requestIdOf(request) };
}
