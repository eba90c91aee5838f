import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { pathIdOf } from '../http/path-id';
import { baseUrl } from '../http/request-url';
import { isBrief } from '../listing/brief';

function requestOf(context: ExecutionContext): Request {
  return context.switchToHttp().getRequest<Request>();
}

/**
 * The `{id}` of a detail route as a number: only its canonical decimal form up to `maxId` (default: the
 * largest integer JavaScript holds exactly); anything else is DRF's 404, as for an unknown id
 * (`pathIdOf`). `Number(id)` would let `1e3` or `0x1` name an object.
 */
export const ObjectId = createParamDecorator((maxId: number | undefined, context: ExecutionContext) =>
  pathIdOf(String(requestOf(context).params.id), maxId),
);

/** `?brief=...` read as `isBrief` does: the nested representation instead of the full one. */
export const Brief = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  isBrief(requestOf(context).query as Record<string, string | string[] | undefined>),
);

/**
 * Scheme and host the client used (the gateway's, behind it), without a final slash: prefixed to the
 * `url` fields of representations and to `Location`.
 */
export const BaseUrl = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  baseUrl(requestOf(context)),
);
