import type { Request } from 'express';

/**
 * The absolute URL the client asked for, as DRF's `request.build_absolute_uri()`: pagination's `next`
 * and `previous` are built from it and pynetbox follows them verbatim, so behind the gateway they must
 * name the gateway. Express takes scheme and host from `X-Forwarded-Proto`/`X-Forwarded-Host` when
 * `trust proxy` (set by `applyNetBoxConventions`) trusts the sender, else from the connection and `Host`.
 */
export function requestUrl(req: Request): URL {
  return new URL(req.originalUrl, `${req.protocol}://${req.host}`);
}

/** `path` made absolute against the request's origin: for `url` fields and the `Location` of a 201. */
export function absoluteUrl(req: Request, path: string): string {
  return new URL(path, `${req.protocol}://${req.host}`).href;
}
