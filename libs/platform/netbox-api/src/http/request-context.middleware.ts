import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { v4 as uuidv4, validate as isUuid } from 'uuid';
import { isApiPath, pathOf } from './api-path';

/** The API version NetBox 3.6 reports; pynetbox's `nb.version` reads it from `GET /api/`. */
export const NETBOX_API_VERSION = '3.6';

/** What `NETBOX_API_VERSION` may select: NetBox 3.6 (the default) or NetBox 4.6. */
export type ApiVersion = '3.6' | '4.6';

interface RequestWithId extends IncomingMessage {
  requestId?: string;
}

/**
 * Gives every request an id, answered in `X-Request-ID` and carried as `request_id` by the webhooks and
 * events the request causes (NetBox does the same). An incoming valid UUID is kept, lower-cased as NetBox
 * prints UUIDs, because the gateway assigns the id and forwards it; anything else is replaced, so a
 * client cannot put arbitrary text into logs and event envelopes. Also sets `API-Version` on every
 * `/api/` response: NetBox 3.x only does that when the request had `Content-Type: application/json`
 * (4.3.6+ always does), and no client relies on it being absent.
 */
export function requestContext(apiVersion: ApiVersion = NETBOX_API_VERSION): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && isUuid(incoming) ? incoming.toLowerCase() : uuidv4();
    (req as RequestWithId).requestId = requestId;
    res.setHeader('X-Request-ID', requestId);
    if (isApiPath(pathOf(req.originalUrl))) res.setHeader('API-Version', apiVersion);
    next();
  };
}

/** The id `requestContext()` gave this request. */
export function requestIdOf(req: IncomingMessage): string {
  const { requestId } = req as RequestWithId;
  if (requestId === undefined) {
    throw new Error('No request id: applyNetBoxConventions() (requestContext middleware) is not installed');
  }
  return requestId;
}
