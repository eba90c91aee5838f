import type { Request } from 'express';
import { restDateTime } from '@validity/contracts';
import { absoluteUrl } from '@validity/platform/netbox-api';
import type { ApiToken } from '../domain/api-token';

/**
 * NetBox 3.6's TokenSerializer, in its key order. The key is stored only as a hash, so it appears once, in
 * the answer that creates the token (NetBox's `ALLOW_TOKEN_RETRIEVAL = False` behaviour); `display` shows
 * its last six characters as NetBox's partial key does.
 */
export function apiTokenRepresentation(
  request: Request,
  token: ApiToken,
  key?: string,
): Record<string, unknown> {
  return {
    id: token.id,
    url: absoluteUrl(request, `/api/users/tokens/${token.id}/`),
    display: `**********${token.keyHint}`,
    user: {
      id: token.userId,
      url: absoluteUrl(request, `/api/users/users/${token.userId}/`),
      display: token.username,
      username: token.username,
    },
    created: restDateTime(token.created),
    expires: token.expires ? restDateTime(token.expires) : null,
    last_used: token.lastUsed ? restDateTime(token.lastUsed) : null,
    ...(key === undefined ? {} : { key }),
    write_enabled: token.writeEnabled,
    description: token.description,
  };
}

export function briefApiTokenRepresentation(request: Request, token: ApiToken): Record<string, unknown> {
  return {
    id: token.id,
    url: absoluteUrl(request, `/api/users/tokens/${token.id}/`),
    display: `**********${token.keyHint}`,
  };
}
