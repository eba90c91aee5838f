import type { Request } from 'express';
import { absoluteUrl } from '@validity/platform/netbox-api';

/** Scheme and host the client used (the gateway's, behind it), prefixed to `url` fields in answers. */
export function requestOrigin(request: Request): string {
  return absoluteUrl(request, '/').slice(0, -1);
}
