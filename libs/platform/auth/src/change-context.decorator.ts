import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from '@validity/platform/netbox-api';
import { authenticatedToken } from './authenticated-token';

/** Who made a change, in which request: the `username` and `request_id` of the events it causes. */
export interface RequestChangeContext {
  username: string;
  requestId: string;
}

/**
 * The change context of a write, as a handler parameter (part of the NetBox resource kit; it lives here
 * because it needs the authenticated token, and this library already builds on `netbox-api`).
 */
export const ChangeContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestChangeContext => {
    const request = context.switchToHttp().getRequest<Request>();
    return { username: authenticatedToken(request).user.username, requestId: requestIdOf(request) };
  },
);
